package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.model.ElementType;
import kiln.micro.graph.Graph;
import kiln.micro.graph.OpInfo;
import kiln.micro.graph.OpOptions;
import kiln.micro.graph.TensorInfo;
import kiln.micro.kernels.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Literal vectors for each op of the math family, worked out by hand from the ops' definitions
 * (and, for int8, TFLite Micro's documented fixed-point rules: halves round away from zero).
 */
class MathOpsLiteralTest {
  /** One op over the given tensors; the last tensor is the output. */
  private static final class One {
    final List<TensorInfo> tensors = new ArrayList<>();
    final List<Object> values = new ArrayList<>();

    One in(TensorInfo t, Object values) {
      tensors.add(t);
      this.values.add(values);
      return this;
    }

    /** A constant int32 input. */
    One constant(int... v) {
      ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (int x : v) {
        b.putInt(x);
      }
      tensors.add(TensorInfo.of("c" + tensors.size(), ElementType.INT32, new int[] {v.length},
          0f, 0, b.array()));
      values.add(null);
      return this;
    }

    Tensor run(String op, TensorInfo out) {
      return run(op, out, new OpOptions());
    }

    Tensor run(String op, TensorInfo out, OpOptions o) {
      tensors.add(out);
      int n = tensors.size();
      int[] ins = new int[n - 1];
      for (int i = 0; i < ins.length; i++) {
        ins[i] = i;
      }
      int[] feeds = java.util.stream.IntStream.range(0, n - 1)
          .filter(i -> values.get(i) != null).toArray();
      Graph g = new Graph(op, tensors, List.of(new OpInfo(0, op, ins, new int[] {n - 1}, o)),
          feeds, new int[] {n - 1});
      MicroModel m = MicroModel.prepare(g);
      for (int i = 0; i < n - 1; i++) {
        Object v = values.get(i);
        Tensor t = m.tensor(i);
        if (v instanceof byte[] b) {
          System.arraycopy(b, 0, t.i8, 0, b.length);
        } else if (v instanceof float[] f) {
          System.arraycopy(f, 0, t.f32, 0, f.length);
        } else if (v instanceof short[] x) {
          System.arraycopy(x, 0, t.i16, 0, x.length);
        } else if (v instanceof int[] x) {
          System.arraycopy(x, 0, t.i32, 0, x.length);
        }
      }
      m.invoke();
      return m.tensor(n - 1);
    }
  }

  static TensorInfo i8(float scale, int zp, int... shape) {
    return TensorInfo.of("q", ElementType.INT8, shape, scale, zp, null);
  }

  static TensorInfo f32(int... shape) {
    return TensorInfo.of("f", ElementType.FLOAT32, shape, 0f, 0, null);
  }

  static TensorInfo i32(int... shape) {
    return TensorInfo.of("i", ElementType.INT32, shape, 0f, 0, null);
  }

  static TensorInfo i16(float scale, int... shape) {
    return TensorInfo.of("s", ElementType.INT16, shape, scale, 0, null);
  }

  static short[] s(int... v) {
    short[] r = new short[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = (short) v[i];
    }
    return r;
  }

  static TensorInfo bool(int... shape) {
    return TensorInfo.of("b", ElementType.BOOL, shape, 0f, 0, null);
  }

  static byte[] b(int... v) {
    byte[] r = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = (byte) v[i];
    }
    return r;
  }

  static float[] f(float... v) {
    return v;
  }

  static Tensor unaryF(String op, float... in) {
    return new One().in(f32(in.length), in).run(op, f32(in.length));
  }

  @Test
  void floatUnaryOps() {
    assertThat(unaryF("ABS", -1.5f, 2f).f32).containsExactly(1.5f, 2f);
    assertThat(unaryF("NEG", 1.5f, -2f).f32).containsExactly(-1.5f, 2f);
    assertThat(unaryF("SQRT", 4f, 2.25f, 0f).f32).containsExactly(2f, 1.5f, 0f);
    assertThat(unaryF("RSQRT", 4f, 0.25f).f32).containsExactly(0.5f, 2f);
    assertThat(unaryF("EXP", 0f, 1f).f32).containsExactly(1f, (float) Math.E);
    assertThat(unaryF("LOG", 1f, (float) Math.E).f32[0]).isEqualTo(0f);
    assertThat(unaryF("LOG", (float) Math.E).f32[0]).isCloseTo(1f, within(1e-6f));
    assertThat(unaryF("SQUARE", 3f, -1.5f).f32).containsExactly(9f, 2.25f);
    assertThat(unaryF("SIN", 0f, (float) (Math.PI / 2)).f32).containsExactly(0f, 1f);
    assertThat(unaryF("COS", 0f).f32).containsExactly(1f);
    assertThat(unaryF("COS", (float) Math.PI).f32[0]).isCloseTo(-1f, within(1e-6f));
    assertThat(unaryF("FLOOR", -1.5f, 2.7f).f32).containsExactly(-2f, 2f);
    assertThat(unaryF("CEIL", -1.5f, 2.2f).f32).containsExactly(-1f, 3f);
    // halves to even
    assertThat(unaryF("ROUND", 0.5f, 1.5f, 2.5f, -1.5f, -2.5f, 2.6f).f32)
        .containsExactly(0f, 2f, 2f, -2f, -2f, 3f);
    assertThat(unaryF("ELU", -1f, 2f).f32[0]).isCloseTo(-0.63212055f, within(1e-6f));
    assertThat(unaryF("ELU", 2f).f32).containsExactly(2f);
  }

  @Test
  void int8Abs() {
    // same scale: |x - (-10)| + (-128), no rescaling
    assertThat(new One().in(i8(0.5f, -10, 4), b(-10, -20, 0, -128))
        .run("ABS", i8(0.5f, -128, 4)).i8).containsExactly(b(-128, -118, -118, -10));
    // scale 1 -> 2: |x| / 2 with halves away from zero
    assertThat(new One().in(i8(1f, 0, 4), b(-5, 4, 3, -127))
        .run("ABS", i8(2f, 0, 4)).i8).containsExactly(b(3, 2, 2, 64));
  }

  @Test
  void int8Rsqrt() {
    // input scale 1/4: 4 -> 1.0 -> 1; 16 -> 4 -> 0.5; 64 -> 16 -> 0.25; output 1/64 steps, -128
    assertThat(new One().in(i8(0.25f, 0, 4), b(4, 16, 64, 0))
        .run("RSQRT", i8(1f / 64, -128, 4)).i8).containsExactly(b(-64, -96, -112, 127));
    assertThatThrownBy(() -> new One().in(i8(0.25f, 0, 1), b(-1))
        .run("RSQRT", i8(1f / 64, -128, 1)))
        .isInstanceOf(KilnException.class).hasMessageContaining("below the zero point");
  }

  @Test
  void int8Elu() {
    // scale 1/16 both sides: 1.0 -> 16; -1 -> (e^-1 - 1) * 16 = -10.11 -> -10; -8 -> -15.99 -> -16
    assertThat(new One().in(i8(1f / 16, 0, 4), b(16, -16, -128, 0))
        .run("ELU", i8(1f / 16, 0, 4)).i8).containsExactly(b(16, -10, -16, 0));
  }

  @Test
  void prelu() {
    assertThat(new One().in(f32(2, 2), f(-2, 3, -4, 1)).in(f32(2), f(0.5f, 0.25f))
        .run("PRELU", f32(2, 2)).f32).containsExactly(-1f, 3f, -2f, 1f); // alpha per column
    // alpha 64/128 = 0.5; x -10 (-5) -> -2.5 -> -5 steps; x -3 (-1.5) -> -0.75 -> -1.5 -> -2
    assertThat(new One().in(i8(0.5f, 0, 3), b(-10, 6, -3)).in(i8(1f / 128, 0, 1), b(64))
        .run("PRELU", i8(0.5f, 0, 3)).i8).containsExactly(b(-5, 6, -2));
  }

  @Test
  void maximumMinimum() {
    TensorInfo q = i8(0.1f, 3, 3);
    assertThat(new One().in(q, b(1, -5, 7)).in(q, b(3, -6, 7)).run("MAXIMUM", q).i8)
        .containsExactly(b(3, -5, 7));
    assertThat(new One().in(q, b(1, -5, 7)).in(q, b(3, -6, 7)).run("MINIMUM", q).i8)
        .containsExactly(b(1, -6, 7));
    // broadcast [2, 2] with [2]
    assertThat(new One().in(i32(2, 2), new int[] {1, 9, -4, 0}).in(i32(2), new int[] {2, 3})
        .run("MAXIMUM", i32(2, 2)).i32).containsExactly(2, 9, 2, 3);
    assertThat(new One().in(f32(2), f(1, -2)).in(f32(1), f(0))
        .run("MINIMUM", f32(2)).f32).containsExactly(0f, -2f);
  }

  @Test
  void squaredDifference() {
    assertThat(new One().in(f32(2), f(1, 5)).in(f32(2), f(3, 2))
        .run("SQUARED_DIFFERENCE", f32(2)).f32).containsExactly(4f, 9f);
    assertThat(new One().in(i32(2), new int[] {1, -3}).in(i32(2), new int[] {4, 2})
        .run("SQUARED_DIFFERENCE", i32(2)).i32).containsExactly(9, 25);
    // scale 1, zero point 0 everywhere: (3-1)^2 = 4, (-2-2)^2 = 16
    TensorInfo q = i8(1f, 0, 2);
    assertThat(new One().in(q, b(3, -2)).in(q, b(1, 2)).run("SQUARED_DIFFERENCE", q).i8)
        .containsExactly(b(4, 16));
  }

  @Test
  void division() {
    assertThat(new One().in(f32(2), f(6, -3)).in(f32(2), f(2, 4)).run("DIV", f32(2)).f32)
        .containsExactly(3f, -0.75f);
    // C integer division truncates toward zero
    assertThat(new One().in(i32(2), new int[] {7, -7}).in(i32(2), new int[] {2, 2})
        .run("DIV", i32(2)).i32).containsExactly(3, -3);
    // 3 / 2 = 1.5 and -5 / 4 = -1.25 in steps of 1/16: 24 and -20
    assertThat(new One().in(i8(1f, 0, 2), b(3, -5)).in(i8(1f, 0, 2), b(2, 4))
        .run("DIV", i8(1f / 16, 0, 2)).i8).containsExactly(b(24, -20));
    // fused RELU6 clamps 6 / 0.5 = 12 to 6
    OpOptions relu6 = new OpOptions();
    relu6.activation = OpOptions.ACT_RELU6;
    assertThat(new One().in(f32(1), f(6)).in(f32(1), f(0.5f)).run("DIV", f32(1), relu6).f32)
        .containsExactly(6f);
    assertThat(new One().in(f32(3), f(7, -7, 7)).in(f32(3), f(2, 2, -2))
        .run("FLOOR_DIV", f32(3)).f32).containsExactly(3f, -4f, -4f);
    assertThat(new One().in(f32(3), f(7, -7, 7)).in(f32(3), f(3, 3, -3))
        .run("FLOOR_MOD", f32(3)).f32).containsExactly(1f, 2f, -2f);
    assertThatThrownBy(() -> new One().in(f32(1), f(1)).in(f32(1), f(0))
        .run("FLOOR_DIV", f32(1))).hasMessageContaining("zero");
    assertThatThrownBy(() -> new One().in(i32(1), new int[] {1}).in(i32(1), new int[] {0})
        .run("DIV", i32(1))).isInstanceOf(KilnException.class).hasMessageContaining("zero");
    // int8 divisor 3 with zero point 3 is a real zero
    assertThatThrownBy(() -> new One().in(i8(1f, 0, 1), b(1)).in(i8(1f, 3, 1), b(3))
        .run("DIV", i8(1f, 0, 1))).isInstanceOf(KilnException.class)
        .hasMessageContaining("divisor element 0 is zero");
  }

  @Test
  void comparisons() {
    Map<String, byte[]> expected = Map.of("LESS", b(1, 0, 0), "LESS_EQUAL", b(1, 1, 0),
        "GREATER", b(0, 0, 1), "GREATER_EQUAL", b(0, 1, 1), "EQUAL", b(0, 1, 0),
        "NOT_EQUAL", b(1, 0, 1));
    expected.forEach((op, want) -> {
      assertThat(new One().in(f32(3), f(1, 2, 3)).in(f32(1), f(2)).run(op, bool(3)).i8)
          .as(op).containsExactly(want);
      assertThat(new One().in(i32(3), new int[] {1, 2, 3}).in(i32(3), new int[] {2, 2, 2})
          .run(op, bool(3)).i8).as(op).containsExactly(want);
      // int8 with different quantizations: 0.5 * [2, 4, 6] = [1, 2, 3]; 0.25 * (0 + 8) = 2
      assertThat(new One().in(i8(0.5f, 0, 3), b(2, 4, 6)).in(i8(0.25f, -8, 1), b(0))
          .run(op, bool(3)).i8).as(op).containsExactly(want);
    });
    assertThat(new One().in(bool(2), b(1, 0)).in(bool(2), b(1, 1)).run("EQUAL", bool(2)).i8)
        .containsExactly(b(1, 0));
    // 6-D broadcast: out[i, .., j] = a[j] > b[i]
    assertThat(new One().in(f32(1, 1, 1, 1, 1, 2), f(1, 3)).in(f32(2, 1, 1, 1, 1, 1), f(2, 0))
        .run("GREATER", bool(2, 1, 1, 1, 1, 2)).i8).containsExactly(b(0, 1, 1, 1));
  }

  @Test
  void logical() {
    assertThat(new One().in(bool(4), b(1, 1, 0, 0)).in(bool(4), b(1, 0, 1, 0))
        .run("LOGICAL_AND", bool(4)).i8).containsExactly(b(1, 0, 0, 0));
    assertThat(new One().in(bool(4), b(1, 1, 0, 0)).in(bool(4), b(1, 0, 1, 0))
        .run("LOGICAL_OR", bool(4)).i8).containsExactly(b(1, 1, 1, 0));
    assertThat(new One().in(bool(2, 2), b(1, 0, 0, 1)).in(bool(1), b(1))
        .run("LOGICAL_AND", bool(2, 2)).i8).containsExactly(b(1, 0, 0, 1));
    assertThat(new One().in(bool(2), b(1, 0)).run("LOGICAL_NOT", bool(2)).i8)
        .containsExactly(b(0, 1));
  }

  @Test
  void select() {
    assertThat(new One().in(bool(3), b(1, 0, 1)).in(f32(3), f(1, 2, 3)).in(f32(3), f(10, 20, 30))
        .run("SELECT_V2", f32(3)).f32).containsExactly(1f, 20f, 3f);
    // condition [2, 1] broadcast over [2, 2]
    TensorInfo q = i8(0.1f, 0, 2, 2);
    assertThat(new One().in(bool(2, 1), b(0, 1)).in(q, b(1, 2, 3, 4)).in(q, b(5, 6, 7, 8))
        .run("SELECT_V2", q).i8).containsExactly(b(5, 6, 3, 4));
  }

  @Test
  void cast() {
    assertThat(new One().in(f32(3), f(1.7f, -1.7f, 0f)).run("CAST", i32(3)).i32)
        .containsExactly(1, -1, 0);
    assertThat(new One().in(i8(0.5f, 3, 2), b(-3, 5)).run("CAST", f32(2)).f32)
        .containsExactly(-3f, 5f);
    assertThat(new One().in(bool(2), b(1, 0)).run("CAST", i32(2)).i32).containsExactly(1, 0);
    assertThat(new One().in(i32(2), new int[] {300, -129}).run("CAST", i8(0f, 0, 2)).i8)
        .containsExactly(b(44, 127));
  }

  @Test
  void addN() {
    assertThat(new One().in(f32(2), f(1, 2)).in(f32(2), f(3, 4)).in(f32(2), f(5, 6))
        .run("ADD_N", f32(2)).f32).containsExactly(9f, 12f);
    TensorInfo q = i8(1f, 0, 2);
    assertThat(new One().in(q, b(1, 2)).in(q, b(3, -4)).run("ADD_N", q).i8)
        .containsExactly(b(4, -2));
    // zero point 2: reals (3, 0) and (1, 0); TFLite Micro's accumulator starts at the scaled
    // offset -2, so the outputs are 4 - 2 = 2 and 0 - 2 = -2
    TensorInfo z = i8(1f, 2, 2);
    assertThat(new One().in(z, b(5, 2)).in(z, b(3, 2)).run("ADD_N", i8(1f, 0, 2)).i8)
        .containsExactly(b(2, -2));
  }

  @Test
  void reductions() {
    float[] x = {1, 5, 3, 2};
    OpOptions keep = new OpOptions();
    keep.keepDims = true;
    assertThat(new One().in(f32(2, 2), x).constant(1).run("REDUCE_MAX", f32(2)).f32)
        .containsExactly(5f, 3f);
    assertThat(new One().in(f32(2, 2), x).constant(1).run("REDUCE_MIN", f32(2)).f32)
        .containsExactly(1f, 2f);
    assertThat(new One().in(f32(2, 2), x).constant(0).run("SUM", f32(1, 2), keep).f32)
        .containsExactly(4f, 7f);
    assertThat(new One().in(f32(2, 2), x).constant(0, -1).run("SUM", f32()).f32)
        .containsExactly(11f);
    assertThat(new One().in(bool(2, 2), b(1, 0, 1, 1)).constant(1).run("REDUCE_ALL", bool(2)).i8)
        .containsExactly(b(0, 1));
    TensorInfo q = i8(0.5f, 1, 2, 2);
    assertThat(new One().in(q, b(3, -5, 9, 1)).constant(1).run("REDUCE_MAX", i8(0.5f, 1, 2)).i8)
        .containsExactly(b(3, 9));
    // reals (x - 1) * 1: rows [2, 4] and [0, 0] sum to 6 and 0, in steps of 2: 3 and 0
    assertThat(new One().in(i8(1f, 1, 2, 2), b(3, 5, 1, 1)).constant(1)
        .run("SUM", i8(2f, 0, 2)).i8).containsExactly(b(3, 0));
  }

  @Test
  void argMinMax() {
    float[] x = {1, 5, 5, 3, 2, 0};
    assertThat(new One().in(f32(2, 3), x).constant(1).run("ARG_MAX", i32(2)).i32)
        .containsExactly(1, 0);
    assertThat(new One().in(f32(2, 3), x).constant(-1).run("ARG_MIN", i32(2)).i32)
        .containsExactly(0, 2);
    assertThat(new One().in(i8(0.1f, 0, 2, 3), b(1, 5, 5, 3, 2, 0)).constant(0)
        .run("ARG_MAX", i32(3)).i32).containsExactly(1, 0, 0);
  }

  @Test
  void cumsum() {
    float[] x = {1, 2, 3, 4};
    assertThat(new One().in(f32(4), x).constant(0).run("CUMSUM", f32(4)).f32)
        .containsExactly(1f, 3f, 6f, 10f);
    OpOptions exclusive = new OpOptions();
    exclusive.fields = Map.of("exclusive", true);
    assertThat(new One().in(f32(4), x).constant(0).run("CUMSUM", f32(4), exclusive).f32)
        .containsExactly(0f, 1f, 3f, 6f);
    OpOptions reverse = new OpOptions();
    reverse.fields = Map.of("reverse", true);
    assertThat(new One().in(f32(2, 2), x).constant(0).run("CUMSUM", f32(2, 2), reverse).f32)
        .containsExactly(4f, 6f, 3f, 4f);
    TensorInfo q = i8(1f, 0, 3);
    assertThat(new One().in(q, b(1, 2, 3)).constant(0).run("CUMSUM", q).i8)
        .containsExactly(b(1, 3, 6));
  }

  @Test
  void logSoftmax() {
    float[] out = new One().in(f32(2), f(1, 1)).run("LOG_SOFTMAX", f32(2)).f32;
    assertThat(out[0]).isCloseTo((float) -Math.log(2), within(1e-6f));
    assertThat(out[1]).isCloseTo((float) -Math.log(2), within(1e-6f));
    // two equal inputs: -ln 2 = -0.693 = -11.09 steps of 1/16 below 127 -> 116; an input 20
    // (scale 1) below the maximum: -20 - ln(1 + e^-20) is past the output range -> -128
    assertThat(new One().in(i8(1f, 0, 2), b(5, 5)).run("LOG_SOFTMAX", i8(16f / 256, 127, 2)).i8)
        .containsExactly(b(116, 116));
    assertThat(new One().in(i8(1f, 0, 2), b(20, 0)).run("LOG_SOFTMAX", i8(16f / 256, 127, 2)).i8)
        .containsExactly(b(127, -128));
  }

  @Test
  void l2Normalization() {
    assertThat(new One().in(f32(2), f(3, 4)).run("L2_NORMALIZATION", f32(2)).f32)
        .containsExactly(0.6f, 0.8f);
    // 3 / 5 * 128 = 76.8 -> 77; 4 / 5 * 128 = 102.4 -> 102
    assertThat(new One().in(i8(0.1f, 0, 2), b(3, 4))
        .run("L2_NORMALIZATION", i8(1f / 128, 0, 2)).i8).containsExactly(b(77, 102));
  }

  @Test
  void int16() {
    // without quantization: C abs, and -32768 stays -32768
    assertThat(new One().in(i16(0f, 3), s(-5, 32767, -32768)).run("ABS", i16(0f, 3)).i16)
        .containsExactly(s(5, 32767, -32768));
    // scale 1 -> 2: halves away from zero
    assertThat(new One().in(i16(1f, 2), s(-5, 300)).run("ABS", i16(2f, 2)).i16)
        .containsExactly(s(3, 150));
    // halved inputs (6, 2) -> (3, 1), (-4, 4) -> (-2, 2); squared differences 4 and 16 in units
    // of (2 * max scale)^2 = 4: 16 and 64
    assertThat(new One().in(i16(1f, 2), s(6, -4)).in(i16(1f, 2), s(2, 4))
        .run("SQUARED_DIFFERENCE", i16(1f, 2)).i16).containsExactly(s(16, 64));
    // alpha 64/128 = 0.5 (int8): -1000 -> -500, -3 -> -1.5 -> -2 (away from zero)
    assertThat(new One().in(i16(0.5f, 4), s(-10, 6, -3, -1000)).in(i8(1f / 128, 0, 1), b(64))
        .run("PRELU", i16(0.5f, 4)).i16).containsExactly(s(-5, 6, -2, -500));
    assertThat(new One().in(i16(0.1f, 2), s(-300, 300)).in(i16(0.1f, 2), s(200, -200))
        .run("MAXIMUM", i16(0.1f, 2)).i16).containsExactly(s(200, 300));
    assertThat(new One().in(bool(2), b(0, 1)).in(i16(0.1f, 2), s(1000, 2000))
        .in(i16(0.1f, 2), s(-1, -2)).run("SELECT_V2", i16(0.1f, 2)).i16)
        .containsExactly(s(-1, 2000));
    // 70000 - 65536 = 4464: the low 16 bits
    assertThat(new One().in(i32(2), new int[] {70000, -3}).run("CAST", i16(0f, 2)).i16)
        .containsExactly(s(4464, -3));
    // same scales: the plain sum, clamped to int16
    assertThat(new One().in(i16(0.5f, 2, 2), s(1000, 2000, 30000, 30000)).constant(1)
        .run("SUM", i16(0.5f, 2)).i16).containsExactly(s(3000, 32767));
  }

  @Test
  void typesTfliteMicroLacksAreRefused() {
    assertThatThrownBy(() -> new One().in(i8(0.5f, 0, 2), b(1, 2)).run("EXP", i8(0.5f, 0, 2)))
        .isInstanceOf(KilnException.class).hasMessageContaining("EXP")
        .hasMessageContaining("FLOAT32");
    assertThatThrownBy(() -> new One().in(i8(0.5f, 0, 2), b(1, 2)).in(i8(0.5f, 0, 2), b(1, 2))
        .run("FLOOR_MOD", i8(0.5f, 0, 2))).isInstanceOf(KilnException.class);
    assertThatThrownBy(() -> new One().in(f32(2), f(1, 2)).run("CAST", bool(2)))
        .isInstanceOf(KilnException.class).hasMessageContaining("output");
  }
}
