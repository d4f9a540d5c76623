package kiln.micro.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import kiln.api.model.ElementType;
import kiln.micro.reference.Int16Lut;
import kiln.micro.reference.QuantArith;

/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM with int16 activations and int8 weights (16x8), as TFLite Micro's
 * EvalLstm&lt;int16_t, int8_t, int16_t, int64_t&gt;: int16 input, hidden state and output, int8
 * per-tensor weights, int64 biases, an int16 cell state with a power-of-two scale.
 *
 * <p>Each gate is two fully connected layers into int16 at 2^-12 (reference_integer_ops
 * FullyConnected: sums in int64, the input one with its bias, the recurrent one without; the
 * 64-bit MultiplyByQuantizedMultiplier, whose multiplier is reduced to 16 bits; the multiplier from
 * the input and weight scales multiplied in float), added with int16 saturation, then the int16
 * sigmoid or tanh of {@link Int16Lut} into Q0.15. The cell update and the hidden state are
 * MulElementwise products (int32 product, the 32-bit MultiplyByQuantizedMultiplier) with the
 * multipliers of CreateInterGateMulParams; the hidden state takes its zero point and saturates to
 * int16. The validation of shapes, options and absent variants is {@link
 * UnidirectionalSequenceLstm}'s; this class checks what is particular to 16x8.
 */
public final class UnidirectionalSequenceLstm16 extends LstmSteps {
  static final float GATE_INPUT_SCALE = UnidirectionalSequenceLstm.Int8Lstm.GATE_INPUT_SCALE;
  static final float GATE_OUTPUT_SCALE = UnidirectionalSequenceLstm.Int8Lstm.GATE_OUTPUT_SCALE;
  private static final int FORGET = UnidirectionalSequenceLstm.FloatLstm.FORGET;
  private static final int IN = UnidirectionalSequenceLstm.FloatLstm.IN;
  private static final int CELL = UnidirectionalSequenceLstm.FloatLstm.CELL;
  private static final int OUT = UnidirectionalSequenceLstm.FloatLstm.OUT;

  final short[] input, output, hidden, cell;
  final int inputOffset, hiddenOffset, hiddenZp;
  final byte[][] w = new byte[4][], r = new byte[4][];
  final long[][] b = new long[4][];
  final int[] wMul = new int[4], wShift = new int[4], rMul = new int[4], rShift = new int[4];
  final int forgetMul, forgetShift, inputMul, inputShift, outputMul, outputShift;
  /** tanh of the cell at its power of two: lstm_internal::Tanh's multiplier and shift. */
  final int tanhMultiplier, tanhShift;
  final boolean clip;
  final short cellClip;
  /** TFLite Micro's four scratch buffers of batch x state int16 cells. */
  final short[] buffer0, buffer1, buffer2, buffer3;

  static Kernel prepare(Prep p, Tensor input, Tensor output, Tensor hidden, Tensor cell,
      boolean timeMajor, int batch, int time, int features, int state) {
    p.requireType(hidden, "hidden state", ElementType.INT16);
    p.requireType(cell, "cell state", ElementType.INT16);
    p.requireQuantized(input, "input");
    p.requireQuantized(hidden, "hidden state");
    p.requireQuantized(cell, "cell state");
    for (int g = 0; g < 4; g++) {
      String gate = UnidirectionalSequenceLstm.GATES[g];
      for (Tensor t : new Tensor[] {p.in(UnidirectionalSequenceLstm.INPUT_WEIGHTS + g),
          p.in(UnidirectionalSequenceLstm.RECURRENT_WEIGHTS + g)}) {
        p.requireType(t, gate + " gate weights of a 16x8 LSTM", ElementType.INT8);
        p.requireQuantized(t, gate + " gate weights");
        p.require(t.info.scales().length == 1, gate + " gate weights '" + t.name()
            + "' must be quantized per tensor, found " + t.info.scales().length + " scales");
        p.require(t.zeroPoint() == 0, gate + " gate weights '" + t.name()
            + "' must be symmetric (zero point 0), found " + t.zeroPoint());
      }
      Tensor bias = p.in(UnidirectionalSequenceLstm.BIASES + g);
      p.requireType(bias, gate + " gate bias of a 16x8 LSTM (int64, TFLite Micro's only int16"
          + " bias type)", ElementType.INT64);
      p.requireConstant(bias, gate + " gate bias");
    }
    return new UnidirectionalSequenceLstm16(p, input, output, hidden, cell, timeMajor, batch, time,
        features, state);
  }

  private UnidirectionalSequenceLstm16(Prep p, Tensor input, Tensor output, Tensor hidden,
      Tensor cell, boolean timeMajor, int batch, int time, int features, int state) {
    super(timeMajor, batch, time, features, state);
    this.input = input.i16;
    this.output = output.i16;
    this.hidden = hidden.i16;
    this.cell = cell.i16;
    this.inputOffset = -input.zeroPoint();
    this.hiddenOffset = -hidden.zeroPoint();
    this.hiddenZp = hidden.zeroPoint();
    for (int g = 0; g < 4; g++) {
      Tensor wt = p.in(UnidirectionalSequenceLstm.INPUT_WEIGHTS + g);
      Tensor rt = p.in(UnidirectionalSequenceLstm.RECURRENT_WEIGHTS + g);
      w[g] = wt.i8;
      r[g] = rt.i8;
      b[g] = int64(p.in(UnidirectionalSequenceLstm.BIASES + g), state);
      // CalculateOpDataFullyConnected (per tensor): the scale product in float, then double
      QuantArith.Multiplier mw = QuantArith.quantizeMultiplier(
          (double) (input.scale() * wt.scale()) / (double) GATE_INPUT_SCALE);
      QuantArith.Multiplier mr = QuantArith.quantizeMultiplier(
          (double) (hidden.scale() * rt.scale()) / (double) GATE_INPUT_SCALE);
      wMul[g] = mw.multiplier();
      wShift[g] = mw.shift();
      rMul[g] = mr.multiplier();
      rShift[g] = mr.shift();
    }
    // CreateInterGateMulParams: the scale product in double over the output scale
    QuantArith.Multiplier f = mul(GATE_OUTPUT_SCALE, cell.scale(), cell.scale());
    QuantArith.Multiplier i = mul(GATE_OUTPUT_SCALE, GATE_OUTPUT_SCALE, cell.scale());
    QuantArith.Multiplier o = mul(GATE_OUTPUT_SCALE, GATE_OUTPUT_SCALE, hidden.scale());
    forgetMul = f.multiplier();
    forgetShift = f.shift();
    inputMul = i.multiplier();
    inputShift = i.shift();
    outputMul = o.multiplier();
    outputShift = o.shift();
    // CreateLstmCellStateInfo: CheckedLog2's rounded power, whether or not the scale is one
    float log2 = (float) Math.log(cell.scale()) * (1.0f / (float) Math.log(2.0));
    int power = (int) QuantArith.roundHalfAway(log2);
    int shift = 15 + power - 3;
    int multiplier = 0;
    if (shift < 0) {
      shift = -shift;
      multiplier = 3;
    }
    tanhMultiplier = multiplier;
    tanhShift = shift;
    float c = p.options.cellClip;
    clip = c > 0;
    cellClip = (short) Math.min(Math.max((double) c / (double) cell.scale(), -32768.0), 32767.0);
    int n = batch * state;
    buffer0 = new short[n];
    buffer1 = new short[n];
    buffer2 = new short[n];
    buffer3 = new short[n];
  }

  /** An int64 bias as the file holds it (the runtime's own int64 store narrows the values). */
  private static long[] int64(Tensor bias, int n) {
    ByteBuffer bb = ByteBuffer.wrap(bias.info.data()).order(ByteOrder.LITTLE_ENDIAN);
    long[] v = new long[n];
    for (int k = 0; k < n; k++) {
      v[k] = bb.getLong(k * 8);
    }
    return v;
  }

  private static QuantArith.Multiplier mul(float s1, float s2, float out) {
    return QuantArith.quantizeMultiplier((double) s1 * (double) s2 / (double) out);
  }

  /** One step over {@code rows} batches (LstmStep). */
  @Override
  void step(int rows, int inOff, int outOff, int stateOff) {
    int n = rows * state;
    gate(FORGET, rows, inOff, stateOff, buffer0, true);
    gate(IN, rows, inOff, stateOff, buffer1, true);
    gate(CELL, rows, inOff, stateOff, buffer2, false);
    for (int k = 0; k < n; k++) {
      int forget = mulClamp(buffer0[k] * cell[stateOff + k], forgetMul, forgetShift, 0);
      int update = mulClamp(buffer1[k] * buffer2[k], inputMul, inputShift, 0);
      int sum = clamp16(forget + update);
      if (clip) {
        sum = Math.max(Math.min(cellClip, sum), -cellClip);
      }
      cell[stateOff + k] = (short) sum;
    }
    gate(OUT, rows, inOff, stateOff, buffer1, true);
    for (int k = 0; k < n; k++) {
      buffer0[k] = Int16Lut.tanh(cell[stateOff + k], tanhMultiplier, tanhShift);
      hidden[stateOff + k] = (short) mulClamp(buffer0[k] * buffer1[k], outputMul, outputShift,
          hiddenZp);
    }
    System.arraycopy(hidden, stateOff, output, outOff, n);
  }

  private static int mulClamp(int product, int m, int s, int zp) {
    return clamp16(zp + QuantArith.multiplyByQuantizedMultiplier(product, m, s));
  }

  /** CalculateLstmGate: the two FCs into int16 at 2^-12, their saturating sum, the activation. */
  private void gate(int g, int rows, int inOff, int stateOff, short[] out, boolean sigmoid) {
    for (int row = 0; row < rows; row++) {
      for (int s = 0; s < state; s++) {
        long acc = 0;
        int wo = s * features;
        int xo = inOff + row * features;
        for (int k = 0; k < features; k++) {
          acc += w[g][wo + k] * (input[xo + k] + inputOffset);
        }
        acc += b[g][s];
        int x = clamp16(QuantArith.multiplyByQuantizedMultiplier(acc, wMul[g], wShift[g]));
        long racc = 0;
        int ro = s * state;
        int ho = stateOff + row * state;
        for (int k = 0; k < state; k++) {
          racc += r[g][ro + k] * (hidden[ho + k] + hiddenOffset);
        }
        int h = clamp16(QuantArith.multiplyByQuantizedMultiplier(racc, rMul[g], rShift[g]));
        buffer3[row * state + s] = (short) h;
        int v = clamp16(x + h);
        out[row * state + s] = sigmoid ? Int16Lut.logistic(v, 0, 0) : Int16Lut.tanh(v, 0, 0);
      }
    }
  }

  private static int clamp16(int v) {
    return Math.min(32767, Math.max(-32768, v));
  }
}
