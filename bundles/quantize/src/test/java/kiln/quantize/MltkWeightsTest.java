package kiln.quantize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kiln.spec.QuantizeJobs;
import kiln.api.Progress;
import kiln.api.model.LayerGraph;
import kiln.api.model.TensorData;
import kiln.api.model.Weights;
import kiln.micro.MicroModel;
import kiln.micro.MicroRuntime;
import kiln.quantize.internal.Ptq;
import kiln.spec.KilnModel;
import kiln.tflite.ModelFiles;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MLTK's trained tflite_micro_speech weights (recovered from its .tflite: dequantized, batch norm
 * already folded, so an identity BatchNormalization here) quantized by Kiln with its own calibration:
 * the model must classify real microfrontend features as MLTK's file does.
 *
 * <p>What this does not show: that Kiln quantizes float weights as TensorFlow's converter does.
 * Weights recovered from int8 quantize back to the same int8 under symmetric per-channel
 * quantization whatever the quantizer, so comparing them would prove nothing; that comparison is
 * made from the float weights of MLTK's .h5 by bundles/keras' ConverterParityTest.
 */
class MltkWeightsTest {
  @TempDir Path empty;

  @Test
  void mltksWeightsQuantizedByKilnClassifyRealFeaturesLikeMltksFile() throws Exception {
    Path zip = TestModels.fixtures().resolve("mltk/tflite_micro_speech.mltk.zip");
    Assumptions.assumeTrue(Files.isRegularFile(zip), "fixtures not found at " + zip.toAbsolutePath());
    byte[] mltkBytes = ModelFiles.readTflite(zip);
    Subgraph m = TfliteModel.read(mltkBytes, "mltk").mainSubgraph();
    Tensor filter = m.tensor(m.operators().get(0).input(1)); // 8x10x8x1 OHWI
    Tensor convBias = m.tensor(m.operators().get(0).input(2));
    Tensor fcWeights = m.tensor(m.operators().get(2).input(1)); // 4x4000
    Tensor fcBias = m.tensor(m.operators().get(2).input(2));

    Weights w = new Weights();
    float[] kernel = new float[10 * 8 * 8];
    for (int o = 0; o < 8; o++) {
      float s = filter.quantization().scales()[o];
      for (int y = 0; y < 10; y++) {
        for (int x = 0; x < 8; x++) {
          kernel[(y * 8 + x) * 8 + o] = filter.data()[(o * 10 + y) * 8 + x] * s; // Keras [10, 8, 1, 8]
        }
      }
    }
    w.put("conv2d/kernel", TensorData.ofFloat32(new int[] {10, 8, 1, 8}, kernel));
    w.put("conv2d/bias", TensorData.ofFloat32(new int[] {8}, dequantizeBias(convBias)));
    float[] ones = {1, 1, 1, 1, 1, 1, 1, 1};
    float[] zeros = new float[8];
    float[] var = new float[8];
    java.util.Arrays.fill(var, 1f - 0.001f); // gamma / sqrt(var + epsilon) = 1
    w.put("batch_normalization/gamma", TensorData.ofFloat32(new int[] {8}, ones));
    w.put("batch_normalization/beta", TensorData.ofFloat32(new int[] {8}, zeros));
    w.put("batch_normalization/moving_mean", TensorData.ofFloat32(new int[] {8}, zeros));
    w.put("batch_normalization/moving_variance", TensorData.ofFloat32(new int[] {8}, var));
    float[] dense = new float[4000 * 4];
    float fs = fcWeights.quantization().scale();
    for (int u = 0; u < 4; u++) {
      for (int i = 0; i < 4000; i++) {
        dense[i * 4 + u] = fcWeights.data()[u * 4000 + i] * fs; // Keras [4000, 4]
      }
    }
    w.put("dense/kernel", TensorData.ofFloat32(new int[] {4000, 4}, dense));
    w.put("dense/bias", TensorData.ofFloat32(new int[] {4}, dequantizeBias(fcBias)));

    List<byte[]> features = features();
    List<float[]> rep = new ArrayList<>();
    for (byte[] f : features) {
      float[] v = new float[f.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = f[i];
      }
      rep.add(v);
    }
    KilnModel spec = TestModels.spec("tflite_micro_speech", empty);
    LayerGraph g = spec.buildGraph();
    Ptq.Output out = Ptq.run(QuantizeJobs.of(spec, g, w, rep), TestModels.MICRO, Progress.NONE, Instant.EPOCH);
    // MLTK's file and Kiln's agree on real features (yes, no, then the frontend's noise, silence, yes, no clips)
    MicroModel mltk = MicroRuntime.load(mltkBytes, "mltk");
    MicroModel kiln = MicroRuntime.load(out.tflite(), "kiln");
    int[] expected = {0, 1};
    for (int i = 0; i < features.size(); i++) {
      byte[] a = mltk.run(List.of(TensorData.ofInt8(new int[] {1, 49, 40, 1}, quantizeLike(features.get(i), mltk))))
          .get(0).bytes();
      byte[] b = kiln.run(List.of(TensorData.ofInt8(new int[] {1, 49, 40, 1}, quantizeLike(features.get(i), kiln))))
          .get(0).bytes();
      // calibrated on 6 clips instead of MLTK's 1000: probabilities within 0.1 (26 steps of 1/256)
      for (int c = 0; c < 4; c++) {
        assertThat(Math.abs(a[c] - b[c])).as("sample " + i + " class " + c).isLessThanOrEqualTo(26);
      }
      if (i < expected.length) {
        assertThat(argmax(a)).isEqualTo(expected[i]);
        assertThat(argmax(b)).isEqualTo(expected[i]);
      }
    }
  }

  static byte[] quantizeLike(byte[] features, MicroModel m) {
    float s = m.inputs().get(0).scale();
    int zp = m.inputs().get(0).zeroPoint();
    byte[] q = new byte[features.length];
    for (int i = 0; i < q.length; i++) {
      q[i] = (byte) Math.max(-128, Math.min(127, Math.round(features[i] / s) + zp));
    }
    return q;
  }

  static List<byte[]> features() throws Exception {
    Path tflm = TestModels.fixtures().resolve("tflm");
    List<byte[]> r = new ArrayList<>();
    r.add(Files.readAllBytes(tflm.resolve("yes_micro_features_int8.bin")));
    r.add(Files.readAllBytes(tflm.resolve("no_micro_features_int8.bin")));
    for (String n : List.of("noise", "silence", "yes", "no")) {
      r.add(Files.readAllBytes(tflm.resolve("frontend/" + n + "_1000ms.i8.bin")));
    }
    return r;
  }

  static float[] dequantizeBias(Tensor t) {
    float[] r = new float[(int) t.elementCount()];
    float[] s = t.quantization().scales();
    for (int i = 0; i < r.length; i++) {
      r[i] = t.dataBuffer().getInt(i * 4) * (s.length == 1 ? s[0] : s[i]);
    }
    return r;
  }

  static int argmax(byte[] v) {
    int b = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[b]) {
        b = i;
      }
    }
    return b;
  }
}
