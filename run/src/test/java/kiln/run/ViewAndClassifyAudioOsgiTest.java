package kiln.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import kiln.api.platform.Accelerator;
import kiln.audio.frontend.FrontendPresets;
import kiln.tflite.ModelParameters;
import kiln.tflite.TfliteModel;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/** {@code kiln:view} and {@code kiln:classify_audio} as the running framework registers them. */
class ViewAndClassifyAudioOsgiTest {
  @InjectBundleContext BundleContext context;

  @InjectService(timeout = 5000)
  CommandProcessor processor;

  @TempDir Path tmp;

  private Path fixture(String relative) {
    String p = context.getProperty("kiln.fixtures");
    Path f = (p != null ? Paths.get(p) : Paths.get(System.getProperty("user.dir"), "../../shared/fixtures"))
        .resolve(relative);
    assumeTrue(Files.isRegularFile(f), "fixtures not found at " + f);
    return f;
  }

  @Test
  void viewWritesThePageColouredByAnInstalledAccelerator() throws Exception {
    assumeTrue(Arrays.stream(context.getBundles()).anyMatch(b -> "kiln.view".equals(b.getSymbolicName())),
        "kiln.view is not in this framework: add it to itest.bndrun's -runrequires");
    Path model = fixture("mltk/tflite_micro_speech.tflite");
    OsgiShell.await(context, Accelerator.class, "mvp", true, 5);
    Path page = tmp.resolve("ms.html");
    String out = OsgiShell.run(processor, "kiln:view --accelerator mvp -o " + page + " " + model);
    assertThat(out).startsWith("tflite_micro_speech: 4 ops, 16652 parameters, 336000 MACs, coloured by"
        + " accelerator mvp").contains("wrote " + page);
    assertThat(Files.readString(page)).contains("weights_shape[1] (4000) > 2048");
  }

  @Test
  void classifyAudioDetectsYesInARecording() throws Exception {
    TfliteModel m = TfliteModel.read(fixture("tflm/micro_speech_quantized.tflite"));
    ModelParameters p = m.parameters();
    p.put("classes", List.of("_silence_", "_unknown_", "yes", "no"));
    FrontendPresets.microSpeech().toParameters().forEach(p::put);
    m.setParameters(p);
    Path model = tmp.resolve("micro_speech_fe.tflite");
    m.write(model);
    String out = OsgiShell.run(processor, "kiln:classify_audio --fast --window-duration 500 --file "
        + fixture("tflm/yes_1000ms.wav") + " " + model);
    assertThat(out).isEqualTo("1 detection in 1.00 s of audio (10 inferences, one per 100 ms)");
  }
}
