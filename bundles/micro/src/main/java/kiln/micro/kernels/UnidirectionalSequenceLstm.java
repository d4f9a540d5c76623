package kiln.micro.kernels;

import java.util.Arrays;
import kiln.api.model.ElementType;
import kiln.micro.graph.OpOptions;

/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM, float32, as TFLite Micro's lstm_eval runs it: 24 inputs (input,
 * four input and four recurrent weight matrices, four gate biases, the hidden and the cell state as
 * variable tensors; peepholes, projection and layer norm absent), the input [batch, time, features]
 * or with {@code time_major} [time, batch, features], the output the hidden state of every step.
 * Each step: forget, input and cell gates from FC(input) + bias + FC(hidden); cell = forget x cell +
 * input x gate, clipped to {@code cell_clip} when set; then the output gate, hidden = output gate x
 * tanh(cell). Time-major models step all batches together, batch-major ones each batch through all
 * its steps. The states live on across invokes (TFLite Micro's variable tensors).
 *
 * <p>Int8 (int16 cell state) is not implemented yet: such models are refused with a message.
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
  static final String[] GATES = {"input", "forget", "cell", "output"};

  public static Kernel prepare(Prep p) {
    p.require(p.inputCount() == 24, "expected 24 inputs, found " + p.inputCount());
    for (int i : ABSENT) {
      p.require(p.optIn(i) == null, "input " + i + " (peephole, projection or layer norm) must be"
          + " absent: TFLite Micro's LSTM runs without them");
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
    p.requireType(input, "input", ElementType.FLOAT32);
    p.requireSameType(input, output);
    p.requireSameType(input, hidden);
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
  public static final class FloatLstm extends Kernel {
    static final int IN = 0;
    static final int FORGET = 1;
    static final int CELL = 2;
    static final int OUT = 3;
    final float[] input, output, hidden, cell;
    final float[][] w, r, b;
    final boolean timeMajor;
    final int batch, time, features, state;
    final float cellClip;
    /**
     * Gate outputs: TFLite Micro's scratch buffers 0-2 of batch x state cells (its fourth holds
     * the recurrent FC before the add, which Kiln sums in place).
     */
    final float[] buffer0, buffer1, buffer2;

    FloatLstm(float[] input, float[] output, float[] hidden, float[] cell, float[][] w,
        float[][] r, float[][] b, boolean timeMajor, int batch, int time, int features,
        int state, float cellClip) {
      this.input = input;
      this.output = output;
      this.hidden = hidden;
      this.cell = cell;
      this.w = w;
      this.r = r;
      this.b = b;
      this.timeMajor = timeMajor;
      this.batch = batch;
      this.time = time;
      this.features = features;
      this.state = state;
      this.cellClip = cellClip;
      int n = batch * state;
      buffer0 = new float[n];
      buffer1 = new float[n];
      buffer2 = new float[n];
    }

    @Override
    public void eval() {
      if (timeMajor) {
        for (int t = 0; t < time; t++) {
          step(batch, t * batch * features, t * batch * state, 0);
        }
      } else {
        for (int bt = 0; bt < batch; bt++) {
          for (int t = 0; t < time; t++) {
            int step = bt * time + t;
            step(1, step * features, step * state, bt * state);
          }
        }
      }
    }

    /** One step over {@code rows} batches at the given offsets (LstmStep). */
    private void step(int rows, int inOff, int outOff, int stateOff) {
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
}
