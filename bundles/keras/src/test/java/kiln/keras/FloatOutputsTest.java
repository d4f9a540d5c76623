package kiln.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import kiln.api.model.TensorData;
import kiln.micro.MicroModel;
import kiln.micro.MicroRuntime;
import kiln.quantize.internal.Ptq;
import kiln.tensorflow.train.TensorFlowTrainer;
import kiln.tflite.Subgraph;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Test;

/**
 * The imported float model computes what TensorFlow computes: MLTK's .h5 read by Kiln, run by
 * TensorFlow (Kiln's trainer's predict) and by Kiln's micro runtime (the quantizer's float32 file),
 * on real microfrontend features dequantized with the model input's scale and zero point; and
 * TensorFlow's own int8 file (MLTK's .tflite) agrees with both within its quantization.
 */
class FloatOutputsTest {
  @Test
  void theImportedModelsFloatOutputsAreTensorFlows() throws Exception {
    MltkArchive a = MltkArchive.read(Fixtures.mltkArchive());
    Subgraph tf = TfliteModel.read(a.tflite(), "MLTK's .tflite").mainSubgraph();
    List<byte[]> int8 = MltkFeatures.int8();
    List<float[]> x = MltkFeatures.dequantized(int8, tf.tensor(tf.inputs()[0]));

    List<float[]> tensorflow = new TensorFlowTrainer().predict(a.model().graph(), a.model().weights(), x, List.of())
        .values().iterator().next();
    Ptq.Output q = ConverterParityTest.quantize(a, x, ConverterParityTest.MICRO);
    MicroModel kilnFloat = MicroRuntime.load(q.float32(), "Kiln's float32 file");
    MicroModel mltkInt8 = MicroRuntime.load(a.tflite(), "MLTK's .tflite");
    float outScale = mltkInt8.outputs().get(0).scale();
    int outZero = mltkInt8.outputs().get(0).zeroPoint();
    double worstFloat = 0;
    double worstInt8 = 0;
    for (int i = 0; i < x.size(); i++) {
      float[] kf = kilnFloat.run(List.of(TensorData.ofFloat32(new int[] {1, 49, 40, 1}, x.get(i)))).get(0).toFloats();
      byte[] mq = mltkInt8.run(List.of(TensorData.ofInt8(new int[] {1, 49, 40, 1}, int8.get(i)))).get(0).bytes();
      float[] t = tensorflow.get(i);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-15s", MltkFeatures.NAMES.get(i)));
      for (int c = 0; c < t.length; c++) {
        float m = (mq[c] - outZero) * outScale;
        line.append(String.format(Locale.ROOT, "  TF %.6f Kiln %.6f MLTK-int8 %.4f", t[c], kf[c], m));
        assertThat(kf[c]).as(MltkFeatures.NAMES.get(i) + " class " + c).isCloseTo(t[c], within(1e-5f));
        // MLTK's int8 file: its own quantization error on top, well under 0.1 here
        assertThat(m).as(MltkFeatures.NAMES.get(i) + " class " + c + " int8").isCloseTo(t[c], within(0.1f));
        worstFloat = Math.max(worstFloat, Math.abs(kf[c] - t[c]));
        worstInt8 = Math.max(worstInt8, Math.abs(m - t[c]));
      }
      System.out.println(line);
      if (MltkFeatures.KEYWORDS[i] >= 0) {
        assertThat(argmax(t)).as(MltkFeatures.NAMES.get(i)).isEqualTo(MltkFeatures.KEYWORDS[i]);
      }
    }
    System.out.printf(Locale.ROOT, "largest difference from TensorFlow: Kiln float %.3g, MLTK int8 %.3g%n",
        worstFloat, worstInt8);
  }

  static int argmax(float[] v) {
    int b = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[b]) {
        b = i;
      }
    }
    return b;
  }
}
