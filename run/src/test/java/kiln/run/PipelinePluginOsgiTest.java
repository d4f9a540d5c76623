package kiln.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import kiln.api.model.Trainer;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/**
 * The platform's promise in a running framework: a bundle installed at run time that registers its
 * own Trainer, Quantizer, Interpreter, Evaluator and DatasetProvider (kiln.test-steps, written against
 * kiln.api alone) is picked by name by kiln:train, which runs a small model end to end through each of
 * them; once the bundle is uninstalled, the same command fails with an error naming the missing
 * service, without a restart.
 */
class PipelinePluginOsgiTest {
  static final String SPEC = """
      import static kiln.nn.Args.kw;

      import java.util.List;
      import kiln.api.data.FrontendSettings;
      import kiln.nn.*;
      import kiln.spec.*;

      // @kiln_model
      public class plugin_tones extends KilnModel implements TrainMixin, AudioDatasetMixin, EvaluateClassifierMixin {
        public plugin_tones() {
          epochs = 1;
          batchSize = 4;
          dataset = "test-data";
          classes = List.of("low", "high");
          tfliteConverter.put("inference_input_type", "int8");
          tfliteConverter.put("inference_output_type", "int8");
          datagen = new ParallelAudioDataGenerator(kw(
              "frontend_settings", FrontendSettings.builder().sampleRateHz(16000).sampleLengthMs(1000)
                  .windowSizeMs(30).windowStepMs(20).filterbankNChannels(10).build(),
              "validation_split", 0.25,
              "cores", 1));
        }

        @Override
        public Network buildModel() {
          Sequential m = new Sequential(name());
          m.add(new InputLayer(inputShape()));
          m.add(new Conv2D(kw("filters", 2, "kernel_size", List.of(3, 3), "strides", List.of(2, 2))));
          m.add(new Flatten());
          m.add(new Dense(kw("units", 2, "activation", "softmax")));
          return m;
        }
      }
      """;

  @InjectBundleContext BundleContext context;

  @InjectService(timeout = 5000)
  CommandProcessor processor;

  @Test
  void kilnTrainRunsThroughThePluginsStepsAndForgetsThemWhenTheBundleGoes() throws Exception {
    Path dir = Files.createTempDirectory(Paths.get("target"), "plugin-train").toAbsolutePath();
    Path spec = dir.resolve("plugin_tones.java");
    Files.writeString(spec, SPEC);
    Path log = Paths.get(context.getProperty("kiln.testSteps.log"));
    Files.deleteIfExists(log);
    String train = "kiln:train --epochs 1 --trainer test-trainer --quantizer test-quantizer"
        + " --interpreter test-interpreter --evaluator test-evaluator " + spec;

    Bundle plugin;
    try (InputStream in = Files.newInputStream(Paths.get(context.getProperty("kiln.testSteps")))) {
      plugin = context.installBundle("test-steps", in);
    }
    plugin.start();
    awaitTrainer("test-trainer", true);

    String report = run(train);
    assertThat(report).contains("Trained plugin_tones: 1 epochs").contains(".tflite (int8) accuracy");
    List<String> calls = Files.readAllLines(log);
    assertThat(calls).contains("dataset")
        .anyMatch(l -> l.matches("train plugin_tones samples=\\d+ seed=42"))
        .anyMatch(l -> l.matches("quantize plugin_tones representative=\\d+ interpreter=test interpreter"))
        .contains("load int8 .tflite", "load float32 .tflite")
        .anyMatch(l -> l.startsWith("predict "))
        .anyMatch(l -> l.startsWith("evaluate "));
    assertThat(dir.resolve("plugin_tones.kiln.zip")).exists();

    plugin.uninstall();
    awaitTrainer("test-trainer", false);
    assertThatThrownBy(() -> run(train))
        .hasMessageContaining("no trainer named 'test-trainer' is installed (installed: [tensorflow])");
  }

  private void awaitTrainer(String name, boolean present) throws Exception {
    OsgiShell.await(context, Trainer.class, name, present, 10);
  }

  private String run(String line) throws Exception {
    return OsgiShell.run(processor, line);
  }
}
