package kiln.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kiln.api.KilnException;
import kiln.quantize.internal.PtqInt8Quantizer;
import kiln.spec.SearchPath;
import kiln.spec.SearchPathModelFinder;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kiln:profile NAME --build} with the spec finder and the int8 quantizer created directly. */
class ProfileBuildTest {
  static SearchPathModelFinder finder(Path emptyDir) {
    return new SearchPathModelFinder(
        () -> new SearchPath(List.of(new SearchPath.Root(emptyDir, false, "test"))),
        kiln.models.ReferenceSpecs::all);
  }

  static SpecBuild builder(Path emptyDir) {
    return new SpecBuild(finder(emptyDir), new PtqInt8Quantizer(new kiln.micro.internal.MicroInterpreterService()));
  }

  @Test
  void microSpeechSpecOnMvpHasTheSeedsLayersOpsAndMacs(@TempDir Path dir) throws Exception {
    String json = ProfileCommand.run("tflite_micro_speech", "mvp", true, "", "json",
        Fixtures.accelerators(), builder(dir), Fixtures.interpreter());
    assertThat(ProfileCommandTest.schema().validate(ProfileCommandTest.JSON.readTree(json))).isEmpty();
    JsonNode n = ProfileCommandTest.JSON.readTree(json);
    assertThat(n.get("name").asText()).isEqualTo("tflite_micro_speech");
    assertThat(n.get("accelerator").asText()).isEqualTo("mvp");
    assertThat(n.get("ops").asLong()).isEqualTo(684_024);
    assertThat(n.get("macs").asLong()).isEqualTo(336_000);
    assertThat(n.get("layer_count").asInt()).isEqualTo(4);
    assertThat(n.get("unsupported_layer_count").asInt()).isEqualTo(1);
    List<String> opcodes = new ArrayList<>();
    n.get("layers").forEach(l -> opcodes.add(l.get("opcode").asText()));
    assertThat(opcodes).containsExactly("conv_2d", "reshape", "fully_connected", "softmax");
    JsonNode fc = n.get("layers").get(2);
    assertThat(fc.get("supported").asBoolean()).isFalse();
    assertThat(fc.get("error").asText()).isEqualTo("weights_shape[1] (4000) > 2048");
    // the spec's tflite_converter settings: float32 in and out, so QUANTIZE/DEQUANTIZE are not
    // layers the profiler counts unless the quantizer adds them; the input is the spec's shape
    assertThat(n.get("inputs").get(0).get("shape").toString()).isEqualTo("[1,49,40,1]");
  }

  /**
   * fingerprint_signature_generator trains a two-input Siamese model but exports its tower (the spec's
   * exportModel(), MLTK's on_save_keras_model), so --build profiles the tower as MLTK's profile does:
   * one 180x180x1 input, 16 outputs, and MACs worked by hand, 88*88*8*5*5 (conv 5x5 stride 2) +
   * 42*42*16*3*3*8 (conv 3x3) + 16*16 (dense) = 3,581,184, MLTK's "Total MACs: 3.581 M" of the tower.
   */
  @Test
  void fingerprintBuildProfilesTheExportedTower(@TempDir Path dir) throws Exception {
    String json = ProfileCommand.run("fingerprint_signature_generator", "none", true, "", "json",
        Fixtures.accelerators(), builder(dir), Fixtures.interpreter());
    JsonNode n = ProfileCommandTest.JSON.readTree(json);
    assertThat(n.get("macs").asLong()).isEqualTo(1_548_800L + 2_032_128L + 256L);
    // MLTK's profile of its tower: Layer Count 5 (its converter writes the first 1-channel conv as a
    // depthwise_conv_2d; Kiln's quantizer keeps conv_2d, with the same MACs)
    assertThat(n.get("layer_count").asInt()).isEqualTo(5);
    List<String> opcodes = new ArrayList<>();
    n.get("layers").forEach(l -> opcodes.add(l.get("opcode").asText()));
    assertThat(opcodes).containsExactly("conv_2d", "average_pool_2d", "conv_2d", "mean", "fully_connected");
    // ops by hand, as MLTK's table prints them: average pool 44*44*8*(4 + 1) = 77,440 ("77.4k"),
    // fully connected 2*16*16 + 16 = 528 ("528.0"); MLTK's Operation Count 7.5M
    assertThat(n.get("layers").get(1).get("ops").asLong()).isEqualTo(77_440L);
    assertThat(n.get("layers").get(4).get("ops").asLong()).isEqualTo(528L);
    assertThat(n.get("ops").asLong() / 100_000 / 10.0).isEqualTo(7.5);
    assertThat(n.get("inputs")).hasSize(1);
    assertThat(n.get("inputs").get(0).get("shape").toString()).isEqualTo("[1,180,180,1]");
    assertThat(n.get("outputs").get(0).get("shape").toString()).isEqualTo("[1,16]");
  }

  @Test
  void textReportPrintsTheSeedsFigures(@TempDir Path dir) {
    String text = ProfileCommand.run("tflite_micro_speech", "mvp", true, "", "text",
        Fixtures.accelerators(), builder(dir), Fixtures.interpreter());
    assertThat(text).startsWith("Profiling Summary")
        .contains("Name: tflite_micro_speech")
        .contains("Operation Count: 684.0k")
        .contains("Multiply-Accumulate Count: 336.0k")
        .contains("Layer Count: 4")
        .contains("Unsupported Layer Count: 1")
        .contains("weights_shape[1] (4000) > 2048");
  }

  @Test
  void builtModelIsQuantizedWithTheSpecsParameters(@TempDir Path dir) {
    SpecBuilder.Built built = builder(dir).build("tflite_micro_speech");
    TfliteModel m = TfliteModel.read(built.tflite(), "built");
    assertThat(m.parameters().get("name")).isEqualTo("tflite_micro_speech");
    assertThat(m.parameters().get("classes")).isEqualTo(List.of("yes", "no", "_unknown_", "_silence_"));
    assertThat(m.parameters().get("fe.sample_rate_hz")).isEqualTo(16000L);
    assertThat(built.origin()).contains("random weights");
    // seeded: building twice gives the same file apart from the date stamp and hash
    SpecBuilder.Built again = builder(dir).build("tflite_micro_speech");
    assertThat(again.tflite().length).isEqualTo(built.tflite().length);
  }

  @Test
  void missingServicesAreNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> ProfileCommand.run("tflite_micro_speech", "mvp", true, "", "text",
        Fixtures.accelerators(), new SpecBuild(null, new PtqInt8Quantizer(new kiln.micro.internal.MicroInterpreterService())),
        Fixtures.interpreter()))
        .isInstanceOf(KilnException.class)
        .hasMessage("--build tflite_micro_speech: no kiln.spec.ModelFinder service is registered"
            + " (install the kiln.spec bundle)");
    assertThatThrownBy(() -> ProfileCommand.run("tflite_micro_speech", "mvp", true, "", "text",
        Fixtures.accelerators(), new SpecBuild(finder(dir), null), Fixtures.interpreter()))
        .isInstanceOf(KilnException.class)
        .hasMessage("--build tflite_micro_speech: no kiln.api.model.Quantizer service named"
            + " 'ptq-int8' is registered (install the kiln.quantize bundle)");
    assertThatThrownBy(() -> ProfileCommand.run("tflite_micro_speech", "mvp", true, "", "text",
        Fixtures.accelerators(), null, Fixtures.interpreter()))
        .isInstanceOf(KilnException.class)
        .hasMessageStartingWith("--build tflite_micro_speech: no kiln.spec.ModelFinder service is"
            + " available");
    assertThatThrownBy(() -> ProfileCommand.run("no_such_model", "mvp", true, "", "text",
        Fixtures.accelerators(), builder(dir), Fixtures.interpreter()))
        .isInstanceOf(KilnException.class)
        .hasMessageStartingWith("model 'no_such_model' not found on the model search path");
  }
}
