package kiln.keras;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import kiln.api.KilnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Kiln cannot import is an error naming the file, the layer and what was expected. */
class ImportErrorsTest {
  @TempDir Path dir;

  /** A Keras 2.4 Sequential model: input (4, 3), then {@code layer}, then a Dense(2). */
  static String sequential(String layer) {
    return """
        {"class_name": "Sequential", "config": {"name": "m", "layers": [
         {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4, 3], "dtype": "float32",
          "sparse": false, "ragged": false, "name": "input_1"}},
         %s,
         {"class_name": "Dense", "config": {"name": "dense", "units": 2, "activation": "softmax",
          "use_bias": true}}]}}
        """.formatted(layer);
  }

  static final String FLATTEN = "{\"class_name\": \"Flatten\", \"config\": {\"name\": \"flatten\","
      + " \"data_format\": \"channels_last\"}}";

  private Path write(String config, KerasH5Writer.Weights weights) {
    Path file = dir.resolve("model.h5");
    KerasH5Writer w = new KerasH5Writer(config);
    weights.add(w);
    w.write(file);
    return file;
  }

  private Path withDense(String config, int in) {
    return write(config, w -> w.weight("dense", "kernel", 0, in, 2).weight("dense", "bias", 0, 2));
  }

  @Test
  void anUnsupportedLayerTypeNamesTheLayer() {
    Path f = withDense(sequential("{\"class_name\": \"Lambda\", \"config\": {\"name\": \"my_lambda\","
        + " \"function\": \"...\"}}"), 3);
    assertThatThrownBy(() -> KerasModelFile.read(f)).isInstanceOf(KilnException.class)
        .hasMessageStartingWith(f + ": layer 'my_lambda' (Lambda): layer type Lambda is not supported; Kiln imports"
            + " InputLayer, Conv1D, Conv2D");
  }

  @Test
  void anUnknownArgumentNamesTheLayerAndTheArgument() {
    Path f = withDense(sequential("{\"class_name\": \"Flatten\", \"config\": {\"name\": \"flat\", \"order\": 2}}"), 12);
    assertThatThrownBy(() -> KerasModelFile.read(f))
        .hasMessageStartingWith(f + ": layer 'flat' (Flatten): Flatten: unknown argument 'order'; expected one of");
  }

  @Test
  void channelsFirstIsRefused() {
    Path f = withDense(sequential("{\"class_name\": \"Flatten\", \"config\": {\"name\": \"flatten\","
        + " \"data_format\": \"channels_first\"}}"), 12);
    assertThatThrownBy(() -> KerasModelFile.read(f)).hasMessage(f + ": layer 'flatten' (Flatten): argument"
        + " 'data_format' = channels_first is not supported; expected channels_last");
  }

  @Test
  void aConstraintIsRefused() {
    Path f = withDense(sequential("{\"class_name\": \"Dense\", \"config\": {\"name\": \"d0\", \"units\": 3,"
        + " \"kernel_constraint\": {\"class_name\": \"MaxNorm\", \"config\": {\"max_value\": 2}}}}"), 3);
    assertThatThrownBy(() -> KerasModelFile.read(f)).hasMessageStartingWith(f + ": layer 'd0' (Dense): argument"
        + " 'kernel_constraint' = {class_name=MaxNorm");
  }

  @Test
  void aMissingWeightNamesTheLayerAndTheWeight() {
    Path f = write(sequential(FLATTEN), w -> w.weight("dense", "kernel", 0, 12, 2));
    assertThatThrownBy(() -> KerasModelFile.read(f)).hasMessage(f + ": layer 'dense' (Dense) needs weight 'bias'"
        + " [2]; the file holds [dense/kernel:0]");
  }

  @Test
  void aWeightOfAnotherShapeIsRefused() {
    Path f = withDense(sequential(FLATTEN), 10);
    assertThatThrownBy(() -> KerasModelFile.read(f)).hasMessage(f + ": layer 'dense' (Dense): weight"
        + " dense/kernel:0 has shape [10, 2], the layer's config gives [12, 2]");
  }

  @Test
  void aWeightsOnlyFileIsRefused() {
    Path f = dir.resolve("weights.h5");
    new KerasH5Writer(null).weight("dense", "kernel", 0, 3, 2).write(f);
    assertThatThrownBy(() -> KerasModelFile.read(f)).hasMessageStartingWith(f + ": has no model_config"
        + " attribute; Kiln imports whole models saved by Keras' model.save(...h5)");
  }

  @Test
  void aFileThatIsNotHdf5IsNamed() throws Exception {
    Path f = dir.resolve("text.h5");
    java.nio.file.Files.writeString(f, "not hdf5");
    assertThatThrownBy(() -> KerasModelFile.read(f)).hasMessageStartingWith(f + ": not a readable HDF5 file");
  }

  @Test
  void anOtherModelClassIsRefused() {
    Path f = withDense("{\"class_name\": \"MyModel\", \"config\": {}}", 3);
    assertThatThrownBy(() -> KerasModelFile.read(f)).hasMessage(f + ": model_config describes a 'MyModel'; Kiln"
        + " imports Keras Sequential and functional (Functional, Model) models");
  }
}
