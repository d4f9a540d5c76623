package kiln.pipeline;

import java.util.List;
import java.util.Locale;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.Subgraph;
import kiln.tflite.TfliteModel;

/**
 * How many int8 weights of two quantizations of the same float model are equal (CONV_2D,
 * DEPTHWISE_CONV_2D and FULLY_CONNECTED filters, op by op): Kiln's file against the one TensorFlow's
 * converter made. Weights do not depend on calibration; biases and activations do, so they are not
 * counted.
 */
final class WeightsAgreement {
  private static final List<BuiltinOp> WEIGHTED =
      List.of(BuiltinOp.CONV_2D, BuiltinOp.DEPTHWISE_CONV_2D, BuiltinOp.FULLY_CONNECTED);

  private WeightsAgreement() {}

  static String of(byte[] kiln, byte[] other, String otherName) {
    Subgraph a = TfliteModel.read(kiln, "Kiln's .tflite").mainSubgraph();
    Subgraph b = TfliteModel.read(other, otherName).mainSubgraph();
    List<BuiltinOp> opsA = a.operators().stream().map(Operator::op).toList();
    List<BuiltinOp> opsB = b.operators().stream().map(Operator::op).toList();
    if (!opsA.equals(opsB)) {
      return otherName + " has other operators (" + opsB + "); weights not compared";
    }
    long equal = 0;
    long total = 0;
    for (int i = 0; i < opsA.size(); i++) {
      if (WEIGHTED.contains(opsA.get(i))) {
        byte[] x = a.inputOf(a.operators().get(i), 1).data();
        byte[] y = b.inputOf(b.operators().get(i), 1).data();
        if (x.length != y.length) {
          return otherName + ": operator " + i + " has weights of another size; weights not compared";
        }
        for (int k = 0; k < x.length; k++) {
          equal += x[k] == y[k] ? 1 : 0;
        }
        total += x.length;
      }
    }
    return String.format(Locale.ROOT, "int8 weights equal to %s's: %,d of %,d (biases and activation scales"
        + " depend on the calibration samples)", otherName, equal, total);
  }
}
