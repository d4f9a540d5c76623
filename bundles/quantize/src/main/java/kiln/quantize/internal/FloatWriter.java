package kiln.quantize.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import kiln.quantize.internal.Ir.Kind;
import kiln.quantize.internal.Ir.Op;
import kiln.quantize.internal.Ir.T;
import kiln.tflite.Operator;
import kiln.tflite.OperatorCode;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;

/**
 * Writes the lowered model as a float32 .tflite (the {@code generate_unquantized} file, and what the
 * calibrator runs). Tensor i of the file is tensor i of the {@link Ir}.
 */
final class FloatWriter {
  private FloatWriter() {}

  static TfliteModel write(Ir ir) {
    Subgraph g = new Subgraph();
    g.setName("main");
    for (T t : ir.tensors) {
      Tensor out = new Tensor(t.name, t.kind == Kind.INT32 ? TensorType.INT32 : TensorType.FLOAT32, t.shape);
      if (t.kind == Kind.INT32) {
        if (t.ints != null) { // else computed at run time (a shape)
          out.setData(ints(t.ints));
        }
      } else if (t.values != null) {
        out.setData(floats(t.values));
      } else if (t.kind == Kind.STATE) {
        out.setVariable(true);
      }
      g.addTensor(out);
    }
    for (Op op : ir.ops) {
      g.operators().add(new Operator(OperatorCode.of(op.op, 1), op.inputs, op.outputs, op.options));
    }
    g.setInputs(ir.inputs.stream().mapToInt(Integer::intValue).toArray());
    g.setOutputs(ir.outputs.stream().mapToInt(Integer::intValue).toArray());
    TfliteModel m = new TfliteModel();
    m.addSubgraph(g);
    return m;
  }

  static byte[] floats(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }

  static byte[] ints(int[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(v);
    return b.array();
  }
}
