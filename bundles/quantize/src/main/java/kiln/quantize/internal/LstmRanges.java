package kiln.quantize.internal;

import kiln.quantize.internal.Ir.Op;
import kiln.tflite.BuiltinOp;

/**
 * The cell state's range of each UNIDIRECTIONAL_SEQUENCE_LSTM, which no tensor of the float file
 * holds step by step (the cell variable keeps only the last step): the LSTM's float steps are
 * recomputed from its input (as the calibrating interpreter saw it) and its weights, from zero
 * states, as TFLite's calibrator records the cell state for the int16 cell's power-of-two scale.
 */
final class LstmRanges {
  private LstmRanges() {}

  /** Widens {@code ranges[cell]} of every LSTM op by this sample's cell values. */
  static void record(Ir ir, java.util.function.IntFunction<float[]> values, float[][] ranges) {
    for (Op op : ir.ops) {
      if (op.op != BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM) {
        continue;
      }
      int cellTensor = op.inputs[19];
      float[] r = ranges[cellTensor];
      float[] x = values.apply(op.inputs[0]);
      int[] shape = ir.t(op.inputs[0]).shape; // [1, T, F]
      int steps = shape[1];
      int features = shape[2];
      int u = ir.t(op.inputs[18]).shape[1];
      float[][] w = new float[4][];
      float[][] rw = new float[4][];
      float[][] b = new float[4][];
      for (int g = 0; g < 4; g++) {
        w[g] = ir.t(op.inputs[1 + g]).values;
        rw[g] = ir.t(op.inputs[5 + g]).values;
        b[g] = ir.t(op.inputs[12 + g]).values;
      }
      double[] h = new double[u];
      double[] c = new double[u];
      double[] z = new double[4 * u];
      for (int t = 0; t < steps; t++) {
        for (int g = 0; g < 4; g++) {
          for (int k = 0; k < u; k++) {
            double v = b[g][k];
            for (int f = 0; f < features; f++) {
              v += w[g][k * features + f] * x[t * features + f];
            }
            for (int j = 0; j < u; j++) {
              v += rw[g][k * u + j] * h[j];
            }
            z[g * u + k] = v;
          }
        }
        for (int k = 0; k < u; k++) {
          c[k] = sigmoid(z[u + k]) * c[k] + sigmoid(z[k]) * Math.tanh(z[2 * u + k]);
          h[k] = sigmoid(z[3 * u + k]) * Math.tanh(c[k]);
          r[0] = Math.min(r[0], (float) c[k]);
          r[1] = Math.max(r[1], (float) c[k]);
        }
      }
    }
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }
}
