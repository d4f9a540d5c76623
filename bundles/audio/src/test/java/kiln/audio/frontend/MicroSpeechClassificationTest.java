package kiln.audio.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import kiln.audio.WavReader;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.junit.jupiter.api.Test;

/**
 * The TFLM micro_speech model (reference TFLite, no delegates) classifies Kiln's int8 features of
 * the real yes/no recordings correctly. Classes: silence, unknown, yes, no.
 */
class MicroSpeechClassificationTest {
  static byte[] classify(byte[] features) {
    Path model = FixtureFrontendTest.tflm().resolve("micro_speech_quantized.tflite");
    try (FlatBufferModel fb = FlatBufferModel.VerifyAndBuildFromFile(model.toString());
        BuiltinOpResolverWithoutDefaultDelegates resolver = new BuiltinOpResolverWithoutDefaultDelegates();
        InterpreterBuilder builder = new InterpreterBuilder(fb, resolver);
        // a null Interpreter for the builder to fill: `new Interpreter()` leaves one the builder's result
        // does not replace cleanly, and AllocateTensors then crashes
        Interpreter interpreter = new Interpreter((Pointer) null)) {
      assertThat(builder.apply(interpreter)).isZero();
      assertThat(interpreter.AllocateTensors()).isZero();
      BytePointer in = interpreter.typed_input_tensor_byte(0);
      in.put(features, 0, features.length);
      assertThat(interpreter.Invoke()).isZero();
      byte[] scores = new byte[4];
      interpreter.typed_output_tensor_byte(0).get(scores);
      return scores;
    }
  }

  static byte[] kilnInt8(String clip) {
    short[] pcm = WavReader.readPcm16(FixtureFrontendTest.tflm().resolve(clip), 16000);
    return FeatureQuantizer.toInt8(new MicroFrontend(FrontendPresets.microSpeech()).extract(pcm));
  }

  static int argmax(byte[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  @Test
  void int8FeaturesEqualTheCFrontendInt8Fixtures() throws Exception {
    for (String clip : new String[] {"yes_1000ms", "no_1000ms", "silence_1000ms", "noise_1000ms"}) {
      byte[] expected = Files.readAllBytes(FixtureFrontendTest.tflm().resolve("frontend/" + clip + ".i8.bin"));
      assertThat(kilnInt8(clip + ".wav")).as(clip).isEqualTo(expected);
    }
  }

  @Test
  void classifiesYesAsYes() {
    byte[] scores = classify(kilnInt8("yes_1000ms.wav"));
    assertThat(argmax(scores)).as("scores %s", java.util.Arrays.toString(scores)).isEqualTo(2);
  }

  @Test
  void classifiesNoAsNo() {
    byte[] scores = classify(kilnInt8("no_1000ms.wav"));
    assertThat(argmax(scores)).as("scores %s", java.util.Arrays.toString(scores)).isEqualTo(3);
  }

  @Test
  void classifiesNoiseAsSilence() {
    byte[] scores = classify(kilnInt8("noise_1000ms.wav"));
    assertThat(argmax(scores)).as("scores %s", java.util.Arrays.toString(scores)).isEqualTo(0);
  }

  @Test
  void oracleReproducesTheGoldenScoresOnTheGoldenFeatures() throws Exception {
    byte[] golden = Files.readAllBytes(FixtureFrontendTest.tflm().resolve("yes_micro_features_int8.bin"));
    assertThat(classify(golden)).containsExactly(-128, -128, 127, -128);
  }
}
