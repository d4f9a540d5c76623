package kiln.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kiln.api.KilnException;
import kiln.api.model.LayerGraph;
import kiln.nn.ModelSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Specs compiled from source files on a search path, and the errors a user sees. */
class SpecLoadingTest {
  @TempDir Path dir;
  SearchPathModelFinder finder;

  static String spec(String name, String constructorBody, String layers) {
    return String.join("\n",
        "import static kiln.nn.Args.kw;", // line 1
        "import java.util.List;",
        "import kiln.nn.*;",
        "import kiln.spec.*;",
        "",
        "// @kiln_model",
        "public class " + name + " extends KilnModel implements TrainMixin, DatasetMixin, EvaluateClassifierMixin {",
        "  public " + name + "() {", // line 8
        "    classes = List.of(\"a\", \"b\");",
        "    inputShape = new int[] {8, 8, 1};",
        constructorBody, // line 11
        "  }",
        "  @Override public Network buildModel() {",
        "    Sequential m = new Sequential(name());",
        "    m.add(new InputLayer(inputShape()));",
        layers, // line 16
        "    m.add(new Flatten());",
        "    m.add(new Dense(nClasses()).set(\"activation\", \"softmax\"));",
        "    return m;",
        "  }",
        "}");
  }

  @BeforeEach
  void finder() {
    finder = new SearchPathModelFinder(
        () -> new SearchPath(List.of(new SearchPath.Root(dir, false, "current directory"))), List::of);
  }

  Path write(String name, String source) throws IOException {
    return Files.writeString(dir.resolve(name + ".java"), source);
  }

  @Test
  void compilesAndBuildsASpecFromTheSearchPath() throws IOException {
    write("my_model", spec("my_model", "    batchSize = 8; earlyStopping = kw(\"patience\", 3);",
        "    m.add(new Conv2D(4, 3).set(\"padding\", \"same\"));"));
    Files.writeString(dir.resolve("Other.java"), "public class Other {}"); // no tag: not a model
    assertThat(finder.list()).extracting(ModelEntry::name).containsExactly("my_model");
    KilnModel m = finder.load("my_model");
    assertThat(m.name()).isEqualTo("my_model");
    assertThat(m.testMode()).isFalse();
    assertThat(m.batchSize).isEqualTo(8);
    assertThat(m.mixins()).containsExactly("TrainMixin", "DatasetMixin", "EvaluateClassifierMixin");
    assertThat(m.specSource()).contains("@kiln_model");
    LayerGraph g = m.buildGraph();
    assertThat(ModelSummary.of(g).totalParams()).isEqualTo(4 * 9 + 4 + 8 * 8 * 4 * 2 + 2);
    @SuppressWarnings("unchecked")
    var es = (java.util.Map<String, Object>) m.trainSettings().get("early_stopping");
    assertThat(es).containsEntry("patience", 3).containsEntry("monitor", "val_loss")
        .containsEntry("restore_best_weights", false);
    assertThat(finder.load("my_model-test").testMode()).isTrue();
  }

  @Test
  void compileErrorNamesFileAndLine() throws IOException {
    Path f = write("broken", spec("broken", "    batchSize = \"many\";", ""));
    assertThatThrownBy(() -> finder.load("broken"))
        .isInstanceOf(KilnException.class)
        .hasMessageStartingWith(f.toAbsolutePath() + ":11: error: incompatible types: java.lang.String cannot be converted to int");
  }

  @Test
  void unknownLayerArgumentNamesFileLineAndExpectedArguments() throws IOException {
    Path f = write("bad_arg", spec("bad_arg", "", "    m.add(new Conv2D(kw(\"filter\", 8, \"kernel_size\", 3)));"));
    assertThatThrownBy(() -> finder.load("bad_arg"))
        .isInstanceOf(KilnException.class)
        .hasMessageStartingWith(f.toAbsolutePath() + ":16: Conv2D: unknown argument 'filter'; expected one of input_shape, filters, kernel_size, strides");
  }

  @Test
  void badLayerValueNamesTheArgument() throws IOException {
    Path f = write("bad_value", spec("bad_value", "", "    m.add(new Conv2D(4, 3).set(\"padding\", \"full\"));"));
    assertThatThrownBy(() -> finder.load("bad_value"))
        .hasMessage(f.toAbsolutePath() + ":16: Conv2D: argument 'padding' expected one of valid, same, got 'full'");
  }

  @Test
  void badPropertyValueNamesTheSettingAndItsLine() throws IOException {
    Path f = write("bad_prop", spec("bad_prop", "    batchSize = 0;", ""));
    assertThatThrownBy(() -> finder.load("bad_prop"))
        .hasMessage(f.toAbsolutePath() + ":11: batch_size: expected a positive integer, got 0");
    Path g = write("bad_conv", spec("bad_conv", "    tfliteConverter.put(\"inference_input_type\", \"int4\");", ""));
    assertThatThrownBy(() -> finder.load("bad_conv"))
        .hasMessage(g.toAbsolutePath() + ":11: tflite_converter.inference_input_type: expected one of float32, int8, uint8, got 'int4'");
    Path h = write("bad_cb", spec("bad_cb", "    earlyStopping = kw(\"monitor\", \"val_accuracy\", \"patiance\", 5);", ""));
    assertThatThrownBy(() -> finder.load("bad_cb"))
        .hasMessageStartingWith(h.toAbsolutePath() + ":11: early_stopping: unknown key 'patiance'; expected one of monitor, min_delta, patience");
    Path d = write("bad_gen", spec("bad_gen", "    datagen = new ParallelAudioDataGenerator(kw(\"max_batch_pending\", 4));", ""));
    assertThatThrownBy(() -> finder.load("bad_gen"))
        .hasMessageStartingWith(d.toAbsolutePath() + ":11: datagen.max_batch_pending: unknown setting of ParallelAudioDataGenerator; expected one of cores, debug, max_batches_pending");
    Path e = write("bad_epochs", spec("bad_epochs", "    epochs = -1;", ""));
    assertThatThrownBy(() -> finder.load("bad_epochs"))
        .hasMessage(e.toAbsolutePath() + ":11: epochs: -1 (train until early stopping) needs early_stopping to be set");
  }

  @Test
  void tensorBoardSettingsKilnCannotHonourAreRefused() throws IOException {
    Path h = write("tb_hist", spec("tb_hist", "    tensorboard = kw(\"histogram_freq\", 1);", ""));
    assertThatThrownBy(() -> finder.load("tb_hist")).isInstanceOf(KilnException.class)
        .hasMessage(h.toAbsolutePath() + ":11: tensorboard.histogram_freq: not supported: Kiln writes"
            + " no weight histograms; expected 0 or no histogram_freq, got 1");
    Path u = write("tb_batch", spec("tb_batch", "    tensorboard = kw(\"update_freq\", \"batch\");", ""));
    assertThatThrownBy(() -> finder.load("tb_batch")).isInstanceOf(KilnException.class)
        .hasMessage(u.toAbsolutePath() + ":11: tensorboard.update_freq: not supported: Kiln writes"
            + " TensorBoard scalars once per epoch; expected 'epoch' or no update_freq, got 'batch'");
    write("tb_ok", spec("tb_ok", "    tensorboard = kw(\"histogram_freq\", 0, \"update_freq\", \"epoch\");", ""));
    assertThat(finder.load("tb_ok").tensorboard).containsEntry("update_freq", "epoch");
  }

  @Test
  void fileNameWithADashIsRejected() throws IOException {
    Path f = write("my-model", spec("my_model", "", ""));
    assertThat(finder.list()).singleElement().satisfies(e -> assertThat(e.problem())
        .isEqualTo("model name 'my-model' (the file name) may only contain letters, digits and underscore"));
    assertThatThrownBy(() -> finder.load(f.toString()))
        .hasMessage(f.toAbsolutePath() + ": model name 'my-model' (the file name) may only contain letters, digits and underscore");
    assertThatThrownBy(() -> finder.load("my-model"))
        .hasMessage("model name 'my-model' (the file name) may only contain letters, digits and underscore (NAME-test is the dry run)");
  }

  @Test
  void classNotMatchingTheFileNameIsExplained() throws IOException {
    Path f = write("named", spec("other_name", "", ""));
    assertThatThrownBy(() -> finder.load("named"))
        .hasMessageStartingWith(f.toAbsolutePath() + ":7: error: class other_name is public, should be declared in a file named other_name.java");
  }

  @Test
  void unknownModelSaysWhereItLooked() {
    assertThatThrownBy(() -> finder.load("nothing_here"))
        .hasMessage("model 'nothing_here' not found on the model search path (current directory " + dir
            + "; bundles: none); a spec file NAME.java needs a line with @kiln_model");
  }

  @Test
  void settingsYamlModelPaths() throws IOException {
    Path yaml = dir.resolve("settings.yaml");
    Files.writeString(yaml, "# kiln settings\nother: 1\nmodel_paths:\n  - /a/b\n  - \"/c d\"  # quoted\nnext: x\n");
    assertThat(SearchPath.settingsModelPaths(yaml)).containsExactly("/a/b", "/c d");
    Files.writeString(yaml, "model_paths: [/x, '/y']\n");
    assertThat(SearchPath.settingsModelPaths(yaml)).containsExactly("/x", "/y");
    Files.writeString(yaml, "model_paths: ~/models\n");
    assertThat(SearchPath.settingsModelPaths(yaml))
        .containsExactly(System.getProperty("user.home") + "/models");
    Files.writeString(yaml, "# nothing set yet\n");
    assertThat(SearchPath.settingsModelPaths(yaml)).isEmpty();
  }

  @Test
  void brokenSettingsYamlNamesTheFile() throws IOException {
    Path yaml = dir.resolve("settings.yaml");
    Files.writeString(yaml, "model_paths: [/x\n");
    assertThatThrownBy(() -> SearchPath.settingsModelPaths(yaml))
        .isInstanceOf(KilnException.class)
        .hasMessageStartingWith("settings file " + yaml + " is not valid YAML: ");
    Files.writeString(yaml, "model_paths:\n  a: 1\n");
    assertThatThrownBy(() -> SearchPath.settingsModelPaths(yaml))
        .isInstanceOf(KilnException.class)
        .hasMessage("settings file " + yaml + ": model_paths should be a list of folder paths, found {a=1}");
    Files.writeString(yaml, "!!java.io.File [/etc]\n");
    assertThatThrownBy(() -> SearchPath.settingsModelPaths(yaml))
        .isInstanceOf(KilnException.class)
        .hasMessageStartingWith("settings file " + yaml + " is not valid YAML: ");
  }

  @Test
  void recursiveRootsFindNestedSpecs() throws IOException {
    Path sub = Files.createDirectories(dir.resolve("deep/er"));
    Files.writeString(sub.resolve("nested.java"), spec("nested", "", ""));
    SearchPath p = new SearchPath(List.of(new SearchPath.Root(dir, true, "KILN_MODEL_PATH")));
    assertThat(p.scan()).extracting(ModelEntry::name, ModelEntry::source).containsExactly(
        org.assertj.core.groups.Tuple.tuple("nested", "KILN_MODEL_PATH"));
    assertThat(new SearchPath(List.of(new SearchPath.Root(dir, false, "cwd"))).scan()).isEmpty();
  }

  @Test
  void otherFilesAreNotSpecs() throws IOException {
    Path t = Files.writeString(dir.resolve("model.tflite"), "x");
    assertThat(finder.find(t.toString())).isNull();
    assertThat(finder.find("model.kiln.zip")).isNull();
    assertThatThrownBy(() -> finder.load(t.toString())).hasMessage(t + ": no such spec file (expected NAME.java)");
  }

  @Test
  void listModelsTable() throws IOException {
    write("my_model", spec("my_model", "", ""));
    write("my-model", spec("my_model", "", ""));
    String table = kiln.spec.internal.ModelCommands.format(finder.list());
    assertThat(table.lines()).hasSize(3);
    assertThat(table).startsWith("Name      Source\n")
        .contains("my_model  current directory: " + dir.resolve("my_model.java"))
        .contains("my-model  current directory: " + dir.resolve("my-model.java")
            + "  (cannot load: model name 'my-model' (the file name) may only contain letters, digits and underscore)");
  }
}
