package kiln.bench.micro;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/** TFLite 2.20 with its optimized builtin kernels, no delegates, one thread. */
final class TfliteRunner implements AutoCloseable {
  private final BytePointer buffer;
  private final FlatBufferModel model;
  private final BuiltinOpResolverWithoutDefaultDelegates resolver;
  private final InterpreterBuilder builder;
  final Interpreter interpreter;

  TfliteRunner(byte[] flatbuffer) {
    buffer = new BytePointer(flatbuffer.length);
    buffer.put(flatbuffer);
    model = FlatBufferModel.BuildFromBuffer(buffer, flatbuffer.length);
    resolver = new BuiltinOpResolverWithoutDefaultDelegates();
    builder = new InterpreterBuilder(model, resolver);
    builder.SetNumThreads(1);
    interpreter = new Interpreter((Pointer) null);
    if (builder.apply(interpreter) != 0 || interpreter.AllocateTensors() != 0) {
      throw new IllegalStateException("TFLite rejects the model");
    }
  }

  void setInput(int index, byte[] bytes) {
    BytePointer p = interpreter.input_tensor(index).data().raw();
    p.capacity(bytes.length);
    p.put(bytes);
  }

  byte[] output(int index) {
    TfLiteTensor t = interpreter.output_tensor(index);
    byte[] b = new byte[(int) t.bytes()];
    t.data().raw().capacity(b.length).get(b);
    return b;
  }

  void invoke() {
    if (interpreter.Invoke() != 0) {
      throw new IllegalStateException("TFLite Invoke failed");
    }
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
