package kiln.tflite.internal;

import java.util.Arrays;
import java.util.List;
import kiln.api.KilnException;
import kiln.tflite.Operator;
import kiln.tflite.Quantization;
import kiln.tflite.SignatureDef;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TfliteModel;

/**
 * Checks the cross references and sizes of a model: tensor indices of operators, subgraph inputs
 * and outputs and signatures; constant data at least as large as the shape needs; quantization
 * parameter counts. Used on load and before writing.
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
        checkTensor(g.tensors().get(i), where + " tensor " + i);
      }
      checkIndices(g.inputs(), n, where + " inputs");
      checkIndices(g.outputs(), n, where + " outputs");
      List<Operator> ops = g.operators();
      for (int i = 0; i < ops.size(); i++) {
        Operator op = ops.get(i);
        String opWhere = where + " operator " + i + " (" + op.op().name() + ")";
        checkIndices(op.inputs(), n, opWhere + " inputs");
        checkIndices(op.outputs(), n, opWhere + " outputs");
        checkIndices(op.intermediates(), n, opWhere + " intermediates");
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
        checkIndices(new int[] {m.tensorIndex()}, n, where + " input '" + m.name() + "'");
      }
      for (SignatureDef.TensorMap m : sd.outputs()) {
        checkIndices(new int[] {m.tensorIndex()}, n, where + " output '" + m.name() + "'");
      }
    }
  }

  private static void checkIndices(int[] indices, int tensors, String where) {
    for (int t : indices) {
      if (t < -1 || t >= tensors) {
        throw new KilnException(where + " refer to tensor " + t + ", expected -1 (absent) or an "
            + "index below " + tensors + " (the number of tensors)");
      }
    }
  }

  private static void checkTensor(Tensor t, String where) {
    String name = where + " '" + t.name() + "'";
    int[] shape = t.shape();
    Quantization q = t.quantization();
    if (t.hasData()) {
      for (int d : shape) {
        if (d < 0) {
          throw new KilnException(name + " holds constant data but has shape "
              + Arrays.toString(shape) + ": expected no negative dimension");
        }
      }
      long needed = t.byteSize();
      if (needed > t.data().length) {
        throw new KilnException(name + ": shape " + Arrays.toString(shape) + " of "
            + t.type().displayName() + " needs " + needed + " bytes, but its buffer holds "
            + t.data().length);
      }
    }
    if (q != null) {
      float[] scales = q.scales();
      long[] zeros = q.zeroPoints();
      if (scales.length > 0 && zeros.length > 0 && scales.length != zeros.length) {
        throw new KilnException(name + ": " + scales.length + " quantization scales but "
            + zeros.length + " zero points, expected as many of each");
      }
      if (scales.length > 1 && shape.length == 1) {
        // rank-1 (bias) tensors: the writer stores dimension 0, whatever the model says
        if (shape[0] != scales.length) {
          throw new KilnException(name + ": " + scales.length + " per-channel scales, expected "
              + "as many as the " + shape[0] + " elements of the rank-1 tensor");
        }
      } else if (scales.length > 1) {
        int dim = q.quantizedDimension();
        if (dim < 0 || dim >= shape.length || shape[dim] != scales.length) {
          throw new KilnException(name + ": " + scales.length + " per-channel scales along "
              + "dimension " + dim + ", expected that dimension of shape "
              + Arrays.toString(shape) + " to have " + scales.length + " channels");
        }
      }
    }
  }
}
