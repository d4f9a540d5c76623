package kiln.quantize.internal;

import java.util.List;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.model.Interpreter;
import kiln.api.model.LoadedModel;
import kiln.api.model.TensorData;
import kiln.quantize.internal.Ir.Kind;

/**
 * Runs the float32 model (through an {@link Interpreter} that exposes intermediate tensors, Kiln's
 * micro runtime by default) on the representative samples and records every activation tensor's
 * minimum and maximum, as TFLite's MinMax calibrator does; an LSTM's cell state range comes from
 * {@link LstmRanges}. Variable tensors (LSTM states) are reset before each sample.
 */
final class Calibrator {
  private Calibrator() {}

  /** {min, max} per IR tensor (activations only; others null). */
  static float[][] ranges(Ir ir, byte[] floatModel, List<float[]> samples, Interpreter interpreter,
      Progress progress) {
    if (samples == null || samples.isEmpty()) {
      throw new KilnException(ir.name + ": the representative dataset is empty; the int8 quantizer "
          + "needs at least one sample to calibrate the activation ranges");
    }
    try (LoadedModel m = interpreter.load(floatModel, ir.name + " (float32)")) {
      return ranges(ir, m, samples, progress);
    }
  }

  private static float[][] ranges(Ir ir, LoadedModel m, List<float[]> samples, Progress progress) {
    if (m.tensorCount() < ir.tensors.size()) {
      throw new KilnException(ir.name + ": the calibrating interpreter does not expose intermediate tensors");
    }
    // a model with several inputs takes each sample's inputs flattened and concatenated in order
    int inputCount = m.inputs().size();
    int inLength = 0;
    for (int k = 0; k < inputCount; k++) {
      inLength += (int) TensorData.elementCount(m.inputs().get(k).shape());
    }
    float[][] r = new float[ir.tensors.size()][];
    for (int i = 0; i < r.length; i++) {
      if (ir.t(i).kind == Kind.ACTIVATION || ir.t(i).kind == Kind.STATE && ir.t(i).cell) {
        r[i] = new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
      }
    }
    int n = 0;
    for (float[] s : samples) {
      if (s.length != inLength) {
        throw new KilnException(ir.name + ": representative sample " + n + " has " + s.length
            + " values, the model input" + (inputCount == 1 ? " '" + m.inputs().get(0).name() + "' needs "
                : "s (" + inputCount + ", concatenated) need ") + inLength);
      }
      List<TensorData> feeds = new java.util.ArrayList<>();
      int offset = 0;
      for (int k = 0; k < inputCount; k++) {
        int[] shape = m.inputs().get(k).shape();
        int len = (int) TensorData.elementCount(shape);
        feeds.add(TensorData.ofFloat32(shape, java.util.Arrays.copyOfRange(s, offset, offset + len)));
        offset += len;
      }
      // samples are independent: LSTM states start at zero for each, as in Keras
      m.resetVariables();
      m.run(feeds);
      LstmRanges.record(ir, t -> m.tensorValue(t).toFloats(), r);
      for (int i = 0; i < r.length; i++) {
        if (r[i] != null && ir.t(i).kind == Kind.ACTIVATION) {
          float[] v = m.tensorValue(i).toFloats();
          float lo = r[i][0];
          float hi = r[i][1];
          for (float x : v) {
            if (x < lo) {
              lo = x;
            }
            if (x > hi) {
              hi = x;
            }
          }
          r[i][0] = lo;
          r[i][1] = hi;
        }
      }
      n++;
      if (n % 100 == 0 || n == samples.size()) {
        progress.report("calibrating", n, samples.size());
      }
    }
    return r;
  }
}
