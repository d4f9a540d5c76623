package kiln.micro;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Random;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import kiln.tflite.options.Activation;
import kiln.tflite.options.BuiltinOptions;
import kiln.tflite.options.DivOptions;
import kiln.tflite.options.GenericOptions;
import kiln.tflite.options.ReducerOptions;

/**
 * Random single-op models of the math family (elementwise math, comparisons, logical ops,
 * select, cast, reductions, arg min/max, cumsum, log-softmax, L2 normalization), written with
 * Kiln's .tflite writer: random shapes (broadcast where the op broadcasts), scales, zero points
 * and options.
 */
final class MathOpModels extends OpModelWriter {

  MathOpModels(long seed) {
    super(seed);
  }

  @Override
  float scale() {
    return (float) Math.pow(10, -2.5 + 2 * r.nextDouble());
  }

  int[] shape(int maxRank) {
    int[] s = new int[between(1, maxRank)];
    for (int i = 0; i < s.length; i++) {
      s[i] = between(1, 5);
    }
    return s;
  }

  /** An activation of type t with a random int8 quantization when t is INT8. */
  int act(TensorType t, int[] shape) {
    return act(t, shape, scale(), zp());
  }

  int constInt32(int... values) {
    ByteBuffer bb = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      bb.putInt(v);
    }
    return g.addTensor(new Tensor("c" + count++, TensorType.INT32, new int[] {values.length})
        .setData(bb.array()));
  }

  TfliteModel finish(BuiltinOp op, int[] ins, int out, BuiltinOptions o) {
    g.operators().add(new Operator(op, ins, new int[] {out}, o));
    int[] feeds = java.util.Arrays.stream(ins).filter(i -> !g.tensor(i).hasData()).toArray();
    g.setInputs(feeds).setOutputs(new int[] {out});
    TfliteModel m = new TfliteModel();
    m.addSubgraph(g);
    return m;
  }

  /** Two input shapes broadcasting to a random output shape (some dims 1, sometimes lower rank). */
  int[][] broadcastShapes(int maxRank) {
    int[] out = shape(maxRank);
    int[] a = out.clone();
    int[] b = out.clone();
    if (r.nextBoolean()) {
      for (int i = 0; i < out.length; i++) {
        if (r.nextInt(3) == 0) {
          (r.nextBoolean() ? a : b)[i] = 1;
        }
      }
      if (r.nextInt(3) == 0 && b.length > 1) {
        b = java.util.Arrays.copyOfRange(b, between(1, b.length - 1), b.length);
      }
      for (int i = 0; i < out.length; i++) {
        int k = i - (out.length - b.length);
        out[i] = Math.max(a[i], k >= 0 ? b[k] : 1);
      }
      if (r.nextBoolean()) {
        int[] t = a;
        a = b;
        b = t;
      }
    }
    return new int[][] {a, b, out};
  }

  // ---------------------------------------------------------------- generators

  /** ABS, NEG, SQRT, RSQRT, EXP, LOG, SQUARE, FLOOR, CEIL, ROUND, LOGICAL_NOT. */
  TfliteModel unary(BuiltinOp op, TensorType t) {
    start();
    int[] s = shape(4);
    if (t != TensorType.INT8) {
      return finish(op, new int[] {act(t, s)}, act(t, s), null);
    }
    float is = scale();
    int iz = zp();
    float os;
    int oz;
    if (op == BuiltinOp.RSQRT) {
      // outputs 1/sqrt(real) from 1/sqrt(255 s) up to 1/sqrt(s): spread them over the range
      os = (float) (1 / Math.sqrt(is) / between(40, 250));
      oz = between(-128, -60);
      iz = between(-128, 100);
    } else if (r.nextInt(4) == 0) {
      os = is; // ABS without rescaling
      oz = between(-128, 0);
    } else {
      os = (float) (is * (0.5 + r.nextDouble()));
      oz = between(-128, 0);
    }
    return finish(op, new int[] {act(t, s, is, iz)}, act(t, s, os, oz), null);
  }

  TfliteModel elu(TensorType t) {
    start();
    int[] s = shape(4);
    if (t != TensorType.INT8) {
      return finish(BuiltinOp.ELU, new int[] {act(t, s)}, act(t, s), null);
    }
    float is = scale();
    return finish(BuiltinOp.ELU, new int[] {act(t, s, is, zp())},
        act(t, s, (float) (is * (0.5 + r.nextDouble())), between(-60, 60)), null);
  }

  TfliteModel prelu(TensorType t) {
    start();
    int[] s = shape(4);
    int[] as = s.clone();
    for (int i = 0; i < as.length; i++) {
      if (r.nextBoolean()) {
        as[i] = 1;
      }
    }
    if (as.length > 1 && r.nextBoolean()) {
      as = java.util.Arrays.copyOfRange(as, as.length - 1, as.length); // per channel
    }
    if (t == TensorType.INT16) {
      float is = scale();
      int x = act(t, s, is, 0);
      int a = act(TensorType.INT8, as, (float) (0.5 / 128 * (0.5 + r.nextDouble())), zp());
      return finish(BuiltinOp.PRELU, new int[] {x, a},
          act(t, s, (float) (is * (0.6 + r.nextDouble())), 0), null);
    }
    if (t != TensorType.INT8) {
      return finish(BuiltinOp.PRELU, new int[] {act(t, s), act(t, as)}, act(t, s), null);
    }
    float is = scale();
    float as8 = (float) (0.5 / 128 * (0.5 + r.nextDouble()));
    int x = act(t, s, is, zp());
    int a = act(t, as, as8, zp());
    return finish(BuiltinOp.PRELU, new int[] {x, a},
        act(t, s, (float) (is * (0.6 + r.nextDouble())), zp()), null);
  }

  /** MAXIMUM, MINIMUM, SQUARED_DIFFERENCE, DIV, FLOOR_DIV, FLOOR_MOD. */
  TfliteModel binary(BuiltinOp op, TensorType t) {
    start();
    // TFLite Micro broadcasts up to 8 dimensions (TFLite 2.20 up to 5 or 6 depending on the op)
    int[][] sh = broadcastShapes(op == BuiltinOp.MAXIMUM || op == BuiltinOp.MINIMUM
        || op == BuiltinOp.DIV ? 5 : 4);
    BuiltinOptions o = null;
    if (op == BuiltinOp.DIV) {
      Activation[] acts = {Activation.NONE, Activation.RELU, Activation.RELU6,
          Activation.RELU_N1_TO_1};
      o = new DivOptions(acts[r.nextInt(acts.length)]);
    }
    if (t == TensorType.INT16 && op == BuiltinOp.SQUARED_DIFFERENCE) {
      float s1 = scale();
      float s2 = r.nextBoolean() ? s1 : scale();
      float m = Math.max(s1, s2);
      return finish(op, new int[] {act(t, sh[0], s1, 0), act(t, sh[1], s2, 0)},
          act(t, sh[2], (float) (m * m * (1 << 17) * (0.3 + r.nextDouble())), 0), o);
    }
    if (t != TensorType.INT8) {
      return finish(op, new int[] {act(t, sh[0]), act(t, sh[1])}, act(t, sh[2]), o);
    }
    float s1 = scale();
    int z1 = zp();
    if (op == BuiltinOp.MAXIMUM || op == BuiltinOp.MINIMUM) {
      // raw comparison: one quantization for all three
      return finish(op, new int[] {act(t, sh[0], s1, z1), act(t, sh[1], s1, z1)},
          act(t, sh[2], s1, z1), o);
    }
    float s2 = r.nextInt(3) == 0 ? s1 : scale();
    int x = act(t, sh[0], s1, z1);
    int y = act(t, sh[1], s2, zp());
    float m = Math.max(s1, s2);
    float os = op == BuiltinOp.DIV ? (float) (s1 / s2 * (0.5 + 2 * r.nextDouble()))
        : (float) (m * m * 128 * (0.3 + r.nextDouble()));
    return finish(op, new int[] {x, y}, act(t, sh[2], os, zp()), o);
  }

  /** EQUAL ... GREATER_EQUAL, LOGICAL_AND, LOGICAL_OR: bool output. */
  TfliteModel compare(BuiltinOp op, TensorType t) {
    start();
    int[][] sh = broadcastShapes(4);
    float s1 = scale();
    int z1 = zp();
    boolean same = r.nextBoolean(); // same quantization gives equal values often
    int x = act(t, sh[0], s1, z1);
    int y = same ? act(t, sh[1], s1, z1) : act(t, sh[1]);
    return finish(op, new int[] {x, y}, act(TensorType.BOOL, sh[2]), null);
  }

  TfliteModel select(TensorType t) {
    start();
    int[][] sh = broadcastShapes(4);
    int[] cs = r.nextBoolean() ? sh[2].clone() : new int[] {sh[2][sh[2].length - 1]};
    float s = scale();
    int z = zp();
    int c = act(TensorType.BOOL, cs);
    int x = act(t, sh[0], s, z);
    int y = act(t, sh[1], s, z);
    return finish(BuiltinOp.SELECT_V2, new int[] {c, x, y}, act(t, sh[2], s, z), null);
  }

  TfliteModel cast(TensorType from, TensorType to) {
    start();
    int[] s = shape(4);
    return finish(BuiltinOp.CAST, new int[] {act(from, s)}, act(to, s), null);
  }

  TfliteModel addN(TensorType t) {
    start();
    int[] s = shape(4);
    int n = between(2, 4);
    float is = scale();
    int iz = zp();
    int[] ins = new int[n];
    for (int i = 0; i < n; i++) {
      ins[i] = act(t, s, is, iz);
    }
    return finish(BuiltinOp.ADD_N, ins, act(t, s, (float) (is * n * (0.5 + r.nextDouble())),
        zp()), null);
  }

  /** REDUCE_MAX, REDUCE_MIN, SUM over a random subset of axes, keep_dims or not. */
  TfliteModel reduce(BuiltinOp op, TensorType t) {
    start();
    int[] s = shape(4);
    int rank = s.length;
    java.util.List<Integer> axes = new java.util.ArrayList<>();
    for (int i = 0; i < rank; i++) {
      if (r.nextBoolean()) {
        axes.add(r.nextBoolean() ? i : i - rank);
      }
    }
    if (axes.isEmpty()) {
      axes.add(between(0, rank - 1));
    }
    boolean keep = r.nextBoolean();
    java.util.List<Integer> outShape = new java.util.ArrayList<>();
    int n = 1;
    for (int i = 0; i < rank; i++) {
      boolean red = axes.contains(i) || axes.contains(i - rank);
      if (red) {
        n *= s[i];
        if (keep) {
          outShape.add(1);
        }
      } else {
        outShape.add(s[i]);
      }
    }
    int[] os = outShape.stream().mapToInt(Integer::intValue).toArray();
    int axis = constInt32(axes.stream().mapToInt(Integer::intValue).toArray());
    float is = scale();
    int iz = zp();
    int in = act(t, s, is, iz);
    // TFLite sums int16 raw (no rescaling): int16 models keep the input's scale
    int out = op == BuiltinOp.SUM && t == TensorType.INT8
        ? act(t, os, (float) (is * Math.sqrt(n) * (1 + r.nextDouble())), zp())
        : act(t, os, is, iz);
    return finish(op, new int[] {in, axis}, out, new ReducerOptions(keep));
  }

  TfliteModel argMinMax(BuiltinOp op, TensorType t) {
    start();
    int[] s = shape(4);
    int a = between(0, s.length - 1);
    int[] os = new int[s.length - 1];
    for (int i = 0, k = 0; i < s.length; i++) {
      if (i != a) {
        os[k++] = s[i];
      }
    }
    int axis = constInt32(r.nextBoolean() ? a : a - s.length);
    String table = op == BuiltinOp.ARG_MAX ? "ArgMaxOptions" : "ArgMinOptions";
    GenericOptions o = new GenericOptions(table, Map.of("outputType",
        (byte) TensorType.INT32.code()));
    return finish(op, new int[] {act(t, s), axis}, act(TensorType.INT32, os), o);
  }

  TfliteModel cumsum(TensorType t) {
    start();
    int[] s = shape(4);
    int a = between(0, s.length - 1);
    int axis = constInt32(r.nextBoolean() ? a : a - s.length);
    GenericOptions o = new GenericOptions("CumsumOptions",
        Map.of("exclusive", r.nextBoolean(), "reverse", r.nextBoolean()));
    float is = scale();
    int in = act(t, s, is, zp());
    return finish(BuiltinOp.CUMSUM, new int[] {in, axis},
        act(t, s, (float) (is * s[a] * (0.5 + r.nextDouble())), zp()), o);
  }

  TfliteModel logSoftmax(TensorType t) {
    start();
    int[] s = shape(4);
    if (t != TensorType.INT8) {
      return finish(BuiltinOp.LOG_SOFTMAX, new int[] {act(t, s)}, act(t, s), null);
    }
    float is = (float) Math.pow(10, -2 + 1.5 * r.nextDouble());
    return finish(BuiltinOp.LOG_SOFTMAX, new int[] {act(t, s, is, zp())},
        act(t, s, 16f / 256, 127), null);
  }

  TfliteModel l2Normalization(TensorType t) {
    start();
    int[] s = shape(4);
    GenericOptions o = new GenericOptions("L2NormOptions",
        Map.of("fusedActivationFunction", (byte) 0));
    if (t != TensorType.INT8) {
      return finish(BuiltinOp.L2_NORMALIZATION, new int[] {act(t, s)}, act(t, s), o);
    }
    return finish(BuiltinOp.L2_NORMALIZATION, new int[] {act(t, s)},
        act(t, s, 1f / 128, 0), o);
  }
}
