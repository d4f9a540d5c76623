package kiln.micro;

import java.util.ArrayList;
import java.util.List;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/** TFLite 2.20 (bytedeco) with its builtin kernels and no default delegates: the test oracle. */
final class TfliteOracle implements AutoCloseable {
  private final BytePointer buffer;
  private final FlatBufferModel model;
  private final BuiltinOpResolverWithoutDefaultDelegates resolver;
  private final Interpreter interpreter;
  private final InterpreterBuilder builder;

  TfliteOracle(byte[] flatbuffer) {
    buffer = new BytePointer(flatbuffer.length);
    buffer.put(flatbuffer);
    model = FlatBufferModel.BuildFromBuffer(buffer, flatbuffer.length);
    if (model == null || model.isNull()) {
      throw new IllegalStateException("TFLite cannot read the model");
    }
    resolver = new BuiltinOpResolverWithoutDefaultDelegates();
    // a null Interpreter for the builder to fill (a `new Interpreter()` crashes in AllocateTensors)
    interpreter = new Interpreter((org.bytedeco.javacpp.Pointer) null);
    builder = new InterpreterBuilder(model, resolver);
    int rc = builder.apply(interpreter);
    if (rc != 0 || interpreter.AllocateTensors() != 0) {
      throw new IllegalStateException("TFLite rejects the model (status " + rc + ")");
    }
  }

  /** Runs once; returns the raw bytes of the first outputCount outputs. */
  List<byte[]> run(List<byte[]> inputs, int outputCount) {
    for (int i = 0; i < inputs.size(); i++) {
      TfLiteTensor t = interpreter.input_tensor(i);
      BytePointer p = t.data().raw();
      p.capacity(t.bytes());
      p.put(inputs.get(i));
    }
    if (interpreter.Invoke() != 0) {
      throw new IllegalStateException("TFLite Invoke failed");
    }
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < outputCount; i++) {
      TfLiteTensor t = interpreter.output_tensor(i);
      byte[] b = new byte[(int) t.bytes()];
      BytePointer p = t.data().raw();
      p.capacity(t.bytes());
      p.get(b);
      out.add(b);
    }
    return out;
  }

  static TensorData data(ElementType type, int[] shape, byte[] bytes) {
    return new TensorData(type, shape, bytes);
  }

  @Override
  public void close() {
    interpreter.close();
    builder.close();
    resolver.close();
    model.close();
    buffer.close();
  }
}
