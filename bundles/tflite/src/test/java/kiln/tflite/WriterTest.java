package kiln.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import kiln.tflite.options.Activation;
import kiln.tflite.options.Conv2DOptions;
import kiln.tflite.options.FullyConnectedOptions;
import kiln.tflite.options.GenericOptions;
import kiln.tflite.options.Padding;
import kiln.tflite.options.ReshapeOptions;
import kiln.tflite.schema.Model;
import org.junit.jupiter.api.Test;

/** The writer's layout rules, checked on the raw flatbuffer, and a built model run in TFLite. */
class WriterTest {
  /** input 1x4x4x1 -> conv 2x2 (2 filters, per-channel) -> reshape 1x18 -> FC 18->3. */
  static TfliteModel smallConvModel() {
    Subgraph g = new Subgraph();
    int in = g.addTensor(new Tensor("in", TensorType.INT8, new int[] {1, 4, 4, 1})
        .setQuantization(Quantization.perTensor(0.5f, -1)));
    byte[] w = {1, -2, 3, -4, 5, 6, -7, 8};
    int wt = g.addTensor(new Tensor("w", TensorType.INT8, new int[] {2, 2, 2, 1}).setData(w)
        .setQuantization(Quantization.perChannel(new float[] {0.1f, 0.2f}, new long[] {0, 0}, 0)));
    byte[] bias = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(10).putInt(-20)
        .array();
    // quantized along dimension 3 on purpose: the writer must store 0 for a rank-1 tensor
    int bt = g.addTensor(new Tensor("b", TensorType.INT32, new int[] {2}).setData(bias)
        .setQuantization(Quantization.perChannel(new float[] {0.05f, 0.1f}, new long[] {0, 0}, 3)
            .withQuantizedDimension(0)));
    int conv = g.addTensor(new Tensor("conv", TensorType.INT8, new int[] {1, 3, 3, 2})
        .setQuantization(Quantization.perTensor(0.25f, -128)));
    int shape = g.addTensor(new Tensor("shape", TensorType.INT32, new int[] {2})
        .setData(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(1).putInt(18)
            .array()));
    int flat = g.addTensor(new Tensor("flat", TensorType.INT8, new int[] {1, 18})
        .setQuantization(Quantization.perTensor(0.25f, -128)));
    byte[] fw = new byte[3 * 18];
    for (int i = 0; i < fw.length; i++) {
      fw[i] = (byte) (i * 7 % 23 - 11);
    }
    int fwt = g.addTensor(new Tensor("fw", TensorType.INT8, new int[] {3, 18}).setData(fw)
        .setQuantization(Quantization.perTensor(0.02f, 0)));
    int out = g.addTensor(new Tensor("out", TensorType.INT8, new int[] {1, 3})
        .setQuantization(Quantization.perTensor(0.1f, 3)));
    g.operators().add(new Operator(BuiltinOp.CONV_2D, new int[] {in, wt, bt}, new int[] {conv},
        new Conv2DOptions(Padding.VALID, 1, 1, Activation.RELU)));
    g.operators().add(new Operator(BuiltinOp.RESHAPE, new int[] {conv, shape}, new int[] {flat},
        new ReshapeOptions(new int[] {1, 18})));
    g.operators().add(new Operator(OperatorCode.of(BuiltinOp.FULLY_CONNECTED, 4),
        new int[] {flat, fwt, -1}, new int[] {out}, new FullyConnectedOptions(Activation.NONE)));
    g.setInputs(in).setOutputs(out);
    return new TfliteModel().addSubgraph(g).setDescription("built by WriterTest");
  }

  @Test
  void layoutFollowsTheTfliteConverter() {
    byte[] file = smallConvModel().toBytes();
    ByteBuffer bb = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    Model m = Model.getRootAsModel(bb);
    assertThat(new String(file, 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("TFL3");
    assertThat(m.version()).isEqualTo(3);
    // buffer 0 empty; every data buffer starts on a 16-byte boundary of the file
    assertThat(m.buffers(0).dataLength()).isZero();
    for (int i = 1; i < m.buffersLength(); i++) {
      ByteBuffer data = m.buffers(i).dataAsByteBuffer();
      assertThat(data.position() % 16).as("buffer " + i).isZero();
    }
    // both opcode fields, deduplicated in first-use order
    assertThat(m.operatorCodesLength()).isEqualTo(3);
    assertThat(m.operatorCodes(2).builtinCode()).isEqualTo(9);
    assertThat(m.operatorCodes(2).deprecatedBuiltinCode()).isEqualTo((byte) 9);
    assertThat(m.operatorCodes(2).version()).isEqualTo(4);
    // empty vectors left out: no intermediates, no custom options, activations without buffer
    var op = m.subgraphs(0).operators(0);
    assertThat(op.intermediatesVector()).isNull();
    assertThat(op.customOptionsVector()).isNull();
    assertThat(m.subgraphs(0).tensors(0).quantization().minVector()).isNull();
    // rank-1 bias quantized along dimension 0
    assertThat(m.subgraphs(0).tensors(2).quantization().quantizedDimension()).isZero();
    // min_runtime_version added
    assertThat(m.metadata(0).name()).isEqualTo("min_runtime_version");
  }

  @Test
  void rank1TensorsAreWrittenWithQuantizedDimensionZero() {
    TfliteModel model = smallConvModel();
    Tensor b = model.mainSubgraph().tensor(2);
    b.setQuantization(new Quantization(b.quantization().scales(), b.quantization().zeroPoints(), 3,
        null, null));
    TfliteModel back = TfliteModel.read(model.toBytes(), "x");
    assertThat(back.mainSubgraph().tensor(2).quantization().quantizedDimension()).isZero();
  }

  @Test
  void builtModelRunsInTflite() {
    byte[] input = new byte[16];
    for (int i = 0; i < 16; i++) {
      input[i] = (byte) (i * 5 - 40);
    }
    byte[] out = ReferenceTflite.run(smallConvModel().toBytes(), input);
    assertThat(out).hasSize(3);
    TfliteModel back = TfliteModel.read(smallConvModel().toBytes(), "x");
    assertThat(back).isEqualTo(TfliteModel.read(back.toBytes(), "y"));
  }

  @Test
  void genericOptionsRoundTrip() {
    TfliteModel model = smallConvModel();
    GenericOptions gather = new GenericOptions("GatherOptions", Map.of("axis", 1, "batchDims", 2));
    GenericOptions resize = new GenericOptions("ResizeBilinearOptions",
        Map.of("alignCorners", true, "halfPixelCenters", false));
    GenericOptions pad = GenericOptions.empty("PadOptions");
    Subgraph g = model.mainSubgraph();
    g.operators().add(new Operator(BuiltinOp.GATHER, new int[] {0, 4}, new int[] {5}, gather));
    g.operators().add(new Operator(BuiltinOp.RESIZE_BILINEAR, new int[] {0, 4}, new int[] {3},
        resize));
    g.operators().add(new Operator(BuiltinOp.PAD, new int[] {0, 4}, new int[] {3}, pad));
    TfliteModel back = TfliteModel.read(model.toBytes(), "x");
    assertThat(back.mainSubgraph().operators().get(3).options()).isEqualTo(gather);
    // default-valued fields are not stored, as flatbuffers does
    assertThat(back.mainSubgraph().operators().get(4).options())
        .isEqualTo(new GenericOptions("ResizeBilinearOptions", Map.of("alignCorners", true,
            "halfPixelCenters", false)));
    assertThat(back.mainSubgraph().operators().get(5).options()).isEqualTo(pad);
    // equal to what was built, plus the min_runtime_version entry the writer adds
    model.putMetadata("min_runtime_version", back.metadata("min_runtime_version"));
    assertThat(back).isEqualTo(model);
  }
}
