package kiln.pipeline;

import kiln.util.data.NumpyFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import kiln.api.KilnException;
import kiln.api.model.LoadedModel;
import kiln.api.model.TensorData;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.Quantization;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import kiln.tflite.options.Activation;
import kiln.tflite.options.AddOptions;
import kiln.tflite.options.MulOptions;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kiln:infer and the Interpreter service with two inputs and two outputs: an int8 model written by
 * Kiln's writer (sum = ADD(a, b), product = MUL(a, b), every tensor with its own quantization),
 * inputs given as one .npy per input, as a .npz by name and as an unnamed .npz, outputs written as a
 * .npz, each compared byte for byte with TFLite 2.20.
 */
class MultiInputInferTest {
  static final kiln.api.model.Interpreter MICRO = new kiln.micro.internal.MicroInterpreterService();
  static final int[] SHAPE = {1, 2, 3};

  @TempDir Path tmp;

  static byte[] addMulModel() {
    Subgraph g = new Subgraph();
    int a = g.addTensor(int8("a", 0.05f, 3));
    int b = g.addTensor(int8("b", 0.08f, -10));
    int sum = g.addTensor(int8("sum", 0.1f, 5));
    int product = g.addTensor(int8("product", 0.2f, -2));
    g.operators().add(new Operator(BuiltinOp.ADD, new int[] {a, b}, new int[] {sum},
        new AddOptions(Activation.NONE, false)));
    g.operators().add(new Operator(BuiltinOp.MUL, new int[] {a, b}, new int[] {product},
        new MulOptions(Activation.NONE)));
    g.setInputs(a, b).setOutputs(sum, product);
    TfliteModel m = new TfliteModel();
    m.addSubgraph(g);
    return m.toBytes();
  }

  private static Tensor int8(String name, float scale, int zp) {
    return new Tensor(name, TensorType.INT8, SHAPE).setQuantization(Quantization.perTensor(scale, zp));
  }

  /** TFLite 2.20's outputs for the inputs (its builtin kernels, no delegates). */
  static List<byte[]> tflite(byte[] model, List<byte[]> inputs) {
    // loads TFLite's natives (and JavaCPP's with them) before the first pointer
    org.bytedeco.javacpp.Loader.load(org.bytedeco.tensorflowlite.global.tensorflowlite.class);
    try (BytePointer buffer = new BytePointer(model.length)) {
      buffer.put(model);
      FlatBufferModel fb = FlatBufferModel.BuildFromBuffer(buffer, model.length);
      try (BuiltinOpResolverWithoutDefaultDelegates resolver =
              new BuiltinOpResolverWithoutDefaultDelegates();
          Interpreter interpreter = new Interpreter((org.bytedeco.javacpp.Pointer) null);
          InterpreterBuilder builder = new InterpreterBuilder(fb, resolver)) {
        assertThat(builder.apply(interpreter)).isZero();
        assertThat(interpreter.AllocateTensors()).isZero();
        for (int i = 0; i < inputs.size(); i++) {
          TfLiteTensor t = interpreter.input_tensor(i);
          BytePointer p = t.data().raw();
          p.capacity(t.bytes());
          p.put(inputs.get(i));
        }
        assertThat(interpreter.Invoke()).isZero();
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) { // the model's two outputs
          TfLiteTensor t = interpreter.output_tensor(i);
          byte[] v = new byte[(int) t.bytes()];
          BytePointer p = t.data().raw();
          p.capacity(t.bytes());
          p.get(v);
          out.add(v);
        }
        fb.close();
        return out;
      }
    }
  }

  private static TensorData random(Random r) {
    byte[] v = new byte[6];
    r.nextBytes(v);
    return TensorData.ofInt8(SHAPE, v);
  }

  @Test
  void theServiceTakesAndReturnsEveryTensor() {
    byte[] model = addMulModel();
    Random r = new Random(7);
    try (LoadedModel m = MICRO.load(model, "add_mul.tflite")) {
      assertThat(m.inputs()).extracting(s -> s.name()).containsExactly("a", "b");
      assertThat(m.outputs()).extracting(s -> s.name()).containsExactly("sum", "product");
      for (int k = 0; k < 20; k++) {
        TensorData a = random(r);
        TensorData b = random(r);
        List<TensorData> got = m.run(List.of(a, b));
        List<byte[]> want = tflite(model, List.of(a.bytes(), b.bytes()));
        assertThat(got).hasSize(2);
        assertThat(got.get(0).bytes()).isEqualTo(want.get(0));
        assertThat(got.get(1).bytes()).isEqualTo(want.get(1));
      }
    }
  }

  @Test
  void inferTakesOneFilePerInputOrANpzAndWritesEveryOutput() throws Exception {
    Path modelFile = tmp.resolve("add_mul.tflite");
    byte[] model = addMulModel();
    Files.write(modelFile, model);
    Random r = new Random(11);
    TensorData a = random(r);
    TensorData b = random(r);
    List<byte[]> want = tflite(model, List.of(a.bytes(), b.bytes()));

    Path aNpy = tmp.resolve("a.npy");
    Path bBin = tmp.resolve("b.bin");
    Files.write(aNpy, NumpyFiles.npy(a));
    Files.write(bBin, b.bytes());
    Map<String, TensorData> named = new LinkedHashMap<>();
    named.put("b", b); // by name, whatever the order
    named.put("a", a);
    Path byName = tmp.resolve("named.npz");
    Files.write(byName, NumpyFiles.npz(named));
    Map<String, TensorData> unnamed = new LinkedHashMap<>();
    unnamed.put("arr_0", a);
    unnamed.put("arr_1", b);
    Path positional = tmp.resolve("unnamed.npz");
    Files.write(positional, NumpyFiles.npz(unnamed));

    for (List<Path> inputs : List.of(List.of(aNpy, bBin), List.of(byName), List.of(positional))) {
      Path out = tmp.resolve("out.npz");
      String text = InferCommand.run(MICRO, modelFile, inputs, out);
      assertThat(text).contains("output 0 'sum' int8[1, 2, 3]")
          .contains("output 1 'product' int8[1, 2, 3]")
          .contains("wrote 2 outputs (sum, product) to " + out);
      Map<String, NumpyFiles.Array> written =
          NumpyFiles.readNpz(Files.readAllBytes(out), out.toString());
      assertThat(written.keySet()).containsExactly("sum", "product");
      assertThat(written.get("sum").descr()).isEqualTo("|i1");
      assertThat(written.get("sum").shape()).containsExactly(SHAPE);
      assertThat(bytes(written.get("sum"))).as("sum from %s", inputs).isEqualTo(want.get(0));
      assertThat(bytes(written.get("product"))).as("product from %s", inputs)
          .isEqualTo(want.get(1));
    }
    Path one = tmp.resolve("sum.npy");
    InferCommand.run(MICRO, modelFile, List.of(aNpy, bBin), one);
    NumpyFiles.Array sum = NumpyFiles.readNpy(Files.readAllBytes(one), one.toString());
    assertThat(bytes(sum)).isEqualTo(want.get(0));
  }

  @Test
  void aMissingInputIsNamed() throws Exception {
    Path modelFile = tmp.resolve("add_mul.tflite");
    Files.write(modelFile, addMulModel());
    Path aNpy = tmp.resolve("a.npy");
    Files.write(aNpy, NumpyFiles.npy(random(new Random(1))));
    assertThatThrownBy(() -> InferCommand.run(MICRO, modelFile, List.of(aNpy), null))
        .isInstanceOf(KilnException.class)
        .hasMessage("add_mul.tflite has 2 inputs ('a' int8[1, 2, 3], 'b' int8[1, 2, 3]), got 1"
            + " input files: give one file per input, in order, or one .npz holding them all");
    Map<String, TensorData> onlyA = new LinkedHashMap<>();
    onlyA.put("a", random(new Random(2)));
    Path npz = tmp.resolve("only_a.npz");
    Files.write(npz, NumpyFiles.npz(onlyA));
    assertThatThrownBy(() -> InferCommand.run(MICRO, modelFile, List.of(npz), null))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("has no array 'b' for input 1 'b'; it holds a");
  }

  private static byte[] bytes(NumpyFiles.Array a) {
    byte[] b = new byte[a.values().length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) a.values()[i];
    }
    return b;
  }

}
