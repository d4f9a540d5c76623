package kiln.quantize.internal;

import java.util.List;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.micro.MicroModel;
import kiln.micro.MicroRuntime;
import kiln.quantize.internal.Ir.Kind;

/**
 * Runs the float32 model (through the micro runtime's float kernels) on the representative samples
 * and records every activation tensor's minimum and maximum, as TFLite's MinMax calibrator does.
 */
final class Calibrator {
  private Calibrator() {}

  /** {min, max} per IR tensor (activations only; others null). */
  static float[][] ranges(Ir ir, byte[] floatModel, List<float[]> samples, Progress progress) {
    if (samples == null || samples.isEmpty()) {
      throw new KilnException(ir.name + ": the representative dataset is empty; the int8 quantizer "
          + "needs at least one sample to calibrate the activation ranges");
    }
    if (ir.inputs.size() != 1) {
      throw new KilnException(ir.name + ": the quantizer calibrates models with one input, found "
          + ir.inputs.size());
    }
    MicroModel m = MicroRuntime.load(floatModel, ir.name + " (float32)");
    float[] in = m.input(0).f32;
    float[][] r = new float[ir.tensors.size()][];
    for (int i = 0; i < r.length; i++) {
      if (ir.t(i).kind == Kind.ACTIVATION) {
        r[i] = new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
      }
    }
    int n = 0;
    for (float[] s : samples) {
      if (s.length != in.length) {
        throw new KilnException(ir.name + ": representative sample " + n + " has " + s.length
            + " values, the model input '" + m.input(0).name() + "' needs " + in.length);
      }
      System.arraycopy(s, 0, in, 0, in.length);
      m.invoke();
      for (int i = 0; i < r.length; i++) {
        if (r[i] != null) {
          float[] v = m.tensor(i).f32;
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
