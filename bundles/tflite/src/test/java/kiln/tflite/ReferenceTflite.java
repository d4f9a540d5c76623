package kiln.tflite;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/** Runs a .tflite in TFLite 2.20 (bytedeco, builtin kernels without default delegates). */
final class ReferenceTflite {
  private ReferenceTflite() {}

  /** Loads (with TFLite's verifier), feeds the first input, returns the first output's bytes. */
  static byte[] run(byte[] flatbuffer, byte[] input) {
    try (BytePointer buffer = new BytePointer(flatbuffer.length)) {
      buffer.put(flatbuffer);
      FlatBufferModel model = FlatBufferModel.VerifyAndBuildFromBuffer(buffer, flatbuffer.length);
      if (model == null || model.isNull()) {
        throw new AssertionError("TFLite 2.20 rejects the file (verifier)");
      }
      try (BuiltinOpResolverWithoutDefaultDelegates resolver =
              new BuiltinOpResolverWithoutDefaultDelegates();
          InterpreterBuilder builder = new InterpreterBuilder(model, resolver);
          Interpreter interpreter = new Interpreter((Pointer) null)) {
        if (builder.apply(interpreter) != 0 || interpreter.AllocateTensors() != 0) {
          throw new AssertionError("TFLite 2.20 cannot build an interpreter for the file");
        }
        TfLiteTensor in = interpreter.input_tensor(0);
        if (in.bytes() != input.length) {
          throw new AssertionError("input needs " + in.bytes() + " bytes, got " + input.length);
        }
        BytePointer p = in.data().raw();
        p.capacity(in.bytes());
        p.put(input);
        if (interpreter.Invoke() != 0) {
          throw new AssertionError("TFLite 2.20 Invoke failed");
        }
        TfLiteTensor out = interpreter.output_tensor(0);
        byte[] result = new byte[(int) out.bytes()];
        BytePointer o = out.data().raw();
        o.capacity(out.bytes());
        o.get(result);
        return result;
      } finally {
        model.close();
      }
    }
  }
}
