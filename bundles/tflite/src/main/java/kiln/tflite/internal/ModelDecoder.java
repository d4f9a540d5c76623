package kiln.tflite.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kiln.api.KilnException;
import kiln.tflite.BuiltinOp;
import kiln.tflite.MetadataEntry;
import kiln.tflite.Operator;
import kiln.tflite.OperatorCode;
import kiln.tflite.Quantization;
import kiln.tflite.SignatureDef;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import kiln.tflite.schema.Buffer;
import kiln.tflite.schema.Metadata;
import kiln.tflite.schema.Model;
import kiln.tflite.schema.QuantizationParameters;
import kiln.tflite.schema.SubGraph;

/**
 * Turns .tflite bytes into a {@link TfliteModel}, checking every length and index against the
 * file as it goes. Any structural problem becomes a KilnException naming the file, the place
 * (subgraph, tensor, operator) and what was expected.
 */
public final class ModelDecoder {
  private final byte[] bytes;
  private final String source;
  private final ByteBuffer bb;
  private byte[][] buffers;
  /** What is being read, for messages about offsets that point outside the file. */
  private String place = "the model table";

  private ModelDecoder(byte[] bytes, String source) {
    this.bytes = bytes;
    this.source = source;
    this.bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Reads and validates a model. */
  public static TfliteModel decode(byte[] bytes, String source) {
    ModelDecoder d = new ModelDecoder(bytes, source);
    TfliteModel model;
    try {
      model = d.decode();
    } catch (KilnException e) {
      throw e;
    } catch (Bounds.Corrupt e) {
      throw new KilnException(source + ": not a valid .tflite file: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // the generated accessors read outside the file or past a table: a corrupted offset
      throw new KilnException(source + ": not a valid .tflite file: " + d.place + ": expected "
          + "its table and vector offsets to point inside the " + bytes.length + "-byte file",
          e);
    }
    if (model.subgraphs().isEmpty()) {
      throw new KilnException(source + ": not a valid .tflite file: expected at least one "
          + "subgraph, found none");
    }
    ModelValidator.validate(model, source);
    return model;
  }

  private TfliteModel decode() {
    if (bytes.length < 8) {
      throw new KilnException(source + ": not a .tflite file: expected at least 8 bytes (root "
          + "offset and the TFL3 identifier), found " + bytes.length);
    }
    String id = new String(bytes, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    if (!id.equals("TFL3")) {
      throw new KilnException(source + ": not a .tflite file: expected the identifier TFL3 at "
          + "bytes 4-7, found '" + printable(id) + "'");
    }
    int root = bb.getInt(0);
    if (root < 8 || root > bytes.length - 4) {
      throw new KilnException(source + ": not a valid .tflite file: root table offset " + root
          + " is outside the " + bytes.length + "-byte file");
    }
    Model m = Model.getRootAsModel(bb.duplicate().order(ByteOrder.LITTLE_ENDIAN));
    TfliteModel model = new TfliteModel();
    model.setVersion((int) m.version());
    model.setDescription(Bounds.string(m::descriptionAsByteBuffer, m::description));

    int nBuffers = Bounds.length(m::buffersLength, 4, bb, "model buffers");
    buffers = new byte[nBuffers][];
    Buffer buffer = new Buffer();
    for (int i = 0; i < nBuffers; i++) {
      place = "buffer " + i;
      buffers[i] = readBuffer(m.buffers(buffer, i), i);
    }

    int nCodes = Bounds.length(m::operatorCodesLength, 4, bb, "model operator_codes");
    List<OperatorCode> codes = new ArrayList<>(nCodes);
    for (int i = 0; i < nCodes; i++) {
      place = "operator code " + i;
      codes.add(readOperatorCode(m.operatorCodes(i), i));
    }

    int nSubgraphs = Bounds.length(m::subgraphsLength, 4, bb, "model subgraphs");
    for (int s = 0; s < nSubgraphs; s++) {
      place = "subgraph " + s;
      model.addSubgraph(readSubgraph(m.subgraphs(s), s, codes));
    }

    place = "the model table";
    int nMeta = Bounds.length(m::metadataLength, 4, bb, "model metadata");
    Metadata meta = new Metadata();
    for (int i = 0; i < nMeta; i++) {
      place = "metadata entry " + i;
      m.metadata(meta, i);
      String name = Bounds.string(meta::nameAsByteBuffer, meta::name);
      long index = meta.buffer();
      if (index >= buffers.length) {
        throw new KilnException(source + ": metadata entry '" + name + "' refers to buffer "
            + index + ", expected an index below " + buffers.length + " (the number of buffers)");
      }
      model.metadata().add(new MetadataEntry(name == null ? "" : name, buffers[(int) index]));
    }

    int nSignatures = Bounds.length(m::signatureDefsLength, 4, bb, "model signature_defs");
    for (int i = 0; i < nSignatures; i++) {
      place = "signature " + i;
      var sd = m.signatureDefs(i);
      String where = "signature " + i;
      List<SignatureDef.TensorMap> in = new ArrayList<>();
      int nIn = Bounds.length(sd::inputsLength, 4, bb, where + " inputs");
      for (int j = 0; j < nIn; j++) {
        var tm = sd.inputs(j);
        in.add(new SignatureDef.TensorMap(Bounds.string(tm::nameAsByteBuffer, tm::name),
            (int) tm.tensorIndex()));
      }
      List<SignatureDef.TensorMap> out = new ArrayList<>();
      int nOut = Bounds.length(sd::outputsLength, 4, bb, where + " outputs");
      for (int j = 0; j < nOut; j++) {
        var tm = sd.outputs(j);
        out.add(new SignatureDef.TensorMap(Bounds.string(tm::nameAsByteBuffer, tm::name),
            (int) tm.tensorIndex()));
      }
      model.signatureDefs().add(new SignatureDef(
          Bounds.string(sd::signatureKeyAsByteBuffer, sd::signatureKey),
          (int) sd.subgraphIndex(), in, out));
    }
    return model;
  }

  private byte[] readBuffer(Buffer b, int index) {
    String where = "buffer " + index;
    long offset = b.offset();
    long size = b.size();
    if (offset > 1) {
      // large models keep buffer data after the flatbuffer, addressed from the file start
      if (size < 0 || offset + size > bytes.length || offset + size < 0) {
        throw new KilnException(source + ": " + where + " spans bytes " + offset + ".."
            + (offset + size) + ", outside the " + bytes.length + "-byte file");
      }
      return Arrays.copyOfRange(bytes, (int) offset, (int) (offset + size));
    }
    int n = Bounds.length(b::dataLength, 1, bb, where + " data");
    if (n == 0) {
      return null;
    }
    ByteBuffer data = b.dataAsByteBuffer();
    byte[] out = new byte[n];
    data.get(out);
    return out;
  }

  private OperatorCode readOperatorCode(kiln.tflite.schema.OperatorCode c, int index) {
    int code = Math.max(c.builtinCode(), c.deprecatedBuiltinCode());
    BuiltinOp op = BuiltinOp.ofCode(code);
    if (op == null) {
      throw new KilnException(source + ": operator code " + index + " names builtin operator "
          + code + ", which this Kiln does not know (it knows 0-"
          + (BuiltinOp.values().length - 1) + ")");
    }
    String custom = Bounds.string(c::customCodeAsByteBuffer, c::customCode);
    return new OperatorCode(op, custom, c.version());
  }

  private Subgraph readSubgraph(SubGraph g, int s, List<OperatorCode> codes) {
    String where = "subgraph " + s;
    int nTensors = Bounds.length(g::tensorsLength, 4, bb, where + " tensors");
    List<Tensor> tensors = new ArrayList<>(nTensors);
    kiln.tflite.schema.Tensor t = new kiln.tflite.schema.Tensor();
    for (int i = 0; i < nTensors; i++) {
      place = where + " tensor " + i;
      g.tensors(t, i);
      tensors.add(readTensor(t, where + " tensor " + i));
    }
    int nOps = Bounds.length(g::operatorsLength, 4, bb, where + " operators");
    List<Operator> ops = new ArrayList<>(nOps);
    kiln.tflite.schema.Operator o = new kiln.tflite.schema.Operator();
    for (int i = 0; i < nOps; i++) {
      place = where + " operator " + i;
      g.operators(o, i);
      ops.add(readOperator(o, where + " operator " + i, codes));
    }
    place = where;
    int[] inputs = ints(g::inputsLength, g::inputs, where + " inputs");
    int[] outputs = ints(g::outputsLength, g::outputs, where + " outputs");
    return new Subgraph(Bounds.string(g::nameAsByteBuffer, g::name), tensors, ops, inputs,
        outputs);
  }

  private Tensor readTensor(kiln.tflite.schema.Tensor t, String where) {
    String name = Bounds.string(t::nameAsByteBuffer, t::name);
    int typeCode = t.type();
    TensorType type = TensorType.ofCode(typeCode);
    if (type == null) {
      throw new KilnException(source + ": " + where + " '" + name + "' has element type code "
          + typeCode + ", expected a TFLite tensor type (0-" + (TensorType.values().length - 1)
          + ")");
    }
    Tensor out = new Tensor(name, type, ints(t::shapeLength, t::shape, where + " shape"));
    if (t.shapeSignatureLength() > 0) {
      out.setShapeSignature(ints(t::shapeSignatureLength, t::shapeSignature,
          where + " shape_signature"));
    }
    long buffer = t.buffer();
    if (buffer >= buffers.length) {
      throw new KilnException(source + ": " + where + " '" + name + "' refers to buffer "
          + buffer + ", expected an index below " + buffers.length + " (the number of buffers)");
    }
    out.setData(buffers[(int) buffer]);
    out.setVariable(t.isVariable());
    QuantizationParameters q = t.quantization();
    if (q != null) {
      Quantization quant = readQuantization(q, where);
      if (!quant.isEmpty()) {
        out.setQuantization(quant);
      }
    }
    if (t.sparsity() != null) {
      throw new KilnException(source + ": " + where + " '" + name + "' is sparse; Kiln reads "
          + "only dense tensors");
    }
    return out;
  }

  private Quantization readQuantization(QuantizationParameters q, String where) {
    int nScale = Bounds.length(q::scaleLength, 4, bb, where + " scale");
    float[] scales = new float[nScale];
    for (int i = 0; i < nScale; i++) {
      scales[i] = q.scale(i);
    }
    int nZero = Bounds.length(q::zeroPointLength, 8, bb, where + " zero_point");
    long[] zeros = new long[nZero];
    for (int i = 0; i < nZero; i++) {
      zeros[i] = q.zeroPoint(i);
    }
    int nMin = Bounds.length(q::minLength, 4, bb, where + " min");
    float[] min = new float[nMin];
    for (int i = 0; i < nMin; i++) {
      min[i] = q.min(i);
    }
    int nMax = Bounds.length(q::maxLength, 4, bb, where + " max");
    float[] max = new float[nMax];
    for (int i = 0; i < nMax; i++) {
      max[i] = q.max(i);
    }
    return new Quantization(scales, zeros, q.quantizedDimension(), min, max);
  }

  private Operator readOperator(kiln.tflite.schema.Operator o, String where,
      List<OperatorCode> codes) {
    long index = o.opcodeIndex();
    if (index >= codes.size()) {
      throw new KilnException(source + ": " + where + " uses operator code " + index
          + ", expected an index below " + codes.size() + " (the number of operator codes)");
    }
    OperatorCode code = codes.get((int) index);
    String opWhere = where + " (" + code.op().name() + ")";
    Operator op = new Operator(code, ints(o::inputsLength, o::inputs, opWhere + " inputs"),
        ints(o::outputsLength, o::outputs, opWhere + " outputs"),
        OptionsCodec.read(o, opWhere));
    op.setIntermediates(ints(o::intermediatesLength, o::intermediates,
        opWhere + " intermediates"));
    int nCustom = Bounds.length(o::customOptionsLength, 1, bb, opWhere + " custom_options");
    if (nCustom > 0) {
      byte[] custom = new byte[nCustom];
      o.customOptionsAsByteBuffer().get(custom);
      op.setCustomOptions(custom);
    }
    return op;
  }

  private int[] ints(java.util.function.IntSupplier length,
      java.util.function.IntUnaryOperator element, String where) {
    int n = Bounds.length(length, 4, bb, where);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = element.applyAsInt(i);
    }
    return out;
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
    }
    return b.toString();
  }
}
