package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kiln.api.KilnException;
import kiln.api.model.ElementType;
import kiln.api.model.TensorSpec;
import kiln.audio.frontend.FrontendPresets;
import kiln.tflite.ModelParameters;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferCommandTest {
  static final kiln.api.model.Interpreter MICRO = new kiln.micro.internal.MicroInterpreterService();

  @TempDir Path tmp;

  private Path fixture(String name) {
    kiln.micro.Fixtures.read("tflm/" + name);
    return kiln.micro.Fixtures.dir().resolve("tflm/" + name);
  }

  @Test
  void rawInt8FeaturesPrintTheScoresAndWriteTheOutput() throws Exception {
    Path out = tmp.resolve("scores.bin");
    String text = InferCommand.run(MICRO, fixture("micro_speech_quantized.tflite"),
        fixture("yes_micro_features_int8.bin"), out);
    assertThat(text).contains("output 0 'labels_softmax' int8[1, 4]")
        .contains("[2] 127 (0.996094)").contains("[0] -128 (0.000000)");
    assertThat(Files.readAllBytes(out)).containsExactly(-128, -128, 127, -128);
  }

  /** micro_speech_quantized.tflite with its classes and the micro_speech frontend as fe.* parameters. */
  private Path microSpeechWithFrontend(boolean dynamicScale) {
    TfliteModel m = TfliteModel.read(fixture("micro_speech_quantized.tflite"));
    ModelParameters p = m.parameters();
    p.put("classes", List.of("_silence_", "_unknown_", "yes", "no"));
    var fe = FrontendPresets.microSpeech().toBuilder().quantizeDynamicScaleEnable(dynamicScale).build();
    fe.toParameters().forEach(p::put);
    m.setParameters(p);
    Path out = tmp.resolve(dynamicScale ? "ms_dyn.tflite" : "ms_fe.tflite");
    m.write(out);
    return out;
  }

  @Test
  void wavInputIsClassifiedThroughTheModelsFrontendParameters() {
    Path model = microSpeechWithFrontend(false);
    String yes = InferCommand.run(MICRO, model, fixture("yes_1000ms.wav"), null);
    assertThat(yes).contains("[2] yes 127 (0.996094)").endsWith("prediction: yes");
    String no = InferCommand.run(MICRO, model, fixture("no_1000ms.wav"), null);
    assertThat(no).contains("[3] no ").endsWith("prediction: no");
  }

  @Test
  void wavFeaturesEqualTheTfliteMicroFrontendsBitForBit() {
    Path model = microSpeechWithFrontend(false);
    TfliteModel m = TfliteModel.read(model);
    TensorSpec spec = new TensorSpec("input", ElementType.INT8, new int[] {1, 1960}, 0.1f, -128);
    for (String clip : new String[] {"yes_1000ms", "no_1000ms"}) {
      byte[] expected = kiln.micro.Fixtures.read("tflm/frontend/" + clip + ".i8.bin");
      byte[] got = InferCommand.wavInput(m, "ms_fe.tflite", fixture(clip + ".wav"), spec).bytes();
      assertThat(got).as(clip).containsExactly(expected);
    }
  }

  @Test
  void dynamicScaleMapsTheLoudestFeatureTo127() {
    Path model = microSpeechWithFrontend(true);
    TfliteModel m = TfliteModel.read(model);
    TensorSpec spec = new TensorSpec("input", ElementType.INT8, new int[] {1, 1960}, 0.1f, -128);
    byte[] dyn = InferCommand.wavInput(m, "ms_dyn.tflite", fixture("yes_1000ms.wav"), spec).bytes();
    byte[] fixed = kiln.micro.Fixtures.read("tflm/frontend/yes_1000ms.i8.bin");
    int max = Byte.MIN_VALUE;
    for (byte b : dyn) {
      max = Math.max(max, b);
    }
    assertThat(max).isEqualTo(127);
    assertThat(dyn).isNotEqualTo(fixed);
  }

  @Test
  void wavInputsAreRefusedWithoutFrontendParametersOrWithAnotherShape() {
    Path plain = fixture("micro_speech_quantized.tflite");
    Path wav = fixture("yes_1000ms.wav");
    assertThatThrownBy(() -> InferCommand.run(MICRO, plain, wav, null))
        .isInstanceOf(KilnException.class)
        .hasMessage("input file " + wav + ": a .wav input needs the audio frontend settings in"
            + " the model's parameters (fe.* entries of SL_PARAMSv1), micro_speech_quantized.tflite"
            + " has none; give the features as .npy or raw bytes instead");
    TfliteModel hello = TfliteModel.read(fixture("hello_world_float.tflite"));
    ModelParameters p = hello.parameters();
    FrontendPresets.microSpeech().toParameters().forEach(p::put);
    hello.setParameters(p);
    Path helloFe = tmp.resolve("hello_fe.tflite");
    hello.write(helloFe);
    assertThatThrownBy(() -> InferCommand.run(MICRO, helloFe, wav, null))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("the frontend settings of hello_fe.tflite give 49 frames x 40"
            + " channels = 1960 features, but input")
        .hasMessageContaining("[1, 1] holds 1");
  }

  @Test
  void npyFloatInputIsReadForAFloatModel() throws Exception {
    Path npy = tmp.resolve("x.npy");
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }";
    StringBuilder h = new StringBuilder(header);
    while ((10 + h.length() + 1) % 64 != 0) {
      h.append(' ');
    }
    h.append('\n');
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + h.length() + 4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes()).put((byte) 1).put((byte) 0)
        .putShort((short) h.length()).put(h.toString().getBytes()).putFloat(1.5707964f);
    Files.write(npy, b.array());
    String text = InferCommand.run(MICRO, fixture("hello_world_float.tflite"), npy, null);
    // sin(pi/2) = 1; the small model approximates it
    assertThat(text).contains("float32[1, 1]");
    double y = Double.parseDouble(text.substring(text.indexOf("[0] ") + 4).trim());
    assertThat(y).isBetween(0.8, 1.2);
  }

  @Test
  void aWrongSizeInputIsReportedByName() throws Exception {
    Path bad = tmp.resolve("bad.bin");
    Files.write(bad, new byte[7]);
    Path model = fixture("micro_speech_quantized.tflite"); // outside the lambda: skips when fixtures are absent
    assertThatThrownBy(() -> InferCommand.run(MICRO, model, bad, null))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("bad.bin has 7 bytes")
        .hasMessageContaining("needs 1960 raw bytes");
  }
}
