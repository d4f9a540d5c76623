package kiln.micro.kernels;

/**
 * The walk over time steps that the float, int8 and 16x8 LSTM kernels share, as TFLite Micro's
 * EvalLstm does it: a time-major input runs one step over all batches at once; a batch-major one
 * runs each batch's steps in turn, one row at a time, with that batch's state.
 */
abstract class LstmSteps extends Kernel {
  final boolean timeMajor;
  final int batch, time, features, state;

  LstmSteps(boolean timeMajor, int batch, int time, int features, int state) {
    this.timeMajor = timeMajor;
    this.batch = batch;
    this.time = time;
    this.features = features;
    this.state = state;
  }

  @Override
  public final void eval() {
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

  /** One step over {@code rows} batches: input and output at these offsets, state from stateOff. */
  abstract void step(int rows, int inOff, int outOff, int stateOff);
}
