package kiln.tflite;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;
import kiln.api.KilnException;
import kiln.tflite.schema.Buffer;
import kiln.tflite.schema.Model;
import kiln.tflite.schema.OperatorCode;
import kiln.tflite.schema.SubGraph;
import org.junit.jupiter.api.Test;

/** Broken files give a KilnException naming the file, the tensor or op, and what was expected. */
class ValidationTest {
  @Test
  void truncatedFile() throws IOException {
    byte[] full = Files.readAllBytes(Fixtures.file("tflm/micro_speech_quantized.tflite"));
    byte[] cut = Arrays.copyOf(full, 5000);
    assertThatThrownBy(() -> TfliteModel.read(cut, "cut.tflite"))
        .isInstanceOf(KilnException.class)
        .hasMessageStartingWith("cut.tflite: not a valid .tflite file: ");
  }

  @Test
  void randomBytes() {
    byte[] junk = new byte[4096];
    new Random(1).nextBytes(junk);
    assertThatThrownBy(() -> TfliteModel.read(junk, "junk.bin"))
        .isInstanceOf(KilnException.class)
        .hasMessageStartingWith("junk.bin: not a .tflite file: expected the identifier TFL3 at "
            + "bytes 4-7, found '");
  }

  @Test
  void tinyFile() {
    assertThatThrownBy(() -> TfliteModel.read(new byte[3], "tiny.tflite"))
        .isInstanceOf(KilnException.class)
        .hasMessage("tiny.tflite: not a .tflite file: expected at least 8 bytes (root offset and "
            + "the TFL3 identifier), found 3");
  }

  @Test
  void missingFileIsNamed() {
    assertThatThrownBy(() -> TfliteModel.read(java.nio.file.Path.of("/no/such/model.tflite")))
        .isInstanceOf(KilnException.class)
        .hasMessage("/no/such/model.tflite: expected a .tflite file, found no such file");
  }

  @Test
  void bufferIndexOutOfRange() {
    byte[] file = oneTensorModel(new int[] {4}, 9, 7, new byte[16], 3);
    assertThatThrownBy(() -> TfliteModel.read(file, "bad.tflite"))
        .isInstanceOf(KilnException.class)
        .hasMessage("bad.tflite: subgraph 0 tensor 0 'w' refers to buffer 7, expected an index "
            + "below 2 (the number of buffers)");
  }

  @Test
  void bufferSmallerThanTheShapeNeeds() {
    byte[] file = oneTensorModel(new int[] {2, 8}, 2, 1, new byte[40], 3);
    assertThatThrownBy(() -> TfliteModel.read(file, "small.tflite"))
        .isInstanceOf(KilnException.class)
        .hasMessage("small.tflite: subgraph 0 tensor 0 'w': shape [2, 8] of int32 needs 64 "
            + "bytes, but its buffer holds 40");
  }

  @Test
  void unknownOperator() {
    byte[] file = oneTensorModel(new int[] {4}, 9, 1, new byte[4], 250);
    assertThatThrownBy(() -> TfliteModel.read(file, "op.tflite"))
        .isInstanceOf(KilnException.class)
        .hasMessage("op.tflite: operator code 0 names builtin operator 250, which this Kiln does "
            + "not know (it knows 0-209)");
  }

  @Test
  void operatorInputOutOfRange() {
    TfliteModel m = TfliteModel.read(Fixtures.file("tflm/hello_world_int8.tflite"));
    m.mainSubgraph().operators().get(1).setInputs(new int[] {0, 99});
    assertThatThrownBy(m::toBytes).isInstanceOf(KilnException.class)
        .hasMessage("model to write: subgraph 0 operator 1 (FULLY_CONNECTED) inputs refer to "
            + "tensor 99, expected -1 (absent) or an index below 10 (the number of tensors)");
  }

  /** A model with one constant tensor 'w' and one operator using it. */
  static byte[] oneTensorModel(int[] shape, int type, int bufferIndex, byte[] data, int opCode) {
    FlatBufferBuilder b = new FlatBufferBuilder(256);
    int empty = Buffer.createBuffer(b, 0, 0, 0);
    int full = Buffer.createBuffer(b, Buffer.createDataVector(b, data), 0, 0);
    int buffers = Model.createBuffersVector(b, new int[] {empty, full});
    int name = b.createString("w");
    int shapeVec = kiln.tflite.schema.Tensor.createShapeVector(b, shape);
    kiln.tflite.schema.Tensor.startTensor(b);
    kiln.tflite.schema.Tensor.addShape(b, shapeVec);
    kiln.tflite.schema.Tensor.addType(b, (byte) type);
    kiln.tflite.schema.Tensor.addBuffer(b, bufferIndex);
    kiln.tflite.schema.Tensor.addName(b, name);
    int tensor = kiln.tflite.schema.Tensor.endTensor(b);
    int in = kiln.tflite.schema.Operator.createInputsVector(b, new int[] {0});
    int out = kiln.tflite.schema.Operator.createOutputsVector(b, new int[] {0});
    kiln.tflite.schema.Operator.startOperator(b);
    kiln.tflite.schema.Operator.addInputs(b, in);
    kiln.tflite.schema.Operator.addOutputs(b, out);
    int op = kiln.tflite.schema.Operator.endOperator(b);
    int sg = SubGraph.createSubGraph(b, SubGraph.createTensorsVector(b, new int[] {tensor}),
        SubGraph.createInputsVector(b, new int[] {}), SubGraph.createOutputsVector(b, new int[] {0}),
        SubGraph.createOperatorsVector(b, new int[] {op}), 0, -1);
    int code = OperatorCode.createOperatorCode(b, (byte) Math.min(opCode, 127), 0, 1, opCode);
    int root = Model.createModel(b, 3, Model.createOperatorCodesVector(b, new int[] {code}),
        Model.createSubgraphsVector(b, new int[] {sg}), 0, buffers, 0, 0, 0, 0, 0);
    b.finish(root, "TFL3");
    return b.sizedByteArray();
  }
}
