package kiln.micro;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.OperatorCode;
import kiln.tflite.Quantization;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import kiln.tflite.options.BuiltinOptions;
import kiln.tflite.options.GenericOptions;

/**
 * What the random-model writers of the differential tests share: a seeded random source, one
 * subgraph being built, activation and constant tensors, and the finished one-op model.
 */
abstract class OpModelWriter {
  final Random r;
  Subgraph g;
  int count;

  OpModelWriter(long seed) {
    r = new Random(seed);
  }

  int between(int lo, int hi) {
    return lo + r.nextInt(hi - lo + 1);
  }

  /** A random activation scale, 1e-3 to ~0.3. */
  float scale() {
    return (float) Math.pow(10, -3 + 2.5 * r.nextDouble());
  }

  int zp() {
    return between(-128, 127);
  }

  void start() {
    g = new Subgraph();
    count = 0;
  }

  /** An activation tensor; int8 (and uint8) ones carry (scale, zp), int16 ones (scale, 0). */
  int act(TensorType type, int[] shape, float scale, int zp) {
    Tensor t = new Tensor("t" + count++, type, shape);
    if (type == TensorType.INT8 || type == TensorType.UINT8) {
      t.setQuantization(Quantization.perTensor(scale, zp));
    } else if (type == TensorType.INT16) {
      t.setQuantization(Quantization.perTensor(scale, 0)); // int16 is symmetric
    }
    return g.addTensor(t);
  }

  int constInt32(int[] shape, int... values) {
    ByteBuffer bb = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      bb.putInt(v);
    }
    return g.addTensor(new Tensor("c" + count++, TensorType.INT32, shape).setData(bb.array()));
  }

  int constFloat(int[] shape, float... values) {
    ByteBuffer bb = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      bb.putFloat(v);
    }
    return g.addTensor(new Tensor("f" + count++, TensorType.FLOAT32, shape).setData(bb.array()));
  }

  /** The operator version TFLite needs for {@code op}; 1 unless a writer says otherwise. */
  int version(BuiltinOp op) {
    return 1;
  }

  /** The subgraph so far plus {@code op} as a model with inputs {@code feeds} and outputs {@code outs}. */
  TfliteModel finish(BuiltinOp op, int[] ins, int[] outs, BuiltinOptions o, int... feeds) {
    g.operators().add(new Operator(OperatorCode.of(op, version(op)), ins, outs, o));
    g.setInputs(feeds).setOutputs(outs);
    TfliteModel m = new TfliteModel();
    m.addSubgraph(g);
    return m;
  }

  static int elements(int[] s) {
    int n = 1;
    for (int d : s) {
      n *= d;
    }
    return n;
  }

  /** An options table Kiln has no record for, by field name. */
  static GenericOptions options(String table, Object... nameValue) {
    Map<String, Object> f = new LinkedHashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      f.put((String) nameValue[i], nameValue[i + 1]);
    }
    return new GenericOptions(table, f);
  }
}
