package kiln.micro.kernels;

import kiln.api.model.ElementType;
import kiln.micro.reference.QuantArith;

/**
 * SVDF: a fully connected layer factored into a feature filter and a time filter over the last
 * {@code memory} inputs, which it keeps in a variable (state) tensor of shape [batch, memory *
 * filters] across invokes. TFLite Micro's svdf_common.cc: each invoke first shifts the whole state
 * left by one, writes the feature products into each filter's last slot, then reduces the time
 * products over rank into units. Int8: feature products requantized into the int16 (or int8) state
 * with the state's zero point, time products in int32, output requantized; no fused activation
 * (TFLite Micro ignores it, TFLite 2.20 demands RELU and ignores it too). Float32: the same in float
 * with the fused activation at the end.
 *
 * <p>TFLite 2.20 shifts the state after the invoke and assumes a zero state zero point; the outputs
 * agree whenever the state's zero point is 0 (as the converter writes it). For a non-zero one
 * Kiln follows TFLite Micro.
 */
public final class Svdf {
  private Svdf() {}

  static final int INPUT = 0;
  static final int WEIGHTS_FEATURE = 1;
  static final int WEIGHTS_TIME = 2;
  static final int BIAS = 3;
  static final int STATE = 4;

  public static Kernel prepare(Prep p) {
    p.require(p.inputCount() == 5, "expected 5 inputs (input, weights_feature, weights_time, "
        + "bias or -1, state), found " + p.inputCount());
    Tensor input = p.in(INPUT);
    Tensor wf = p.in(WEIGHTS_FEATURE);
    Tensor wt = p.in(WEIGHTS_TIME);
    Tensor bias = p.optIn(BIAS);
    Tensor state = p.in(STATE);
    Tensor output = p.out(0);
    int rank = p.options.rank;
    p.requireType(input, "input", ElementType.INT8, ElementType.FLOAT32);
    p.requireRank(input, "input", 2);
    p.requireRank(wf, "weights_feature", 2);
    p.requireRank(wt, "weights_time", 2);
    p.requireRank(state, "state", 2);
    p.requireRank(output, "output", 2);
    int batch = input.dim(0);
    int inputSize = input.dim(1);
    int filters = wf.dim(0);
    p.require(rank > 0 && filters % rank == 0, "rank " + rank + " must be > 0 and divide the "
        + filters + " filters of weights_feature '" + wf.name() + "'");
    int units = filters / rank;
    int memory = wt.dim(1);
    p.require(wf.dim(1) == inputSize, "weights_feature '" + wf.name() + "' must have "
        + inputSize + " columns (the input size), found " + wf.dim(1));
    p.require(wt.dim(0) == filters && memory > 0, "weights_time '" + wt.name()
        + "' must have shape [" + filters + ", memory > 0], found " + java.util.Arrays.toString(wt.shape));
    p.require(bias == null || (bias.rank() == 1 && bias.dim(0) == units), "bias '"
        + (bias == null ? "" : bias.name()) + "' must have shape [" + units + "]");
    p.require(state.info.variable(), "state tensor '" + state.name()
        + "' must be a variable tensor");
    p.require(state.dim(0) == batch && state.dim(1) == memory * filters, "state '" + state.name()
        + "' must have shape [" + batch + ", " + memory * filters + "], found "
        + java.util.Arrays.toString(state.shape));
    p.requireShape(output, new int[] {batch, units});
    if (input.type() == ElementType.FLOAT32) {
      for (Tensor t : new Tensor[] {wf, wt, state, output}) {
        p.requireType(t, "float SVDF", ElementType.FLOAT32);
      }
      if (bias != null) {
        p.requireType(bias, "bias", ElementType.FLOAT32);
      }
      FloatActivation.check(p, p.options.activation);
      return new FloatSvdf(input.f32, wf.f32, wt.f32, bias == null ? null : bias.f32, state.f32,
          output.f32, batch, inputSize, filters, units, rank, memory, p.options.activation);
    }
    p.requireType(wf, "weights_feature", ElementType.INT8);
    p.requireType(wt, "weights_time", ElementType.INT16, ElementType.INT8);
    p.requireType(state, "state", ElementType.INT16, ElementType.INT8);
    p.requireSameType(wt, state);
    p.requireType(output, "output", ElementType.INT8);
    for (Tensor t : new Tensor[] {input, wf, wt, state, output}) {
      p.requireQuantized(t, "int8 SVDF");
    }
    if (bias != null) {
      p.requireType(bias, "bias", ElementType.INT32);
      double expected = (double) (state.scale() * wt.scale());
      p.require(Math.abs((double) bias.scale() - expected) < 1e-5, "bias '" + bias.name()
          + "' must have scale state scale x weights_time scale (" + expected + "), found "
          + bias.scale());
    }
    // computed in float, then widened, as TFLite Micro's PrepareSvdf does
    QuantArith.Multiplier s1 = QuantArith.quantizeMultiplier(
        (double) (input.scale() * wf.scale() / state.scale()));
    QuantArith.Multiplier s2 = QuantArith.quantizeMultiplier(
        (double) (state.scale() * wt.scale() / output.scale()));
    return new Int8Svdf(input, wf.i8, wt.intValues(), bias == null ? null : bias.i32, state,
        output, batch, inputSize, filters, units, rank, memory, s1, s2);
  }

  /** The integer kernel, over an int16 or int8 state (and time weights of the same type). */
  public static final class Int8Svdf extends Kernel {
    final byte[] in;
    final int inZp;
    final byte[] wf;
    final int[] wt;
    final int[] bias;
    final short[] state16;
    final byte[] state8;
    final int stateZp, stateMin, stateMax;
    final byte[] out;
    final int outZp;
    final int batch, inputSize, filters, units, rank, memory;
    final int m1, sh1, m2, sh2;
    /** TFLite Micro's two scratch buffers: batch x filters and batch x units int32. */
    final int[] scratch;
    final int[] scratchOut;

    Int8Svdf(Tensor input, byte[] wf, int[] wt, int[] bias, Tensor state, Tensor output,
        int batch, int inputSize, int filters, int units, int rank, int memory,
        QuantArith.Multiplier s1, QuantArith.Multiplier s2) {
      this.in = input.i8;
      this.inZp = input.zeroPoint();
      this.wf = wf;
      this.wt = wt;
      this.bias = bias;
      this.state16 = state.i16;
      this.state8 = state.i8;
      this.stateZp = state.zeroPoint();
      this.stateMin = state.i16 != null ? Short.MIN_VALUE : Byte.MIN_VALUE;
      this.stateMax = state.i16 != null ? Short.MAX_VALUE : Byte.MAX_VALUE;
      this.out = output.i8;
      this.outZp = output.zeroPoint();
      this.batch = batch;
      this.inputSize = inputSize;
      this.filters = filters;
      this.units = units;
      this.rank = rank;
      this.memory = memory;
      this.m1 = s1.multiplier();
      this.sh1 = s1.shift();
      this.m2 = s2.multiplier();
      this.sh2 = s2.shift();
      this.scratch = new int[batch * filters];
      this.scratchOut = new int[batch * units];
    }

    private int state(int i) {
      return state16 != null ? state16[i] : state8[i];
    }

    @Override
    public void eval() {
      int n = batch * filters * memory;
      if (state16 != null) {
        System.arraycopy(state16, 1, state16, 0, n - 1);
      } else {
        System.arraycopy(state8, 1, state8, 0, n - 1);
      }
      for (int b = 0; b < batch; b++) {
        for (int f = 0; f < filters; f++) {
          int dot = 0;
          int w = f * inputSize;
          int x = b * inputSize;
          for (int k = 0; k < inputSize; k++) {
            dot += wf[w + k] * (in[x + k] - inZp);
          }
          dot = QuantArith.multiplyByQuantizedMultiplier(dot, m1, sh1);
          dot = Math.min(Math.max(stateMin, dot), stateMax);
          // the zero point is added after the clamp and the sum narrowed, as in C
          int slot = (b * filters + f) * memory + memory - 1;
          if (state16 != null) {
            state16[slot] = (short) (stateZp + dot);
          } else {
            state8[slot] = (byte) (stateZp + dot);
          }
        }
      }
      for (int b = 0; b < batch; b++) {
        for (int f = 0; f < filters; f++) {
          int s = 0;
          int st = (b * filters + f) * memory;
          for (int j = 0; j < memory; j++) {
            s += wt[f * memory + j] * (state(st + j) - stateZp);
          }
          scratch[b * filters + f] = s;
        }
      }
      for (int b = 0; b < batch; b++) {
        for (int u = 0; u < units; u++) {
          int v = bias == null ? 0 : bias[u];
          for (int j = 0; j < rank; j++) {
            v += scratch[b * filters + u * rank + j];
          }
          scratchOut[b * units + u] = v;
        }
      }
      for (int i = 0; i < batch * units; i++) {
        int v = QuantArith.multiplyByQuantizedMultiplier(scratchOut[i], m2, sh2) + outZp;
        out[i] = (byte) Math.min(Math.max(-128, v), 127);
      }
    }
  }

  /** The float kernel. */
  public static final class FloatSvdf extends Kernel {
    final float[] in, wf, wt, bias, state, out;
    final int batch, inputSize, filters, units, rank, memory, activation;
    final float[] scratch;

    FloatSvdf(float[] in, float[] wf, float[] wt, float[] bias, float[] state, float[] out,
        int batch, int inputSize, int filters, int units, int rank, int memory, int activation) {
      this.in = in;
      this.wf = wf;
      this.wt = wt;
      this.bias = bias;
      this.state = state;
      this.out = out;
      this.batch = batch;
      this.inputSize = inputSize;
      this.filters = filters;
      this.units = units;
      this.rank = rank;
      this.memory = memory;
      this.activation = activation;
      this.scratch = new float[batch * filters];
    }

    @Override
    public void eval() {
      int n = batch * filters * memory;
      System.arraycopy(state, 1, state, 0, n - 1);
      for (int b = 0; b < batch; b++) {
        for (int f = 0; f < filters; f++) {
          float dot = 0f;
          int w = f * inputSize;
          int x = b * inputSize;
          for (int k = 0; k < inputSize; k++) {
            dot += wf[w + k] * in[x + k];
          }
          state[(b * filters + f) * memory + memory - 1] = dot;
        }
      }
      for (int b = 0; b < batch; b++) {
        for (int f = 0; f < filters; f++) {
          float s = 0f;
          int st = (b * filters + f) * memory;
          for (int j = 0; j < memory; j++) {
            s += wt[f * memory + j] * state[st + j];
          }
          scratch[b * filters + f] = s;
        }
      }
      for (int b = 0; b < batch; b++) {
        for (int u = 0; u < units; u++) {
          float v = bias == null ? 0f : bias[u];
          for (int j = 0; j < rank; j++) {
            v += scratch[b * filters + u * rank + j];
          }
          out[b * units + u] = FloatActivation.apply(activation, v);
        }
      }
    }
  }
}
