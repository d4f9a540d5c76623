package kiln.tflite.internal;

import com.google.flatbuffers.FlatBufferBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.tflite.MetadataEntry;
import kiln.tflite.Operator;
import kiln.tflite.OperatorCode;
import kiln.tflite.Quantization;
import kiln.tflite.SignatureDef;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TfliteModel;
import kiln.tflite.schema.Buffer;
import kiln.tflite.schema.Metadata;
import kiln.tflite.schema.Model;
import kiln.tflite.schema.QuantizationParameters;
import kiln.tflite.schema.SubGraph;
import kiln.tflite.schema.TensorMap;

/**
 * Writes a {@link TfliteModel} as a .tflite flatbuffer the way the TFLite converter lays it out:
 * buffer 0 empty, constant data 16-byte aligned, optional empty vectors left out, operator codes
 * with both builtin_code and deprecated_builtin_code, rank-1 tensors' quantized_dimension 0, and a
 * {@code min_runtime_version} metadata entry when the model has none.
 */
public final class ModelEncoder {
  /** What Kiln writes into min_runtime_version when a model has none (16 bytes, NUL padded). */
  public static final String DEFAULT_MIN_RUNTIME_VERSION = "1.14.0";
  private static final int DATA_ALIGNMENT = 16;
  private static final int PLACEHOLDER_FOR_GREATER_OP_CODES = 127;

  private ModelEncoder() {}

  public static byte[] encode(TfliteModel model) {
    ModelValidator.validate(model, "model to write");
    List<byte[]> buffers = new ArrayList<>();
    buffers.add(null); // buffer 0: the empty buffer by TFLite convention
    Map<byte[], Integer> bufferIndex = new IdentityHashMap<>();
    for (Subgraph g : model.subgraphs()) {
      for (Tensor t : g.tensors()) {
        if (t.hasData() && !bufferIndex.containsKey(t.data())) {
          bufferIndex.put(t.data(), buffers.size());
          buffers.add(t.data());
        }
      }
    }
    List<MetadataEntry> metadata = new ArrayList<>(model.metadata());
    if (model.metadata("min_runtime_version") == null) {
      byte[] v = new byte[16];
      byte[] text = DEFAULT_MIN_RUNTIME_VERSION.getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(text, 0, v, 0, text.length);
      metadata.add(new MetadataEntry("min_runtime_version", v));
    }
    int[] metadataBuffer = new int[metadata.size()];
    for (int i = 0; i < metadata.size(); i++) {
      metadataBuffer[i] = buffers.size();
      buffers.add(metadata.get(i).data());
    }

    long dataBytes = 0;
    for (byte[] b : buffers) {
      dataBytes += b == null ? 0 : b.length + DATA_ALIGNMENT;
    }
    FlatBufferBuilder b = new FlatBufferBuilder((int) Math.min(Integer.MAX_VALUE - 64,
        dataBytes + 4096));

    // Buffers first: the builder fills from the back, so the data ends up at the end of the file.
    int[] bufferOffsets = new int[buffers.size()];
    for (int i = buffers.size() - 1; i >= 0; i--) {
      byte[] data = buffers.get(i);
      int dataOffset = 0;
      if (data != null && data.length > 0) {
        b.prep(DATA_ALIGNMENT, data.length); // the data itself starts on a 16-byte boundary
        dataOffset = b.createByteVector(data);
      }
      bufferOffsets[i] = Buffer.createBuffer(b, dataOffset, 0, 0);
    }

    Map<OperatorCode, Integer> codes = new LinkedHashMap<>();
    for (Subgraph g : model.subgraphs()) {
      for (Operator op : g.operators()) {
        codes.putIfAbsent(op.code(), codes.size());
      }
    }

    int[] subgraphOffsets = new int[model.subgraphs().size()];
    for (int s = 0; s < subgraphOffsets.length; s++) {
      subgraphOffsets[s] = writeSubgraph(b, model.subgraphs().get(s), bufferIndex, codes);
    }

    int[] codeOffsets = new int[codes.size()];
    int c = 0;
    for (OperatorCode code : codes.keySet()) {
      int custom = code.customCode() == null ? 0 : b.createString(code.customCode());
      int builtin = code.op().code();
      codeOffsets[c++] = kiln.tflite.schema.OperatorCode.createOperatorCode(b,
          (byte) Math.min(builtin, PLACEHOLDER_FOR_GREATER_OP_CODES), custom, code.version(),
          builtin);
    }

    int[] metadataOffsets = new int[metadata.size()];
    for (int i = 0; i < metadataOffsets.length; i++) {
      metadataOffsets[i] = Metadata.createMetadata(b, b.createString(metadata.get(i).name()),
          metadataBuffer[i]);
    }

    int[] signatureOffsets = new int[model.signatureDefs().size()];
    for (int i = 0; i < signatureOffsets.length; i++) {
      signatureOffsets[i] = writeSignature(b, model.signatureDefs().get(i));
    }

    int description = model.description() == null ? 0 : b.createString(model.description());
    int codesVector = Model.createOperatorCodesVector(b, codeOffsets);
    int subgraphsVector = Model.createSubgraphsVector(b, subgraphOffsets);
    int buffersVector = Model.createBuffersVector(b, bufferOffsets);
    int metadataVector = metadataOffsets.length == 0 ? 0
        : Model.createMetadataVector(b, metadataOffsets);
    int signaturesVector = signatureOffsets.length == 0 ? 0
        : Model.createSignatureDefsVector(b, signatureOffsets);
    int root = Model.createModel(b, model.version(), codesVector, subgraphsVector, description,
        buffersVector, 0, metadataVector, signaturesVector, 0, 0);
    b.finish(root, "TFL3");
    return b.sizedByteArray();
  }

  private static int writeSubgraph(FlatBufferBuilder b, Subgraph g, Map<byte[], Integer> buffers,
      Map<OperatorCode, Integer> codes) {
    int[] tensorOffsets = new int[g.tensors().size()];
    for (int i = 0; i < tensorOffsets.length; i++) {
      tensorOffsets[i] = writeTensor(b, g.tensors().get(i), buffers);
    }
    int[] opOffsets = new int[g.operators().size()];
    for (int i = 0; i < opOffsets.length; i++) {
      opOffsets[i] = writeOperator(b, g.operators().get(i), codes);
    }
    int name = g.name() == null ? 0 : b.createString(g.name());
    int tensors = SubGraph.createTensorsVector(b, tensorOffsets);
    int inputs = SubGraph.createInputsVector(b, g.inputs());
    int outputs = SubGraph.createOutputsVector(b, g.outputs());
    int operators = SubGraph.createOperatorsVector(b, opOffsets);
    return SubGraph.createSubGraph(b, tensors, inputs, outputs, operators, name, -1);
  }

  private static int writeTensor(FlatBufferBuilder b, Tensor t, Map<byte[], Integer> buffers) {
    int name = b.createString(t.name());
    int shape = kiln.tflite.schema.Tensor.createShapeVector(b, t.shape());
    int[] signature = t.shapeSignature();
    int shapeSignature = signature == null || signature.length == 0 ? 0
        : kiln.tflite.schema.Tensor.createShapeSignatureVector(b, signature);
    int quantization = 0;
    Quantization q = t.quantization();
    if (q != null && !q.isEmpty()) {
      int min = q.min().length == 0 ? 0 : QuantizationParameters.createMinVector(b, q.min());
      int max = q.max().length == 0 ? 0 : QuantizationParameters.createMaxVector(b, q.max());
      int scale = q.scales().length == 0 ? 0
          : QuantizationParameters.createScaleVector(b, q.scales());
      int zero = q.zeroPoints().length == 0 ? 0
          : QuantizationParameters.createZeroPointVector(b, q.zeroPoints());
      // TFLite rejects a rank-1 tensor (a bias) quantized along any dimension but 0
      int dim = t.shape().length == 1 ? 0 : q.quantizedDimension();
      quantization = QuantizationParameters.createQuantizationParameters(b, min, max, scale, zero,
          (byte) 0, 0, dim);
    }
    int buffer = t.hasData() ? buffers.get(t.data()) : 0;
    kiln.tflite.schema.Tensor.startTensor(b);
    kiln.tflite.schema.Tensor.addShape(b, shape);
    kiln.tflite.schema.Tensor.addType(b, (byte) t.type().code());
    kiln.tflite.schema.Tensor.addBuffer(b, buffer);
    kiln.tflite.schema.Tensor.addName(b, name);
    if (quantization != 0) {
      kiln.tflite.schema.Tensor.addQuantization(b, quantization);
    }
    kiln.tflite.schema.Tensor.addIsVariable(b, t.isVariable());
    if (shapeSignature != 0) {
      kiln.tflite.schema.Tensor.addShapeSignature(b, shapeSignature);
    }
    return kiln.tflite.schema.Tensor.endTensor(b);
  }

  private static int writeOperator(FlatBufferBuilder b, Operator op,
      Map<OperatorCode, Integer> codes) {
    int inputs = kiln.tflite.schema.Operator.createInputsVector(b, op.inputs());
    int outputs = kiln.tflite.schema.Operator.createOutputsVector(b, op.outputs());
    int[] inter = op.intermediates();
    int intermediates = inter.length == 0 ? 0
        : kiln.tflite.schema.Operator.createIntermediatesVector(b, inter);
    byte[] custom = op.customOptions();
    int customOptions = custom == null || custom.length == 0 ? 0
        : kiln.tflite.schema.Operator.createCustomOptionsVector(b, custom);
    int optionsType = 0;
    int options = 0;
    if (op.options() != null) {
      optionsType = OptionsCodec.typeCode(op.options().typeName());
      if (optionsType <= 0 || optionsType > 255) {
        throw new kiln.api.KilnException("operator " + op + ": options type "
            + op.options().typeName() + " is not a TFLite builtin options table");
      }
      options = OptionsCodec.write(b, op.options());
    }
    kiln.tflite.schema.Operator.startOperator(b);
    kiln.tflite.schema.Operator.addOpcodeIndex(b, codes.get(op.code()));
    kiln.tflite.schema.Operator.addInputs(b, inputs);
    kiln.tflite.schema.Operator.addOutputs(b, outputs);
    if (options != 0) {
      kiln.tflite.schema.Operator.addBuiltinOptionsType(b, (byte) optionsType);
      kiln.tflite.schema.Operator.addBuiltinOptions(b, options);
    }
    if (customOptions != 0) {
      kiln.tflite.schema.Operator.addCustomOptions(b, customOptions);
    }
    if (intermediates != 0) {
      kiln.tflite.schema.Operator.addIntermediates(b, intermediates);
    }
    return kiln.tflite.schema.Operator.endOperator(b);
  }

  private static int writeSignature(FlatBufferBuilder b, SignatureDef sd) {
    int inputs = tensorMaps(b, sd.inputs(), true);
    int outputs = tensorMaps(b, sd.outputs(), false);
    int key = sd.key() == null ? 0 : b.createString(sd.key());
    return kiln.tflite.schema.SignatureDef.createSignatureDef(b, inputs, outputs, key,
        sd.subgraphIndex());
  }

  private static int tensorMaps(FlatBufferBuilder b, List<SignatureDef.TensorMap> maps,
      boolean inputs) {
    if (maps.isEmpty()) {
      return 0;
    }
    int[] offsets = new int[maps.size()];
    for (int i = 0; i < offsets.length; i++) {
      SignatureDef.TensorMap m = maps.get(i);
      int name = m.name() == null ? 0 : b.createString(m.name());
      offsets[i] = TensorMap.createTensorMap(b, name, m.tensorIndex());
    }
    return inputs ? kiln.tflite.schema.SignatureDef.createInputsVector(b, offsets)
        : kiln.tflite.schema.SignatureDef.createOutputsVector(b, offsets);
  }
}
