package kiln.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.flatbuffers.FlatBufferBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import kiln.api.KilnException;
import kiln.tflite.internal.ModelValidator;
import kiln.tflite.options.Activation;
import kiln.tflite.options.ConcatenationOptions;
import kiln.tflite.options.Conv2DOptions;
import kiln.tflite.options.FullyConnectedOptions;
import kiln.tflite.options.Padding;
import kiln.tflite.options.Pool2DOptions;
import kiln.tflite.schema.Model;
import org.junit.jupiter.api.Test;

/**
 * Files from elsewhere are checked against themselves before anything is allocated for them:
 * shapes, sizes, indices, quantization vectors and options, each refusal naming the file, the
 * tensor or operator, and what was expected ({@link ModelLimits}).
 */
class UntrustedModelTest {
  static TfliteModel helloWorld() {
    return TfliteModel.read(Fixtures.file("tflm/hello_world_int8.tflite"));
  }

  static void refused(TfliteModel m, String message) {
    assertThatThrownBy(() -> ModelValidator.validate(m, "bad.tflite"))
        .isInstanceOf(KilnException.class).hasMessage(message);
  }

  @Test
  void negativeDimensionsAreRefusedOnRead() {
    byte[] file = ValidationTest.oneTensorModel(new int[] {-1, 4}, 9, 0, new byte[0], 3);
    assertThatThrownBy(() -> TfliteModel.read(file, "neg.tflite"))
        .isInstanceOf(KilnException.class)
        .hasMessage("neg.tflite: subgraph 0 tensor 0 'w': dimension 0 of shape [-1, 4] is -1, "
            + "expected a size of 0 or more");
  }

  @Test
  void tensorsOverTheSizeLimitAreRefusedOnRead() {
    byte[] many = ValidationTest.oneTensorModel(new int[] {65536, 65536}, 9, 0, new byte[0], 3);
    assertThatThrownBy(() -> TfliteModel.read(many, "many.tflite"))
        .isInstanceOf(KilnException.class)
        .hasMessage("many.tflite: subgraph 0 tensor 0 'w': shape [65536, 65536] holds more than "
            + "1073741824 elements, expected at most that");
    byte[] big = ValidationTest.oneTensorModel(new int[] {1 << 29}, 2, 0, new byte[0], 3);
    assertThatThrownBy(() -> TfliteModel.read(big, "big.tflite"))
        .isInstanceOf(KilnException.class)
        .hasMessage("big.tflite: subgraph 0 tensor 0 'w': shape [536870912] of int32 takes "
            + "2147483648 bytes, expected at most 1073741824 (1 GiB)");
    // products that overflow an int or a long saturate instead of wrapping around to small sizes
    byte[] wraps = ValidationTest.oneTensorModel(
        new int[] {1 << 16, 1 << 16, 1 << 16, 1 << 16, 1 << 16}, 9, 0, new byte[0], 3);
    assertThatThrownBy(() -> TfliteModel.read(wraps, "wraps.tflite"))
        .isInstanceOf(KilnException.class).hasMessageContaining("holds more than 1073741824");
  }

  @Test
  void subgraphInputsAndOperatorOutputsCannotBeAbsent() {
    TfliteModel m = helloWorld();
    m.mainSubgraph().setInputs(-1);
    refused(m, "bad.tflite: subgraph 0 inputs refer to tensor -1, expected an index below 10 "
        + "(the number of tensors)");
    TfliteModel o = helloWorld();
    o.mainSubgraph().operators().get(0).setOutputs(new int[] {-1});
    refused(o, "bad.tflite: subgraph 0 operator 0 (FULLY_CONNECTED) outputs refer to tensor -1, "
        + "expected an index below 10 (the number of tensors)");
  }

  @Test
  void quantizationVectorsMustAgree() {
    TfliteModel m = helloWorld();
    Tensor t = m.mainSubgraph().tensor(m.mainSubgraph().inputs()[0]);
    t.setQuantization(new Quantization(new float[] {0.1f, 0.2f}, new long[] {0}, 0, null, null));
    refused(m, "bad.tflite: subgraph 0 tensor 0 'serving_default_dense_input:0': 2 quantization "
        + "scales but 1 zero points, expected as many of each");
    t.setQuantization(Quantization.perTensor(0.1f, 300));
    refused(m, "bad.tflite: subgraph 0 tensor 0 'serving_default_dense_input:0': quantization "
        + "zero point 0 is 300, expected -128 to 127 for int8");
    t.setQuantization(Quantization.perTensor(Float.NaN, 0));
    refused(m, "bad.tflite: subgraph 0 tensor 0 'serving_default_dense_input:0': quantization "
        + "scale 0 is NaN, expected a finite number of 0 or more");
    t.setQuantization(new Quantization(new float[] {0.1f}, new long[] {0}, 0, new float[] {0},
        null));
    refused(m, "bad.tflite: subgraph 0 tensor 0 'serving_default_dense_input:0': 1 "
        + "quantization minimums but 0 maximums, expected as many of each");
  }

  @Test
  void optionsMustFitTheOperatorAndTheModel() {
    TfliteModel m = TfliteModel.read(Fixtures.file("mltk/tflite_micro_speech.tflite"));
    Operator conv = m.mainSubgraph().operators().get(0);
    assertThat(conv.op()).isEqualTo(BuiltinOp.CONV_2D);
    conv.setOptions(new Conv2DOptions(Padding.SAME, 0, 2, Activation.RELU));
    refused(m, "bad.tflite: subgraph 0 operator 0 (CONV_2D): stride 0x2, expected each from 1 "
        + "to 65536");
    conv.setOptions(new Conv2DOptions(Padding.SAME, 2, 2, Activation.RELU, 1, 1 << 20, 0));
    refused(m, "bad.tflite: subgraph 0 operator 0 (CONV_2D): dilation 1x1048576, expected each "
        + "from 1 to 65536");
    conv.setOptions(new FullyConnectedOptions(Activation.NONE));
    refused(m, "bad.tflite: subgraph 0 operator 0 (CONV_2D): options are FullyConnectedOptions, "
        + "expected Conv2DOptions");

    TfliteModel h = helloWorld();
    Operator fc = h.mainSubgraph().operators().get(0);
    fc.setCode(OperatorCode.of(BuiltinOp.CONCATENATION, 1));
    fc.setOptions(new ConcatenationOptions(5, Activation.NONE));
    refused(h, "bad.tflite: subgraph 0 operator 0 (CONCATENATION): axis 5, expected -2 to 1 for "
        + "a tensor of rank 2");
    fc.setCode(OperatorCode.of(BuiltinOp.MAX_POOL_2D, 1));
    fc.setOptions(new Pool2DOptions(Padding.VALID, 1, 1, -3, 2, Activation.NONE));
    refused(h, "bad.tflite: subgraph 0 operator 0 (MAX_POOL_2D): filter -3x2, expected each "
        + "from 1 to 65536");
  }

  @Test
  void aModelWithoutSubgraphsIsRefusedOnRead() {
    FlatBufferBuilder b = new FlatBufferBuilder(64);
    int root = Model.createModel(b, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    b.finish(root, "TFL3");
    assertThatThrownBy(() -> TfliteModel.read(b.sizedByteArray(), "empty.tflite"))
        .isInstanceOf(KilnException.class)
        .hasMessage("empty.tflite: not a valid .tflite file: expected at least one subgraph, "
            + "found none");
  }

  @Test
  void offsetsOutsideTheFileNameThePlaceNotAJavaException() throws Exception {
    byte[] file = Files.readAllBytes(Fixtures.file("tflm/hello_world_int8.tflite"));
    ByteBuffer bb = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    kiln.tflite.schema.Tensor t = Model.getRootAsModel(bb.duplicate().order(ByteOrder.LITTLE_ENDIAN))
        .subgraphs(0).tensors(3);
    bb.putInt(t.nameAsByteBuffer().position() - 4, 0x7ffffff0); // the name's length
    assertThatThrownBy(() -> TfliteModel.read(file, "offset.tflite"))
        .isInstanceOf(KilnException.class)
        .hasMessage("offset.tflite: not a valid .tflite file: subgraph 0 tensor 3: expected its "
            + "table and vector offsets to point inside the 2704-byte file");
  }

  @Test
  void theFixturesPassEveryCheck() {
    for (var p : Fixtures.models()) {
      TfliteModel m = TfliteModel.read(p);
      assertThat(TfliteModel.read(m.toBytes(), p + " rewritten").subgraphs()).isNotEmpty();
    }
  }
}
