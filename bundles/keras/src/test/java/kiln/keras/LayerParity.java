package kiln.keras;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import kiln.tflite.Tensor;

/**
 * One conv/depthwise/dense layer of Kiln's int8 file against TensorFlow's: the int8 weights and int32
 * biases must be equal, or differ by exactly 1 where the value being rounded (the folded float of
 * {@link FoldedReference} over TensorFlow's scale) lies within float precision of a half, a rounding
 * tie that the last bit of the float arithmetic decides; the per-channel weight scales must be equal
 * to float precision. Counts what it saw.
 */
final class LayerParity {
  /** How close to a half a rounded value must be to count as a tie: 4 float epsilons, relative. */
  static final double TIE_EPSILONS = 4;

  int weights;
  int weightsEqual;
  int weightTies;
  int biases;
  int biasesEqual;
  int biasTies;
  int scales;
  int scalesEqual;
  /** Largest distance from a half among the ties, relative to the value (in float epsilons). */
  double worstTie;
  int maxScaleUlps;
  /** Among the scales that differ: how many of Kiln's are nearer the double-precision value. */
  int scalesKilnNearer;

  void compare(String layer, Tensor kilnW, Tensor tfW, Tensor kilnB, Tensor tfB, FoldedReference ref) {
    assertThat(kilnW.shape()).as(layer + " weight shape").containsExactly(tfW.shape());
    float[] ks = kilnW.quantization().scales();
    float[] ts = tfW.quantization().scales();
    assertThat(ks).as(layer + " weight scales (count)").hasSameSizeAs(ts);
    for (int c = 0; c < ts.length; c++) {
      int ulps = Math.abs(Float.floatToIntBits(ks[c]) - Float.floatToIntBits(ts[c]));
      assertThat(ulps).as(layer + " weight scale " + c + ": Kiln " + ks[c] + ", TensorFlow " + ts[c])
          .isLessThanOrEqualTo(1);
      if (ulps != 0) {
        // which float arithmetic came nearer the exact scale max|folded weight| / 127
        double exact = maxAbs(ref.weights(), tfW, ts.length, c) / 127;
        if (Math.abs(ks[c] - exact) < Math.abs(ts[c] - exact)) {
          scalesKilnNearer++;
        }
      }
      scales++;
      scalesEqual += ulps == 0 ? 1 : 0;
      maxScaleUlps = Math.max(maxScaleUlps, ulps);
    }
    byte[] kq = kilnW.data();
    byte[] tq = tfW.data();
    int per = kq.length / ts.length;
    boolean lastAxis = tfW.quantization().quantizedDimension() == tfW.shape().length - 1 && ts.length > 1;
    for (int i = 0; i < tq.length; i++) {
      int c = ts.length == 1 ? 0 : lastAxis ? i % ts.length : i / per;
      weights++;
      if (kq[i] == tq[i]) {
        weightsEqual++;
      } else {
        tie(layer + " weight " + i, kq[i], tq[i], ref.weights()[i] / ts[c]);
        weightTies++;
      }
    }
    int[] kb = ints(kilnB);
    int[] tb = ints(tfB);
    float[] bs = tfB.quantization().scales();
    assertThat(kb).as(layer + " bias count").hasSameSizeAs(tb);
    for (int i = 0; i < tb.length; i++) {
      biases++;
      if (kb[i] == tb[i]) {
        biasesEqual++;
      } else {
        tie(layer + " bias " + i, kb[i], tb[i], ref.bias()[i] / bs[bs.length == 1 ? 0 : i]);
        biasTies++;
      }
    }
  }

  private static double maxAbs(double[] values, Tensor t, int channels, int c) {
    boolean lastAxis = t.quantization().quantizedDimension() == t.shape().length - 1 && channels > 1;
    int per = values.length / channels;
    double max = 0;
    for (int i = 0; i < values.length; i++) {
      if (channels == 1 || (lastAxis ? i % channels : i / per) == c) {
        max = Math.max(max, Math.abs(values[i]));
      }
    }
    return max;
  }

  /** Asserts that Kiln's and TensorFlow's roundings of {@code exact} differ by one at a tie. */
  private void tie(String what, long kiln, long tf, double exact) {
    double distance = halfDistance(exact);
    String msg = what + ": Kiln " + kiln + ", TensorFlow " + tf + ", value/scale " + exact;
    assertThat(Math.abs(kiln - tf)).as(msg).isEqualTo(1);
    assertThat(distance).as(msg + " is " + distance + " float epsilons from a half: not a tie")
        .isLessThanOrEqualTo(TIE_EPSILONS);
    worstTie = Math.max(worstTie, distance);
  }

  /** How far |x| is from the nearest k + 0.5, in float epsilons relative to |x| (at least 1). */
  static double halfDistance(double x) {
    double a = Math.abs(x);
    return Math.abs(a - Math.floor(a) - 0.5) / (Math.max(a, 1) * Math.ulp(1f));
  }

  private static int[] ints(Tensor t) {
    ByteBuffer b = ByteBuffer.wrap(t.data()).order(ByteOrder.LITTLE_ENDIAN);
    int[] out = new int[t.data().length / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.getInt();
    }
    return out;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT,
        "weights %d/%d equal, %d ties; biases %d/%d equal, %d ties; weight scales %d/%d equal, the others"
            + " %d ulp apart (Kiln's nearer the exact value in %d); worst tie %.2f float epsilons from a half",
        weightsEqual, weights, weightTies, biasesEqual, biases, biasTies, scalesEqual, scales, maxScaleUlps,
        scalesKilnNearer, worstTie);
  }
}
