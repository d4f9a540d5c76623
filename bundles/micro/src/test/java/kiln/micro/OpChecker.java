package kiln.micro;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.model.ElementType;
import kiln.micro.graph.OpInfo;
import kiln.micro.kernels.Conv2D;
import kiln.micro.kernels.FullyConnected;
import kiln.micro.kernels.Int16WeightedKernel;
import kiln.micro.kernels.Kernel;
import kiln.micro.kernels.Mean;
import kiln.micro.kernels.Quantize;
import kiln.micro.kernels.Requant;
import kiln.micro.kernels.Tensor;
import kiln.micro.reference.QuantArith;
import kiln.tflite.Operator;
import kiln.tflite.Subgraph;
import kiln.tflite.TfliteModel;

/**
 * Checks every op of a model Kiln has just run against TFLite 2.20: each op is written as a
 * one-op model, fed the exact inputs Kiln's op saw, and its outputs compared. Int8 outputs must be
 * byte-identical, except that for CONV_2D, FULLY_CONNECTED, MEAN, SUM and QUANTIZE an element may
 * differ by one where recomputing it both ways, with TFLite Micro's rule (must give Kiln's value)
 * and with TFLite's (must give the oracle's), shows a rounding difference.
 * Float outputs must agree within 1e-5 relative. Public for bench/micro, which checks its runs
 * with it.
 */
public final class OpChecker {
  /** Per op name: elements compared, ties accepted. */
  public final Map<String, long[]> stats = new LinkedHashMap<>();
  public final List<String> failures = new ArrayList<>();

  public void check(TfliteModel source, MicroModel kiln, String label) {
    Subgraph sg = source.mainSubgraph();
    for (int i = 0; i < sg.operators().size(); i++) {
      Operator op = sg.operators().get(i);
      OpInfo info = kiln.graph().ops().get(i);
      checkOp(sg, op, info, kiln, label + " op #" + i + " " + info.name());
    }
  }

  private void checkOp(Subgraph sg, Operator op, OpInfo info, MicroModel kiln, String label) {
    Subgraph one = new Subgraph();
    List<Integer> feeds = new ArrayList<>();
    int[] ins = new int[op.inputs().length];
    Map<Integer, Integer> remap = new LinkedHashMap<>();
    for (int k = 0; k < ins.length; k++) {
      int t = op.inputs()[k];
      if (t < 0) {
        ins[k] = -1;
        continue;
      }
      if (!remap.containsKey(t)) {
        remap.put(t, one.addTensor(sg.tensor(t)));
        if (!sg.tensor(t).hasData()) {
          feeds.add(t);
        }
      }
      ins[k] = remap.get(t);
    }
    int[] outs = new int[op.outputs().length];
    for (int k = 0; k < outs.length; k++) {
      outs[k] = one.addTensor(sg.tensor(op.outputs()[k]));
    }
    one.operators().add(new Operator(op.code(), ins, outs, op.options()));
    one.setInputs(feeds.stream().mapToInt(remap::get).toArray()).setOutputs(outs);
    TfliteModel m = new TfliteModel();
    m.addSubgraph(one);
    List<byte[]> inputs = feeds.stream().map(t -> bytesOf(kiln.tensor(t))).toList();
    List<byte[]> ref;
    try (TfliteOracle oracle = new TfliteOracle(m.toBytes())) {
      ref = oracle.run(inputs, outs.length);
    } catch (RuntimeException e) {
      StringBuilder shapes = new StringBuilder();
      for (int t : op.inputs()) {
        shapes.append(t < 0 ? "-" : Arrays.toString(sg.tensor(t).shape())).append(' ');
      }
      failures.add(label + ": TFLite could not run it: " + e.getMessage() + " inputs " + shapes
          + "options " + op.options());
      return;
    }
    long[] st = stats.computeIfAbsent(info.name(), k -> new long[2]);
    Kernel kernel = kiln.kernel(info.index());
    for (int k = 0; k < outs.length; k++) {
      Tensor t = kiln.tensor(op.outputs()[k]);
      byte[] expected = ref.get(k);
      if (t.type() == ElementType.FLOAT32) {
        float[] a = t.f32;
        float[] b = new float[a.length];
        ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(b);
        for (int e = 0; e < a.length; e++) {
          st[0]++;
          float tol = 1e-5f * Math.max(1f, Math.max(Math.abs(a[e]), Math.abs(b[e])));
          if (!(Math.abs(a[e] - b[e]) <= tol)) {
            failures.add(label + ": float element " + e + " Kiln " + a[e] + " TFLite " + b[e]);
            return;
          }
        }
      } else if (t.type() == ElementType.INT8) {
        for (int e = 0; e < t.i8.length; e++) {
          st[0]++;
          int a = t.i8[e];
          int b = expected[e];
          if (a == b) {
            continue;
          }
          if (Math.abs(a - b) == 1 && isTie(info.name(), kernel, kiln, info, e, a, b)) {
            st[1]++;
            continue;
          }
          failures.add(label + ": element " + e + " of " + Arrays.toString(t.shape) + " Kiln " + a
              + " TFLite " + b);
          return;
        }
      } else if (t.type() == ElementType.INT16 && kernel instanceof Int16WeightedKernel weighted) {
        short[] b = new short[t.i16.length];
        ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(b);
        for (int e = 0; e < b.length; e++) {
          st[0]++;
          if (t.i16[e] == b[e]) {
            continue;
          }
          if (Math.abs(t.i16[e] - b[e]) == 1 && tie16(weighted, e, t.i16[e], b[e])) {
            st[1]++;
            continue;
          }
          failures.add(label + ": int16 element " + e + " Kiln " + t.i16[e] + " TFLite " + b[e]);
          return;
        }
      } else {
        byte[] a = bytesOf(t);
        st[0] += t.elementCount();
        if (!Arrays.equals(a, expected)) {
          int at = Arrays.mismatch(a, expected);
          failures.add(label + ": " + t.type() + " output differs from byte " + at + " (of " + a.length + ")"
              + (t.i16 != null && at >= 0 ? ": element " + at / 2 + " Kiln " + t.i16[at / 2] + " TFLite "
                  + (short) ((expected[at / 2 * 2] & 0xff) | (expected[at / 2 * 2 + 1] << 8)) : ""));
          return;
        }
      }
    }
  }

  static byte[] bytesOf(Tensor t) {
    if (t.i8 != null) {
      return t.i8.clone();
    }
    if (t.i16 != null) {
      ByteBuffer s = ByteBuffer.allocate(t.elementCount() * 2).order(ByteOrder.LITTLE_ENDIAN);
      s.asShortBuffer().put(t.i16);
      return s.array();
    }
    ByteBuffer b = ByteBuffer.allocate(t.elementCount() * 4).order(ByteOrder.LITTLE_ENDIAN);
    if (t.f32 != null) {
      b.asFloatBuffer().put(t.f32);
    } else {
      b.asIntBuffer().put(t.i32);
    }
    return b.array();
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.min(Math.max(v, lo), hi);
  }

  /**
   * Recomputes element e with TFLite Micro's rounding (must give Kiln's value) and with TFLite's
   * (must give the oracle's value): then the difference is a rounding tie, not a bug.
   */
  /**
   * 16x8 CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED (int64 bias): TFLite Micro scales the 64-bit sum with the multiplier reduced to 16 bits
   * (must give Kiln's value); TFLite 2.20 with the full 32-bit multiplier and one rounding, half up
   * (must give the oracle's).
   */
  static boolean tie16(Int16WeightedKernel k, int e, int kiln, int oracle) {
    long acc = k.accumulatorAt(e);
    int total = 31 - k.shiftAt(e);
    java.math.BigInteger full = java.math.BigInteger.valueOf(acc).multiply(java.math.BigInteger.valueOf(k.multiplierAt(e)))
        .add(java.math.BigInteger.ONE.shiftLeft(total - 1)).shiftRight(total);
    int micro = QuantArith.multiplyByQuantizedMultiplier(acc, k.multiplierAt(e), k.shiftAt(e));
    return k.clamp(micro) == kiln && k.clamp(full.longValue()) == oracle;
  }

  /**
   * TFLite 2.20's int8 FULLY_CONNECTED requantization (ruy's x86 kernel, measured against
   * BuiltinOpResolverWithoutDefaultDelegates): two roundings, both half up: the Q31 product
   * (acc x multiplier + 2^30) >> 31 (after the left shift of a positive exponent), then a right
   * shift by -shift adding half. TFLite Micro rounds both steps half away from zero
   * (SaturatingRoundingDoublingHighMul, RoundingDivideByPOT). They differ by one where the second
   * rounding meets an exact half of a negative value: TFLite Micro goes away from zero, ruy up;
   * when the first rounding made that half, the exact value is not a tie at all, so a single
   * rounding of the exact product models TFLite wrongly there (e.g. acc -5 at 1/3: TFLite Micro
   * -2, TFLite -1, the exact value -1.67).
   */
  static int ruyRequant(int acc, int multiplier, int shift) {
    long x = (long) acc << Math.max(shift, 0);
    int high = (int) ((x * multiplier + (1L << 30)) >> 31);
    int right = Math.max(-shift, 0);
    return right == 0 ? high : (int) (((long) high + (1L << (right - 1))) >> right);
  }

  static boolean isTie(String op, Kernel k, MicroModel m, OpInfo info, int e, int kiln, int oracle) {
    switch (op) {
      case "CONV_2D" -> {
        if (!(k instanceof Conv2D.Int8Conv c)) {
          return false;
        }
        Requant rq = c.requant();
        int ch = c.channelAt(e);
        int acc = c.accumulatorAt(e);
        int shift = rq.shift[ch];
        int x = QuantArith.srdhm(acc * (1 << Math.max(shift, 0)), rq.multiplier[ch]);
        int right = Math.max(-shift, 0);
        int halfUp = right == 0 ? x : (x + (1 << (right - 1))) >> right;
        int alt = clamp(halfUp + rq.outputZeroPoint, rq.actMin, rq.actMax);
        return rq.apply(acc, ch) == kiln && alt == oracle;
      }
      case "FULLY_CONNECTED" -> {
        if (!(k instanceof FullyConnected.Int8Fc f)) {
          return false;
        }
        Requant rq = f.requant();
        int ch = f.channelAt(e);
        int acc = f.accumulatorAt(e);
        int alt = clamp(ruyRequant(acc, rq.multiplier[ch], rq.shift[ch]) + rq.outputZeroPoint,
            rq.actMin, rq.actMax);
        return rq.apply(acc, ch) == kiln && alt == oracle;
      }
      case "MEAN" -> {
        if (!(k instanceof Mean.Int8Mean mean)) {
          return false;
        }
        Tensor in = m.tensor(info.inputs()[0]);
        Tensor out = m.tensor(info.outputs()[0]);
        int sum = mean.shiftedSum(e); // sum of (x - in_zp) over the reduced elements
        int n = mean.count();
        // TFLite Micro's QuantizedMeanOrSum: in_scale / out_scale as a multiplier, then 1/N by an
        // integer division of the multiplier shifted up by min(floor(log2 N), 32, 31 + shift)
        QuantArith.Multiplier ratio =
            QuantArith.quantizeMultiplier((double) in.scale() / (double) out.scale());
        int up = Math.min(Math.min(63 - Long.numberOfLeadingZeros(n), 32), 31 + ratio.shift());
        int micro = clamp(QuantArith.multiplyByQuantizedMultiplier(sum,
            (int) (((long) ratio.multiplier() << up) / n), ratio.shift() - up) + out.zeroPoint(),
            -128, 127);
        // TFLite runs every int8 MEAN with that same rule except the 4-D mean over height and
        // width with keep_dims, which its optimized kernel computes as the raw sum times one
        // multiplier in_scale / (out_scale * N), plus out_zp - round(in_zp * in_scale / out_scale)
        // with the product in float, rounded half away from zero
        int[] axes = m.tensor(info.inputs()[1]).i32;
        boolean heightWidth = in.rank() == 4 && out.rank() == 4 && axes.length == 2
            && Math.min(axes[0], axes[1]) == 1 && Math.max(axes[0], axes[1]) == 2;
        if (!heightWidth) {
          return false;
        }
        QuantArith.Multiplier folded = QuantArith.quantizeMultiplier(
            (double) in.scale() / ((double) out.scale() * n));
        int rawSum = sum + in.zeroPoint() * n;
        float zpShift = in.zeroPoint() * in.scale() / out.scale();
        int optimized = clamp(QuantArith.multiplyByQuantizedMultiplier(rawSum, folded.multiplier(),
            folded.shift()) + out.zeroPoint() - (int) QuantArith.roundHalfAway(zpShift), -128, 127);
        return micro == kiln && optimized == oracle;
      }
      case "SUM" -> {
        return isSumTie(m, info, e, kiln, oracle);
      }
      case "QUANTIZE" -> {
        if (!(k instanceof Quantize.FromFloat q)) {
          return false;
        }
        Tensor out = m.tensor(info.outputs()[0]);
        double v = (double) q.inputAt(e) / (double) out.scale();
        return bothRoundings(v, out.zeroPoint(), kiln, oracle);
      }
      case "BATCH_MATMUL" -> {
        return ShapeOpTies.batchMatMul(k, e, kiln, oracle);
      }
      default -> {
        return false;
      }
    }
  }

  /**
   * Int8 SUM: TFLite Micro rescales the zero-point-corrected int32 sum with a fixed-point
   * multiplier s_in / s_out (must give Kiln's value); TFLite's optimized kernel computes
   * round(sum * scale + bias) in float, bias = -zp_in * scale * N (must give the oracle's).
   */
  private static boolean isSumTie(MicroModel m, OpInfo info, int e, int kiln, int oracle) {
    Tensor in = m.tensor(info.inputs()[0]);
    Tensor out = m.tensor(info.outputs()[0]);
    int rank = in.rank();
    boolean[] reduced = new boolean[rank];
    for (int a : m.tensor(info.inputs()[1]).i32) {
      reduced[a < 0 ? a + rank : a] = true;
    }
    int sum = 0;
    int n = 0;
    int[] idx = new int[rank];
    for (int k = 0; k < in.i8.length; k++) {
      int o = 0;
      for (int i = 0; i < rank; i++) {
        o = reduced[i] ? o : o * in.shape[i] + idx[i];
      }
      if (o == e) {
        sum += in.i8[k];
        n++;
      }
      for (int i = rank - 1; i >= 0 && ++idx[i] == in.shape[i]; i--) {
        idx[i] = 0;
      }
    }
    QuantArith.Multiplier q =
        QuantArith.quantizeMultiplier((double) in.scale() / (double) out.scale());
    int micro = clamp(QuantArith.multiplyByQuantizedMultiplier(sum - in.zeroPoint() * n,
        q.multiplier(), q.shift()) + out.zeroPoint(), -128, 127);
    float scale = in.scale() / out.scale();
    float bias = -in.zeroPoint() * scale * (float) n;
    int tflite = (byte) ((int) QuantArith.roundHalfAway(sum * scale + bias) + out.zeroPoint());
    return micro == kiln && tflite == oracle;
  }

  /** v lies on (or within float noise of) a half: the two roundings give kiln and oracle. */
  private static boolean bothRoundings(double v, int zp, int kiln, int oracle) {
    double frac = v - Math.floor(v);
    if (Math.abs(frac - 0.5) > 1e-3) {
      return false;
    }
    int down = clamp((int) Math.floor(v) + zp, -128, 127);
    int up = clamp((int) Math.floor(v) + 1 + zp, -128, 127);
    return (kiln == down && oracle == up) || (kiln == up && oracle == down);
  }

  String summary() {
    StringBuilder sb = new StringBuilder();
    stats.forEach((op, s) -> sb.append(String.format("%-18s %9d elements, %5d rounding ties%n",
        op, s[0], s[1])));
    return sb.toString();
  }
}
