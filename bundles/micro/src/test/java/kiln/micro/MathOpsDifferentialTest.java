package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.Subgraph;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the math op family against TFLite 2.20 (see {@link OpChecker}): random
 * single-op models from {@link MathOpModels}, random inputs, every output element compared.
 */
class MathOpsDifferentialTest {
  static final int INT8_MODELS = 20;
  static final int OTHER_MODELS = 5;

  /** Random input k of a model. */
  interface Filler {
    TensorData fill(int k, TensorSpec s, Random r);
  }

  private final OpChecker checker = new OpChecker();
  private final List<String> ops = new ArrayList<>();
  private final MathOpModels g = new MathOpModels(20261204L);

  static TensorData standard(int k, TensorSpec s, Random r) {
    return fill(s, r, () -> (float) (r.nextGaussian() * 3),
        s.type() == ElementType.INT16 ? 30000 : 50);
  }

  static TensorData fill(TensorSpec s, Random r, Supplier<Float> floats, int intRange) {
    int n = (int) TensorData.elementCount(s.shape());
    return switch (s.type()) {
      case INT8 -> {
        byte[] b = new byte[n];
        r.nextBytes(b);
        yield TensorData.ofInt8(s.shape(), b);
      }
      case BOOL -> {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
          b[i] = (byte) (r.nextBoolean() ? 1 : 0);
        }
        yield new TensorData(ElementType.BOOL, s.shape(), b);
      }
      case INT16 -> {
        ByteBuffer bb = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
          bb.putShort((short) (r.nextInt(2 * intRange + 1) - intRange));
        }
        yield new TensorData(ElementType.INT16, s.shape(), bb.array());
      }
      case INT32 -> {
        ByteBuffer bb = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
          bb.putInt(r.nextInt(2 * intRange + 1) - intRange);
        }
        yield new TensorData(ElementType.INT32, s.shape(), bb.array());
      }
      default -> {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
          f[i] = floats.get();
        }
        yield TensorData.ofFloat32(s.shape(), f);
      }
    };
  }

  /** Divisors (input 1) kept away from zero: |float| >= 0.25, int32 != 0, int8 not zp or 0. */
  static TensorData divisor(int k, TensorSpec s, Random r) {
    TensorData d = standard(k, s, r);
    if (k == 0) {
      return d;
    }
    byte[] b = d.bytes().clone();
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < d.elementCount(); i++) {
      switch (s.type()) {
        case FLOAT32 -> {
          float v = bb.getFloat(i * 4);
          if (Math.abs(v) < 0.25f) {
            bb.putFloat(i * 4, v < 0 ? v - 0.25f : v + 0.25f);
          }
        }
        case INT32 -> {
          if (bb.getInt(i * 4) == 0) {
            bb.putInt(i * 4, 7);
          }
        }
        default -> {
          // TFLite 2.20 also refuses a raw 0 divisor
          while (b[i] == s.zeroPoint() || b[i] == 0) {
            b[i] = (byte) (b[i] + 1);
          }
        }
      }
    }
    return new TensorData(s.type(), s.shape(), b);
  }

  private void run(String op, int models, long seed, Supplier<TfliteModel> gen, Filler filler) {
    Random r = new Random(seed);
    ops.add(op);
    for (int i = 0; i < models; i++) {
      TfliteModel model = gen.get();
      String label = op + " #" + i;
      MicroModel m = MicroModel.prepare(ModelLoader.load(model.toBytes(), label));
      for (int k = 0; k < m.inputs().size(); k++) {
        m.setInput(k, filler.fill(k, m.inputs().get(k), r));
      }
      m.invoke();
      if ((op.equals("ADD_N") || op.equals("CUMSUM"))
          && m.output(0).type() == ElementType.INT8) {
        checkAgainstFloat(model, m, op, label);
      } else {
        checker.check(model, m, label);
      }
    }
  }

  /**
   * TFLite 2.20 has no int8 ADD_N or CUMSUM: run its float32 op on the dequantized inputs and
   * quantize the result with TFLite Micro's arithmetic in real numbers. Its int8 reference starts
   * each accumulator at the scaled input offset, i.e. adds -zp_in * s_in once per output (ADD_N)
   * or once per line along the axis (CUMSUM). Kiln must equal round(real / s_out) + zp_out, or
   * differ by one where that value lies within 1e-3 of a half.
   */
  private void checkAgainstFloat(TfliteModel model, MicroModel m, String op, String label) {
    Subgraph sg = model.mainSubgraph();
    Subgraph twin = new Subgraph();
    for (kiln.tflite.Tensor t : sg.tensors()) {
      kiln.tflite.Tensor c = t.type() == TensorType.INT8
          ? new kiln.tflite.Tensor(t.name(), TensorType.FLOAT32, t.shape()) : t;
      twin.addTensor(c);
    }
    for (Operator o : sg.operators()) {
      twin.operators().add(new Operator(o.code(), o.inputs(), o.outputs(), o.options()));
    }
    twin.setInputs(sg.inputs()).setOutputs(sg.outputs());
    TfliteModel fm = new TfliteModel();
    fm.addSubgraph(twin);
    List<byte[]> inputs = new ArrayList<>();
    kiln.micro.kernels.Tensor first = m.input(0);
    for (int k = 0; k < m.inputs().size(); k++) {
      kiln.micro.kernels.Tensor t = m.input(k);
      ByteBuffer bb = ByteBuffer.allocate(t.i8.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (byte q : t.i8) {
        bb.putFloat((q - t.zeroPoint()) * t.scale());
      }
      inputs.add(bb.array());
    }
    float[] y = new float[m.output(0).i8.length];
    try (TfliteOracle oracle = new TfliteOracle(fm.toBytes())) {
      ByteBuffer.wrap(oracle.run(inputs, 1).get(0)).order(ByteOrder.LITTLE_ENDIAN)
          .asFloatBuffer().get(y);
    }
    kiln.micro.kernels.Tensor out = m.output(0);
    double start = -(double) first.zeroPoint() * first.scale();
    long[] st = checker.stats.computeIfAbsent(op, k -> new long[2]);
    for (int e = 0; e < y.length; e++) {
      st[0]++;
      double v = (y[e] + start) / out.scale();
      int expected = Math.max(-128, Math.min(127,
          (int) kiln.micro.reference.QuantArith.roundHalfAway(v) + out.zeroPoint()));
      int got = out.i8[e];
      if (got == expected) {
        continue;
      }
      if (Math.abs(got - expected) == 1 && Math.abs(v - Math.floor(v) - 0.5) < 1e-3) {
        st[1]++;
        continue;
      }
      checker.failures.add(label + ": element " + e + " Kiln " + got + " expected " + expected
          + " (" + v + " steps from the float op)");
      return;
    }
  }

  private void run(String op, long seed, java.util.function.Function<TensorType, TfliteModel> gen,
      Filler filler, TensorType... types) {
    for (TensorType t : types) {
      run(op, t == TensorType.INT8 ? INT8_MODELS : OTHER_MODELS, seed, () -> gen.apply(t),
          filler);
    }
  }

  @Test
  void mathOpsMatchTflite() {
    TensorType i8 = TensorType.INT8;
    TensorType f32 = TensorType.FLOAT32;
    TensorType i32 = TensorType.INT32;
    TensorType bool = TensorType.BOOL;
    TensorType i16 = TensorType.INT16;
    Filler positive = (k, s, r) -> fill(s, r, () -> (float) (Math.abs(r.nextGaussian() * 3) + 1e-3),
        50);
    Filler halves = (k, s, r) -> fill(s, r, () -> Math.round(r.nextGaussian() * 6) / 2f, 50);
    for (BuiltinOp op : List.of(BuiltinOp.ABS, BuiltinOp.NEG, BuiltinOp.EXP, BuiltinOp.SQUARE,
        BuiltinOp.FLOOR, BuiltinOp.CEIL, BuiltinOp.SIN, BuiltinOp.COS)) {
      run(op.name(), 1, t -> g.unary(op, t), MathOpsDifferentialTest::standard,
          op == BuiltinOp.ABS ? new TensorType[] {i8, f32, i16} : new TensorType[] {f32});
    }
    run("ROUND", 2, t -> g.unary(BuiltinOp.ROUND, t), halves, f32);
    run("SQRT", 3, t -> g.unary(BuiltinOp.SQRT, t), positive, f32);
    run("LOG", 4, t -> g.unary(BuiltinOp.LOG, t), positive, f32);
    run("RSQRT", 5, t -> g.unary(BuiltinOp.RSQRT, t), (k, s, r) -> {
      if (s.type() != ElementType.INT8) {
        return positive.fill(k, s, r);
      }
      // int8 RSQRT is defined for values at or above the zero point
      byte[] b = new byte[(int) TensorData.elementCount(s.shape())];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (s.zeroPoint() + r.nextInt(128 - s.zeroPoint()));
      }
      return TensorData.ofInt8(s.shape(), b);
    }, i8, f32);
    run("LOGICAL_NOT", 6, t -> g.unary(BuiltinOp.LOGICAL_NOT, t),
        MathOpsDifferentialTest::standard, bool);
    run("ELU", 7, g::elu, MathOpsDifferentialTest::standard, i8, f32);
    // TFLite 2.20 has no int16 PRELU or SQUARED_DIFFERENCE: MathOpsLiteralTest covers those
    run("PRELU", 8, g::prelu, MathOpsDifferentialTest::standard, i8, f32);
    run("MAXIMUM", 9, t -> g.binary(BuiltinOp.MAXIMUM, t), MathOpsDifferentialTest::standard,
        i8, f32, i32, i16);
    run("MINIMUM", 10, t -> g.binary(BuiltinOp.MINIMUM, t), MathOpsDifferentialTest::standard,
        i8, f32, i32, i16);
    run("SQUARED_DIFFERENCE", 11, t -> g.binary(BuiltinOp.SQUARED_DIFFERENCE, t),
        MathOpsDifferentialTest::standard, i8, f32, i32);
    run("DIV", 12, t -> g.binary(BuiltinOp.DIV, t), MathOpsDifferentialTest::divisor, i8, f32,
        i32);
    run("FLOOR_DIV", 13, t -> g.binary(BuiltinOp.FLOOR_DIV, t), MathOpsDifferentialTest::divisor,
        f32);
    run("FLOOR_MOD", 14, t -> g.binary(BuiltinOp.FLOOR_MOD, t), MathOpsDifferentialTest::divisor,
        f32);
    Filler small = (k, s, r) -> fill(s, r, () -> (float) Math.round(r.nextGaussian() * 2), 3);
    for (BuiltinOp op : List.of(BuiltinOp.EQUAL, BuiltinOp.NOT_EQUAL, BuiltinOp.LESS,
        BuiltinOp.LESS_EQUAL, BuiltinOp.GREATER, BuiltinOp.GREATER_EQUAL)) {
      boolean eq = op == BuiltinOp.EQUAL || op == BuiltinOp.NOT_EQUAL;
      run(op.name(), 15, t -> g.compare(op, t), small,
          eq ? new TensorType[] {i8, f32, i32, bool} : new TensorType[] {i8, f32, i32});
    }
    run("LOGICAL_AND", 16, t -> g.compare(BuiltinOp.LOGICAL_AND, t),
        MathOpsDifferentialTest::standard, bool);
    run("LOGICAL_OR", 17, t -> g.compare(BuiltinOp.LOGICAL_OR, t),
        MathOpsDifferentialTest::standard, bool);
    run("SELECT_V2", 18, g::select, MathOpsDifferentialTest::standard, i8, f32, i16);
    Filler wide = (k, s, r) -> fill(s, r, () -> (float) Math.max(-120, Math.min(120,
        r.nextGaussian() * 40)), 1000);
    for (TensorType from : List.of(i8, i16, i32, f32, bool)) {
      for (TensorType to : List.of(i8, i16, i32, f32)) {
        run("CAST", 2, 19, () -> g.cast(from, to), wide);
      }
    }
    run("ADD_N", 20, g::addN, MathOpsDifferentialTest::standard, i8, f32);
    run("REDUCE_MAX", 21, t -> g.reduce(BuiltinOp.REDUCE_MAX, t),
        MathOpsDifferentialTest::standard, i8, f32);
    run("REDUCE_MIN", 22, t -> g.reduce(BuiltinOp.REDUCE_MIN, t),
        MathOpsDifferentialTest::standard, i8, f32);
    run("SUM", 23, t -> g.reduce(BuiltinOp.SUM, t), MathOpsDifferentialTest::standard, i8, f32);
    // TFLite sums int16 without rescaling and wraps: same scales, sums that stay in range
    run("SUM", 23, t -> g.reduce(BuiltinOp.SUM, t),
        (k, s, r) -> fill(s, r, () -> 0f, 40), i16);
    run("REDUCE_ALL", 23, t -> g.reduce(BuiltinOp.REDUCE_ALL, t),
        MathOpsDifferentialTest::standard, bool);
    run("ARG_MAX", 24, t -> g.argMinMax(BuiltinOp.ARG_MAX, t), small, i8, f32);
    run("ARG_MIN", 25, t -> g.argMinMax(BuiltinOp.ARG_MIN, t), small, i8, f32);
    run("CUMSUM", 26, g::cumsum, MathOpsDifferentialTest::standard, i8, f32);
    run("LOG_SOFTMAX", 27, g::logSoftmax, MathOpsDifferentialTest::standard, i8, f32);
    run("L2_NORMALIZATION", 28, g::l2Normalization, MathOpsDifferentialTest::standard, i8, f32);
    System.out.println(checker.summary());
    assertThat(checker.failures).isEmpty();
    assertThat(checker.stats.keySet()).containsAll(ops);
  }
}
