package kiln.micro.kernels;

import java.util.Arrays;
import kiln.api.model.ElementType;
import kiln.micro.graph.OpOptions;
import kiln.micro.reference.Int16Lut;
import kiln.micro.reference.QuantArith;

/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM, float32 and int8 (int16 cell), as TFLite Micro's lstm_eval runs
 * it: 24 inputs (input,
 * four input and four recurrent weight matrices, four gate biases, the hidden and the cell state as
 * variable tensors; peepholes, projection and layer norm absent), the input [batch, time, features]
 * or with {@code time_major} [time, batch, features], the output the hidden state of every step.
 * Each step: forget, input and cell gates from FC(input) + bias + FC(hidden); cell = forget x cell +
 * input x gate, clipped to {@code cell_clip} when set; then the output gate, hidden = output gate x
 * tanh(cell). Time-major models step all batches together, batch-major ones each batch through all
 * its steps. The states live on across invokes (TFLite Micro's variable tensors).
 *
 * <p>Int8: int8 input, weights and hidden state, int32 biases, int16 cell state with a power-of-two
 * scale. Each gate is two FCs into int16 at scale 2^-12 (the input one with the bias, the
 * recurrent one without), added with saturation, then TFLite's int16 sigmoid or tanh into Q0.15;
 * the cell products are requantized to the cell scale, tanh of the cell is taken at the cell's
 * power of two, and the hidden state is the product requantized to the hidden state's scale and
 * zero point; the output is a copy of the hidden state (its own quantization is not applied, as in
 * TFLite Micro). TFLite 2.20 runs int8 LSTMs only with the converter's intermediate tensors and
 * other arithmetic, so TFLite Micro is the reference here. Int16 activations (16x8) run in
 * {@link UnidirectionalSequenceLstm16}.
 */
public final class UnidirectionalSequenceLstm {
  private UnidirectionalSequenceLstm() {}

  static final int INPUT = 0;
  /** Input weights of the input, forget, cell and output gates (1-4), recurrent ones (5-8). */
  static final int INPUT_WEIGHTS = 1;
  static final int RECURRENT_WEIGHTS = 5;
  /** Biases of the input, forget, cell and output gates. */
  static final int BIASES = 12;
  static final int HIDDEN_STATE = 18;
  static final int CELL_STATE = 19;
  /** Peepholes (9-11), projection (16-17), layer norm (20-23): TFLite Micro refuses them. */
  static final int[] ABSENT = {9, 10, 11, 16, 17, 20, 21, 22, 23};
  /** What each absent input would be, for the error (lstm_shared.h's names). */
  static final String[] ABSENT_NAMES = {"cell-to-input peephole weights",
      "cell-to-forget peephole weights", "cell-to-output peephole weights",
      "projection weights", "projection bias", "input gate layer norm coefficients",
      "forget gate layer norm coefficients", "cell gate layer norm coefficients",
      "output gate layer norm coefficients"};
  static final String[] GATES = {"input", "forget", "cell", "output"};

  public static Kernel prepare(Prep p) {
    p.require(p.inputCount() == 24, "expected 24 inputs, found " + p.inputCount());
    for (int k = 0; k < ABSENT.length; k++) {
      p.require(p.optIn(ABSENT[k]) == null, "input " + ABSENT[k] + " (" + ABSENT_NAMES[k]
          + ") must be absent: TFLite Micro's LSTM runs without peepholes, projection and layer"
          + " norm, for every type");
    }
    Tensor input = p.in(INPUT);
    Tensor hidden = p.in(HIDDEN_STATE);
    Tensor cell = p.in(CELL_STATE);
    Tensor output = p.out(0);
    p.requireRank(input, "input", 3);
    p.requireRank(output, "output", 3);
    boolean timeMajor = p.options.timeMajor;
    int batch = timeMajor ? input.dim(1) : input.dim(0);
    int time = timeMajor ? input.dim(0) : input.dim(1);
    int features = input.dim(2);
    p.requireRank(hidden, "hidden state", 2);
    int state = hidden.dim(1);
    for (int g = 0; g < 4; g++) {
      Tensor w = p.in(INPUT_WEIGHTS + g);
      Tensor r = p.in(RECURRENT_WEIGHTS + g);
      Tensor b = p.in(BIASES + g);
      p.require(Arrays.equals(w.shape, new int[] {state, features}), GATES[g]
          + " gate input weights '" + w.name() + "' must have shape [" + state + ", " + features
          + "], found " + Arrays.toString(w.shape));
      p.require(Arrays.equals(r.shape, new int[] {state, state}), GATES[g]
          + " gate recurrent weights '" + r.name() + "' must have shape [" + state + ", " + state
          + "], found " + Arrays.toString(r.shape));
      p.require(Arrays.equals(b.shape, new int[] {state}), GATES[g] + " gate bias '" + b.name()
          + "' must have shape [" + state + "], found " + Arrays.toString(b.shape));
    }
    for (Tensor s : new Tensor[] {hidden, cell}) {
      p.require(s.info.variable(), "state tensor '" + s.name() + "' must be a variable tensor");
      p.require(s.elementCount() == batch * state, "state tensor '" + s.name() + "' must hold "
          + batch + " x " + state + " elements, found shape " + Arrays.toString(s.shape));
    }
    p.requireShape(output, new int[] {input.dim(0), input.dim(1), state});
    p.require(p.options.activation == OpOptions.ACT_TANH, "fused activation must be TANH (the"
        + " cell gate and the hidden state's nonlinearity), found code " + p.options.activation);
    p.require(!(p.options.cellClip < 0), "cell_clip must be >= 0, found " + p.options.cellClip);
    p.requireType(input, "input", ElementType.FLOAT32, ElementType.INT8, ElementType.INT16);
    p.requireSameType(input, output);
    p.requireSameType(input, hidden);
    if (input.type() == ElementType.INT16) {
      return UnidirectionalSequenceLstm16.prepare(p, input, output, hidden, cell, timeMajor,
          batch, time, features, state);
    }
    if (input.type() == ElementType.INT8) {
      return Int8Lstm.prepare(p, input, output, hidden, cell, timeMajor, batch, time, features,
          state);
    }
    p.requireSameType(input, cell);
    float[][] w = new float[4][];
    float[][] r = new float[4][];
    float[][] b = new float[4][];
    for (int g = 0; g < 4; g++) {
      Tensor[] ts = {p.in(INPUT_WEIGHTS + g), p.in(RECURRENT_WEIGHTS + g), p.in(BIASES + g)};
      for (Tensor t : ts) {
        p.requireType(t, "float LSTM weight", ElementType.FLOAT32);
      }
      w[g] = ts[0].f32;
      r[g] = ts[1].f32;
      b[g] = ts[2].f32;
    }
    return new FloatLstm(input.f32, output.f32, hidden.f32, cell.f32, w, r, b, timeMajor, batch,
        time, features, state, p.options.cellClip);
  }

  /** The float kernel, TFLite Micro's EvalLstm over float cells. */
  public static final class FloatLstm extends LstmSteps {
    static final int IN = 0;
    static final int FORGET = 1;
    static final int CELL = 2;
    static final int OUT = 3;
    final float[] input, output, hidden, cell;
    final float[][] w, r, b;
    final float cellClip;
    /**
     * Gate outputs: TFLite Micro's scratch buffers 0-2 of batch x state cells (its fourth holds
     * the recurrent FC before the add, which Kiln sums in place).
     */
    final float[] buffer0, buffer1, buffer2;

    FloatLstm(float[] input, float[] output, float[] hidden, float[] cell, float[][] w,
        float[][] r, float[][] b, boolean timeMajor, int batch, int time, int features,
        int state, float cellClip) {
      super(timeMajor, batch, time, features, state);
      this.input = input;
      this.output = output;
      this.hidden = hidden;
      this.cell = cell;
      this.w = w;
      this.r = r;
      this.b = b;
      this.cellClip = cellClip;
      int n = batch * state;
      buffer0 = new float[n];
      buffer1 = new float[n];
      buffer2 = new float[n];
    }

    /** One step over {@code rows} batches at the given offsets (LstmStep). */
    @Override
    void step(int rows, int inOff, int outOff, int stateOff) {
      int n = rows * state;
      gate(FORGET, rows, inOff, stateOff, buffer0, true);
      gate(IN, rows, inOff, stateOff, buffer1, true);
      gate(CELL, rows, inOff, stateOff, buffer2, false);
      for (int i = 0; i < n; i++) {
        float c = buffer0[i] * cell[stateOff + i];
        float c2 = c + buffer1[i] * buffer2[i];
        if (cellClip > 0) {
          c2 = Math.max(Math.min(cellClip, c2), -cellClip);
        }
        cell[stateOff + i] = c2;
      }
      gate(OUT, rows, inOff, stateOff, buffer1, true);
      for (int i = 0; i < n; i++) {
        hidden[stateOff + i] = (float) Math.tanh(cell[stateOff + i]) * buffer1[i];
      }
      System.arraycopy(hidden, stateOff, output, outOff, n);
    }

    /** FC(input) with bias, plus FC(hidden) without, then sigmoid or tanh (CalculateLstmGate). */
    private void gate(int g, int rows, int inOff, int stateOff, float[] out, boolean sigmoid) {
      for (int row = 0; row < rows; row++) {
        for (int s = 0; s < state; s++) {
          float x = 0f;
          int wo = s * features;
          int xo = inOff + row * features;
          for (int k = 0; k < features; k++) {
            x += input[xo + k] * w[g][wo + k];
          }
          x += b[g][s];
          float h = 0f;
          int ro = s * state;
          int ho = stateOff + row * state;
          for (int k = 0; k < state; k++) {
            h += hidden[ho + k] * r[g][ro + k];
          }
          float v = x + h;
          out[row * state + s] = sigmoid ? logistic(v) : (float) Math.tanh(v);
        }
      }
    }

    /** TFLite's reference float Logistic, with its cut-offs. */
    static float logistic(float v) {
      if (v > 16.619047164916992188f) {
        return 1f;
      }
      if (v < -9f) {
        return (float) Math.exp(v);
      }
      return 1f / (1f + (float) Math.exp(-v));
    }
  }

  /** The int8 kernel (int16 cell), TFLite Micro's EvalLstm<int8_t, int8_t, int16_t, int32_t>. */
  public static final class Int8Lstm extends LstmSteps {
    /** Gate pre-activations are int16 at 2^-12 (Q3.12), gate outputs Q0.15. */
    static final float GATE_INPUT_SCALE = 0.000244140625f;
    static final float GATE_OUTPUT_SCALE = 0.000030517578125f;

    final byte[] input, output, hidden;
    final short[] cell;
    final int inputZp, hiddenZp;
    final byte[][] w, r;
    final int[][] b;
    final int[] wMul = new int[4], wShift = new int[4], rMul = new int[4], rShift = new int[4];
    final int forgetMul, forgetShift, inputMul, inputShift, outputMul, outputShift;
    final int cellPower;
    final short cellClip;
    final boolean clip;
    /** TFLite Micro's four scratch buffers of batch x state int16 cells. */
    final short[] buffer0, buffer1, buffer2, buffer3;

    static Kernel prepare(Prep p, Tensor input, Tensor output, Tensor hidden, Tensor cell,
        boolean timeMajor, int batch, int time, int features, int state) {
      p.requireType(hidden, "hidden state", ElementType.INT8);
      p.requireType(cell, "cell state", ElementType.INT16);
      p.requireQuantized(input, "input");
      p.requireQuantized(hidden, "hidden state");
      p.requireQuantized(cell, "cell state");
      for (int g = 0; g < 4; g++) {
        for (Tensor t : new Tensor[] {p.in(INPUT_WEIGHTS + g), p.in(RECURRENT_WEIGHTS + g)}) {
          p.requireType(t, "int8 LSTM weight", ElementType.INT8);
          p.requireQuantized(t, "int8 LSTM weight");
          p.require(t.info.scales().length == 1, "weights '" + t.name()
              + "' must be quantized per tensor, found " + t.info.scales().length + " scales");
        }
        p.requireType(p.in(BIASES + g), "int8 LSTM bias", ElementType.INT32);
      }
      // CheckedLog2: TFLite Micro takes the rounded power of two and ignores whether the scale is
      // one (the converter makes it one)
      float log2 = (float) Math.log(cell.scale()) * (1.0f / (float) Math.log(2.0));
      int power = (int) QuantArith.roundHalfAway(log2);
      return new Int8Lstm(p, input, output, hidden, cell, timeMajor, batch, time, features,
          state, power);
    }

    private Int8Lstm(Prep p, Tensor input, Tensor output, Tensor hidden, Tensor cell,
        boolean timeMajor, int batch, int time, int features, int state, int cellPower) {
      super(timeMajor, batch, time, features, state);
      this.input = input.i8;
      this.output = output.i8;
      this.hidden = hidden.i8;
      this.cell = cell.i16;
      this.inputZp = input.zeroPoint();
      this.hiddenZp = hidden.zeroPoint();
      this.cellPower = cellPower;
      w = new byte[4][];
      r = new byte[4][];
      b = new int[4][];
      for (int g = 0; g < 4; g++) {
        Tensor wt = p.in(INPUT_WEIGHTS + g);
        Tensor rt = p.in(RECURRENT_WEIGHTS + g);
        w[g] = wt.i8;
        r[g] = rt.i8;
        b[g] = p.in(BIASES + g).i32;
        // GetQuantizedConvolutionMultipler: the scale product in float
        QuantArith.Multiplier mw = QuantArith.quantizeMultiplier(
            (double) (input.scale() * wt.scale()) / (double) GATE_INPUT_SCALE);
        QuantArith.Multiplier mr = QuantArith.quantizeMultiplier(
            (double) (hidden.scale() * rt.scale()) / (double) GATE_INPUT_SCALE);
        p.require(wt.zeroPoint() == 0 && rt.zeroPoint() == 0, "LSTM weights of gate "
            + GATES[g] + " must be symmetric (zero point 0)");
        wMul[g] = mw.multiplier();
        wShift[g] = mw.shift();
        rMul[g] = mr.multiplier();
        rShift[g] = mr.shift();
      }
      QuantArith.Multiplier f = mul(GATE_OUTPUT_SCALE, cell.scale(), cell.scale());
      QuantArith.Multiplier i = mul(GATE_OUTPUT_SCALE, GATE_OUTPUT_SCALE, cell.scale());
      QuantArith.Multiplier o = mul(GATE_OUTPUT_SCALE, GATE_OUTPUT_SCALE, hidden.scale());
      forgetMul = f.multiplier();
      forgetShift = f.shift();
      inputMul = i.multiplier();
      inputShift = i.shift();
      outputMul = o.multiplier();
      outputShift = o.shift();
      float c = p.options.cellClip;
      clip = c > 0;
      cellClip = (short) Math.min(Math.max((double) c / (double) cell.scale(), -32768.0),
          32767.0);
      int n = batch * state;
      buffer0 = new short[n];
      buffer1 = new short[n];
      buffer2 = new short[n];
      buffer3 = new short[n];
    }

    /** CreateInterGateMulParams: the scale product in double over the output scale. */
    private static QuantArith.Multiplier mul(float s1, float s2, float out) {
      return QuantArith.quantizeMultiplier((double) s1 * (double) s2 / (double) out);
    }

    @Override
    void step(int rows, int inOff, int outOff, int stateOff) {
      int n = rows * state;
      gate(FloatLstm.FORGET, rows, inOff, stateOff, buffer0, true);
      gate(FloatLstm.IN, rows, inOff, stateOff, buffer1, true);
      gate(FloatLstm.CELL, rows, inOff, stateOff, buffer2, false);
      for (int i = 0; i < n; i++) {
        int c = cell[stateOff + i];
        int forget = mulClamp(buffer0[i] * c, forgetMul, forgetShift, 0, -32768, 32767);
        int update = mulClamp(buffer1[i] * buffer2[i], inputMul, inputShift, 0, -32768, 32767);
        int sum = Math.min(32767, Math.max(-32768, forget + update));
        if (clip) {
          sum = Math.max(Math.min(cellClip, sum), -cellClip);
        }
        cell[stateOff + i] = (short) sum;
      }
      gate(FloatLstm.OUT, rows, inOff, stateOff, buffer1, true);
      // tanh of the cell at its power of two (TFLite Micro's lstm_internal::Tanh)
      int shift = 15 + cellPower - 3;
      int multiplier = 0;
      if (shift < 0) {
        shift = -shift;
        multiplier = 3;
      }
      for (int i = 0; i < n; i++) {
        int th = Int16Lut.tanh(cell[stateOff + i], multiplier, shift);
        hidden[stateOff + i] = (byte) mulClamp(th * buffer1[i], outputMul, outputShift,
            hiddenZp, -128, 127);
      }
      System.arraycopy(hidden, stateOff, output, outOff, n);
    }

    private static int mulClamp(int product, int m, int s, int zp, int min, int max) {
      int v = zp + QuantArith.multiplyByQuantizedMultiplier(product, m, s);
      return Math.min(max, Math.max(min, v));
    }

    /** The two FCs into int16 at 2^-12, their saturating sum, then sigmoid or tanh. */
    private void gate(int g, int rows, int inOff, int stateOff, short[] out, boolean sigmoid) {
      for (int row = 0; row < rows; row++) {
        for (int s = 0; s < state; s++) {
          int acc = 0;
          int wo = s * features;
          int xo = inOff + row * features;
          for (int k = 0; k < features; k++) {
            acc += w[g][wo + k] * (input[xo + k] - inputZp);
          }
          acc += b[g][s];
          int x = clamp16(QuantArith.multiplyByQuantizedMultiplier(acc, wMul[g], wShift[g]));
          int racc = 0;
          int ro = s * state;
          int ho = stateOff + row * state;
          for (int k = 0; k < state; k++) {
            racc += r[g][ro + k] * (hidden[ho + k] - hiddenZp);
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
}
