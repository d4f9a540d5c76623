package kiln.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/**
 * TFLite 2.20 (bytedeco, builtin kernels without default delegates) holding one model: the
 * independent reference that runs the files Kiln writes.
 */
final class TfliteRunner implements AutoCloseable {
  private final BytePointer buffer;
  private final FlatBufferModel model;
  private final BuiltinOpResolverWithoutDefaultDelegates resolver;
  private final Interpreter interpreter;
  private final InterpreterBuilder builder;

  TfliteRunner(byte[] flatbuffer) {
    // loads TFLite's natives (and JavaCPP's with them) before the first pointer
    org.bytedeco.javacpp.Loader.load(org.bytedeco.tensorflowlite.global.tensorflowlite.class);
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

  /** Runs once on the raw bytes of each input; returns the raw bytes of the first output. */
  byte[] run(byte[]... inputs) {
    for (int i = 0; i < inputs.length; i++) {
      TfLiteTensor t = interpreter.input_tensor(i);
      BytePointer p = t.data().raw();
      p.capacity(t.bytes());
      p.put(inputs[i]);
    }
    if (interpreter.Invoke() != 0) {
      throw new IllegalStateException("TFLite Invoke failed");
    }
    TfLiteTensor o = interpreter.output_tensor(0);
    byte[] b = new byte[(int) o.bytes()];
    BytePointer q = o.data().raw();
    q.capacity(o.bytes());
    q.get(b);
    return b;
  }

  /** The first output for float32 inputs, as floats. */
  float[] runFloat(float[]... inputs) {
    byte[][] raw = new byte[inputs.length][];
    for (int i = 0; i < inputs.length; i++) {
      raw[i] = kiln.api.model.TensorData.ofFloat32(new int[] {inputs[i].length}, inputs[i]).bytes();
    }
    byte[] out = run(raw);
    return new kiln.api.model.TensorData(kiln.api.model.ElementType.FLOAT32, new int[] {out.length / 4}, out)
        .toFloats();
  }

  /** Variable tensors (LSTM states) back to their start values before the next run. */
  void resetVariables() {
    if (interpreter.ResetVariableTensors() != 0) {
      throw new IllegalStateException("TFLite ResetVariableTensors failed");
    }
  }

  /**
   * Each sample from the variable tensors' start values (LSTM states zero), as Keras runs
   * independent samples: TFLite keeps variable tensors across invokes otherwise.
   */
  static List<float[]> runAllFresh(byte[] model, List<float[]> samples) {
    List<float[]> out = new ArrayList<>();
    try (TfliteRunner r = new TfliteRunner(model)) {
      for (float[] s : samples) {
        r.resetVariables();
        out.add(r.runFloat(s));
      }
    }
    return out;
  }

  static List<float[]> runAll(byte[] model, List<float[]> samples) {
    List<float[]> out = new ArrayList<>();
    try (TfliteRunner r = new TfliteRunner(model)) {
      for (float[] s : samples) {
        out.add(r.runFloat(s));
      }
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
