package kiln.quantize;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/** TFLite 2.20 (bytedeco), builtin kernels without default delegates: the reference for tests. */
final class TfliteOracle implements AutoCloseable {
  private final BytePointer buffer;
  private final FlatBufferModel model;
  private final BuiltinOpResolverWithoutDefaultDelegates resolver;
  private final Interpreter interpreter;
  private final InterpreterBuilder builder;

  TfliteOracle(byte[] flatbuffer) {
    buffer = new BytePointer(flatbuffer.length);
    buffer.put(flatbuffer);
    model = FlatBufferModel.VerifyAndBuildFromBuffer(buffer, flatbuffer.length);
    if (model == null || model.isNull()) {
      throw new IllegalStateException("TFLite 2.20 cannot verify/read the model");
    }
    resolver = new BuiltinOpResolverWithoutDefaultDelegates();
    interpreter = new Interpreter((org.bytedeco.javacpp.Pointer) null);
    builder = new InterpreterBuilder(model, resolver);
    int rc = builder.apply(interpreter);
    if (rc != 0 || interpreter.AllocateTensors() != 0) {
      throw new IllegalStateException("TFLite 2.20 rejects the model (status " + rc + ")");
    }
  }

  /** Runs once on raw input bytes; returns the raw bytes of every output. */
  List<byte[]> run(byte[] input, int outputCount) {
    TfLiteTensor t = interpreter.input_tensor(0);
    BytePointer p = t.data().raw();
    p.capacity(t.bytes());
    p.put(input);
    if (interpreter.Invoke() != 0) {
      throw new IllegalStateException("TFLite Invoke failed");
    }
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < outputCount; i++) {
      TfLiteTensor o = interpreter.output_tensor(i);
      byte[] b = new byte[(int) o.bytes()];
      BytePointer q = o.data().raw();
      q.capacity(o.bytes());
      q.get(b);
      out.add(b);
    }
    return out;
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
