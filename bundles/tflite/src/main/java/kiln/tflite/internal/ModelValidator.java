package kiln.tflite.internal;

import java.util.List;
import kiln.api.KilnException;
import kiln.tflite.Operator;
import kiln.tflite.SignatureDef;
import kiln.tflite.Subgraph;
import kiln.tflite.TfliteModel;

/**
 * Checks a model against itself before anything is allocated for it: every tensor's shape, size
 * and quantization ({@link TensorValidator}), the tensor indices of operators, subgraph inputs
 * and outputs and signatures, and operator options ({@link OptionsValidator}). Used on load, so
 * the micro runtime, the profiler and every other reader refuse the same files, and before
 * writing.
 */
public final class ModelValidator {
  private ModelValidator() {}

  public static void validate(TfliteModel model, String source) {
    List<Subgraph> subgraphs = model.subgraphs();
    for (int s = 0; s < subgraphs.size(); s++) {
      Subgraph g = subgraphs.get(s);
      String where = source + ": subgraph " + s;
      int n = g.tensors().size();
      for (int i = 0; i < n; i++) {
        TensorValidator.check(g.tensors().get(i),
            where + " tensor " + i + " '" + g.tensors().get(i).name() + "'");
      }
      checkIndices(g.inputs(), n, false, where + " inputs");
      checkIndices(g.outputs(), n, false, where + " outputs");
      List<Operator> ops = g.operators();
      for (int i = 0; i < ops.size(); i++) {
        Operator op = ops.get(i);
        String opWhere = where + " operator " + i + " (" + op.op().name() + ")";
        checkIndices(op.inputs(), n, true, opWhere + " inputs");
        checkIndices(op.outputs(), n, false, opWhere + " outputs");
        checkIndices(op.intermediates(), n, true, opWhere + " intermediates");
        OptionsValidator.check(op, g, opWhere);
      }
    }
    for (SignatureDef sd : model.signatureDefs()) {
      String where = source + ": signature '" + sd.key() + "'";
      if (sd.subgraphIndex() < 0 || sd.subgraphIndex() >= subgraphs.size()) {
        throw new KilnException(where + " runs subgraph " + sd.subgraphIndex()
            + ", expected an index below " + subgraphs.size());
      }
      int n = subgraphs.get(sd.subgraphIndex()).tensors().size();
      for (SignatureDef.TensorMap m : sd.inputs()) {
        checkIndices(new int[] {m.tensorIndex()}, n, false, where + " input '" + m.name() + "'");
      }
      for (SignatureDef.TensorMap m : sd.outputs()) {
        checkIndices(new int[] {m.tensorIndex()}, n, false, where + " output '" + m.name() + "'");
      }
    }
  }

  /** Only operator inputs (and intermediates) may be -1, TFLite's mark of an absent tensor. */
  private static void checkIndices(int[] indices, int tensors, boolean absentAllowed,
      String where) {
    for (int t : indices) {
      if (t < (absentAllowed ? -1 : 0) || t >= tensors) {
        throw new KilnException(where + " refer to tensor " + t + ", expected "
            + (absentAllowed ? "-1 (absent) or " : "") + "an index below " + tensors
            + " (the number of tensors)");
      }
    }
  }
}
