package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.model.EvaluationJob;
import kiln.api.model.EvaluationResult;
import kiln.api.model.Evaluator;
import kiln.api.model.Interpreter;
import kiln.api.model.LayerGraph;
import kiln.api.model.LoadedModel;
import kiln.api.model.QuantizeJob;
import kiln.api.model.QuantizeResult;
import kiln.api.model.Quantizer;
import kiln.api.model.TrainJob;
import kiln.api.model.TrainResult;
import kiln.api.model.Trainer;
import kiln.api.model.Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kiln:train reaches every step through the service registered under the name it is asked for:
 * services registered under other names (here spies around the real ones) are used when named, and
 * a name nobody registered is an error naming the kind, the name and what is installed.
 */
class ServiceChoiceTest {
  @TempDir Path dir;

  final List<String> calls = new ArrayList<>();

  @Test
  void aTrainRunUsesTheTrainerQuantizerInterpreterAndEvaluatorItNames() {
    Catalog c = Pipelines.catalog(true);
    Trainer tf = c.trainers.get(Catalog.TRAINER);
    Quantizer ptq = c.quantizers.get(Catalog.QUANTIZER);
    Interpreter micro = c.interpreters.get(Catalog.INTERPRETER);
    Evaluator classifier = c.evaluators.get("classifier");
    c.trainers.put("spy-trainer", new Trainer() {
      @Override
      public String description() {
        return "spy";
      }

      @Override
      public TrainResult train(TrainJob job) {
        calls.add("train");
        return tf.train(job);
      }

      @Override
      public Map<String, List<float[]>> predict(LayerGraph g, Weights w, List<float[]> s, List<String> l) {
        calls.add("predict");
        return tf.predict(g, w, s, l);
      }
    });
    c.quantizers.put("spy-quantizer", new Quantizer() {
      @Override
      public String description() {
        return "spy";
      }

      @Override
      public QuantizeResult quantize(QuantizeJob job) {
        calls.add("quantize with " + (job.interpreter() == c.interpreters.get("spy-interpreter") ? "spy" : "other"));
        return ptq.quantize(job);
      }
    });
    c.interpreters.put("spy-interpreter", new Interpreter() {
      @Override
      public String description() {
        return "spy";
      }

      @Override
      public LoadedModel load(byte[] flatbuffer, String name) {
        calls.add("load " + name);
        return micro.load(flatbuffer, name);
      }
    });
    c.evaluators.put("spy-evaluator", new Evaluator() {
      @Override
      public String description() {
        return "spy";
      }

      @Override
      public EvaluationResult evaluate(EvaluationJob job) {
        calls.add("evaluate");
        return classifier.evaluate(job);
      }
    });
    c.trainers.remove(Catalog.TRAINER);
    c.quantizers.remove(Catalog.QUANTIZER);

    TrainCommand cmd = new TrainCommand(TrainFixtures.services(TrainCommandTest.DATASET, c), dir, dir.resolve("w"));
    String report = cmd.run("keyword_spotting_yes_no-test", new TrainCommand.Options(1, false, true, 7L,
        "spy-trainer", "spy-quantizer", "spy-interpreter", "spy-evaluator"), new TrainFixtures.Lines());

    assertThat(report).contains(".tflite (int8) accuracy");
    assertThat(calls).contains("train", "predict", "quantize with spy", "evaluate")
        .contains("load int8 .tflite", "load float32 .tflite");
    assertThat(calls.stream().filter(x -> x.equals("evaluate"))).hasSize(2);
  }

  @Test
  void aNameNobodyRegisteredIsAnErrorNamingWhatIsInstalled() {
    Catalog c = Pipelines.catalog(false);
    assertThatThrownBy(() -> c.steps("pytorch", null, null, "classifier", true))
        .isInstanceOf(KilnException.class)
        .hasMessage("no trainer named 'pytorch' is installed (installed: [])");
    assertThatThrownBy(() -> c.steps(null, null, null, "classifier", true))
        .isInstanceOf(KilnException.class)
        .hasMessage("no trainer named 'tensorflow' is installed (installed: []); the default 'tensorflow'"
            + " comes with the bundle kiln.tensorflow");
    c.interpreters.clear();
    assertThatThrownBy(() -> c.steps(null, null, null, "classifier", false))
        .hasMessageContaining("no interpreter named 'kiln-micro' is installed")
        .hasMessageContaining("the bundle kiln.micro");
  }
}
