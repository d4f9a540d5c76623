package kiln.micro;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.tflite.TfliteModel;

/**
 * Runs a stateful model in Kiln and in TFLite 2.20 side by side over several invokes with the same
 * random inputs, each keeping its own state; int outputs must be byte-identical, float outputs equal
 * within 1e-5 relative (TFLite's optimized float loops sum in another order).
 */
final class SequenceRuns {
  private SequenceRuns() {}

  /** Returns the number of output elements compared; adds a line per mismatch to failures. */
  static long compare(TfliteModel model, String label, int invokes, Random r,
      List<String> failures) {
    byte[] bytes = model.toBytes();
    MicroModel kiln = MicroRuntime.load(bytes, label);
    long compared = 0;
    try (TfliteOracle oracle = new TfliteOracle(bytes)) {
      for (int step = 0; step < invokes; step++) {
        List<TensorData> ins = new ArrayList<>();
        for (TensorSpec s : kiln.inputs()) {
          ins.add(random(s, r));
        }
        List<TensorData> got = kiln.run(ins);
        List<byte[]> want = oracle.run(ins.stream().map(TensorData::bytes).toList(), got.size());
        for (int k = 0; k < got.size(); k++) {
          TensorData a = got.get(k);
          compared += a.elementCount();
          String where = label + " invoke " + step + " output " + k;
          if (a.type() == ElementType.FLOAT32) {
            float[] x = a.toFloats();
            float[] y = new float[x.length];
            ByteBuffer.wrap(want.get(k)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(y);
            for (int e = 0; e < x.length; e++) {
              float tol = 1e-5f * Math.max(1f, Math.max(Math.abs(x[e]), Math.abs(y[e])));
              if (!(Math.abs(x[e] - y[e]) <= tol)) {
                failures.add(where + " element " + e + ": Kiln " + x[e] + " TFLite " + y[e]);
                break;
              }
            }
          } else if (!Arrays.equals(a.bytes(), want.get(k))) {
            failures.add(where + ": Kiln " + Arrays.toString(a.bytes()) + " TFLite "
                + Arrays.toString(want.get(k)));
          }
        }
      }
    }
    return compared;
  }

  static TensorData random(TensorSpec s, Random r) {
    int n = (int) TensorData.elementCount(s.shape());
    if (s.type() == ElementType.INT8) {
      byte[] b = new byte[n];
      r.nextBytes(b);
      return TensorData.ofInt8(s.shape(), b);
    }
    if (s.type() == ElementType.BOOL) {
      byte[] b = new byte[n];
      for (int e = 0; e < n; e++) {
        b[e] = (byte) r.nextInt(2);
      }
      return new TensorData(ElementType.BOOL, s.shape(), b);
    }
    float[] f = new float[n];
    for (int e = 0; e < n; e++) {
      f[e] = (float) r.nextGaussian();
    }
    return TensorData.ofFloat32(s.shape(), f);
  }
}
