package kiln.tflite.arena;

import kiln.tflite.Quantization;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;

/**
 * What the Prepare functions of TFLite Micro's reference kernels allocate for good and request as
 * scratch, each from the named function in {@code tensorflow/lite/micro/kernels}.
 */
final class ReferencePrepare {
  /** LUTSize&lt;int16_t&gt;() (kernels/internal/common.h): 513 entries. */
  static final int INT16_LUT_ENTRIES = 513;

  private ReferencePrepare() {}

  /**
   * conv_common.cc ConvPrepare: per_channel_output_multiplier and _shift, one int32 per output
   * channel (filter dim kConvQuantizedDimension = 0) each, for every type; an int4 filter also
   * requests its unpacked copy (filter elements bytes) as scratch.
   */
  static void conv(KernelOp op) {
    perChannel(op, op.inDim(1, 0));
    int4Filter(op);
  }

  /** depthwise_conv_common.cc DepthwiseConvPrepare: as conv, channels in filter dim 3. */
  static void depthwiseConv(KernelOp op) {
    perChannel(op, op.inDim(1, 3));
    int4Filter(op);
  }

  /**
   * fully_connected.cc FullyConnectedPrepare: an int4 filter requests its unpacked copy;
   * fully_connected_common.cc CalculateOpDataFullyConnected: a non-float input with a filter
   * quantized per channel (more than one scale) keeps multipliers and shifts, int32 per scale.
   */
  static void fullyConnected(KernelOp op) {
    int4Filter(op);
    Tensor filter = op.in(1);
    if (op.inType(0) == TensorType.FLOAT32 || filter == null) {
      return;
    }
    int scales = scales(filter);
    if (affine(filter) && scales > 1) {
      perChannel(op, scales);
    }
  }

  /**
   * softmax_common.cc InitializeLutForInt16: an int16 input keeps two int16 lookup tables
   * (exp_lut, one_over_one_plus_x_lut) of LUTSize&lt;int16_t&gt;() entries.
   */
  static void softmax(KernelOp op) {
    if (op.inType(0) == TensorType.INT16) {
      op.persistent("exp_lut", 2L * INT16_LUT_ENTRIES);
      op.persistent("one_over_one_plus_x_lut", 2L * INT16_LUT_ENTRIES);
    }
  }

  /**
   * reduce_common.cc PrepareMeanOrSumHelper: int8 and int16 request an int32 accumulator per
   * output element; all request an int per input dimension and an int per axis element.
   */
  static void meanOrSum(KernelOp op) {
    TensorType type = op.inType(0);
    Tensor out = op.out(0);
    if ((type == TensorType.INT8 || type == TensorType.INT16) && out != null) {
      op.scratch(4 * out.elementCount());
    }
    rankAndAxis(op);
  }

  /**
   * reduce_common.cc PrepareMinMaxHelper and PrepareAllHelper: an int per input dimension and an
   * int per axis element.
   */
  static void minMax(KernelOp op) {
    rankAndAxis(op);
  }

  /**
   * transpose_conv.cc TransposeConvPrepare: per-channel multipliers and shifts (filter dim 0),
   * then an int32 (int8 input) or int64 (int16 input) scratch accumulator per output element.
   */
  static void transposeConv(KernelOp op) {
    perChannel(op, op.inDim(1, 0));
    TensorType type = op.inType(2);
    Tensor out = op.out(0);
    if (out != null && type == TensorType.INT8) {
      op.scratch(4 * out.elementCount());
    } else if (out != null && type == TensorType.INT16) {
      op.scratch(8 * out.elementCount());
    }
  }

  /**
   * gather.cc, gather_nd.cc, depth_to_space.cc, space_to_depth.cc, l2_pool_2d.cc Prepare: the
   * output dims moved to the persistent arena (CreateWritableTensorDimsWithCopy).
   */
  static void outputDims(KernelOp op) {
    op.outputDimsCopy(0);
  }

  /**
   * reshape_common.cc ReshapeOutput: only when the output's stored shape has a -1 to fill in
   * (stretch_dim) are its dims moved to the persistent arena.
   */
  static void reshape(KernelOp op) {
    Tensor out = op.out(0);
    if (out != null && java.util.Arrays.stream(out.shape()).anyMatch(d -> d == -1)) {
      op.outputDimsCopy(0);
    }
  }

  /**
   * add_n.cc CalculateOpData: float32 requests a scratch of one float* per input; int8 keeps its
   * OpData (allocated here, not in Init) and requests one int8_t* per input.
   */
  static void addN(KernelOp op) {
    TensorType type = op.out(0) == null ? null : op.out(0).type();
    long pointers = (long) op.target().pointerBytes() * op.inputCount();
    if (type == TensorType.FLOAT32) {
      op.scratch(pointers);
    } else if (type == TensorType.INT8) {
      op.persistent("OpData", op.target().sizeOf(Structs.ADD_N_OP_DATA));
      op.scratch(pointers);
    }
  }

  /** cumsum.cc CalculateOpData: an int8 output keeps its OpData (allocated in Prepare). */
  static void cumsum(KernelOp op) {
    if (op.out(0) != null && op.out(0).type() == TensorType.INT8) {
      op.persistent("OpData", op.target().sizeOf(Structs.CUMSUM_OP_DATA));
    }
  }

  /** log_softmax.cc LogSoftmaxPrepare: an int8 input keeps a LogSoftmaxOpData. */
  static void logSoftmax(KernelOp op) {
    if (op.inType(0) == TensorType.INT8) {
      op.persistent("LogSoftmaxOpData", op.target().sizeOf(Structs.LOG_SOFTMAX_OP_DATA));
    }
  }

  /**
   * embedding_lookup.cc EmbeddingLookUpPrepare: the output dims moved to the persistent arena,
   * then CalculateOpData's OpData.
   */
  static void embeddingLookup(KernelOp op) {
    op.outputDimsCopy(0);
    op.persistent("OpData", op.target().sizeOf(Structs.EMBEDDING_LOOKUP_OP_DATA));
  }

  /**
   * mirror_pad.cc MirrorPadPrepare: two scratch buffers of an int per input dimension
   * (output_dims_num_elements, input_dims_num_elements).
   */
  static void mirrorPad(KernelOp op) {
    Tensor in = op.in(0);
    long bytes = 4L * (in == null ? 0 : in.shape().length);
    op.scratch(bytes);
    op.scratch(bytes);
  }

  /**
   * batch_matmul.cc InitializeTemporaries: an int8/int16 lhs keeps a
   * QuantizationOpDataBatchMatmul; adj_x keeps a transposed copy of lhs and !adj_y one of rhs
   * (AllocInitTransposeTensorFromTfLiteTensor: a TfLiteEvalTensor, its dims, its data); then
   * batch_matmul_common.cc ReshapeOutputTensor moves the output dims to the persistent arena.
   */
  static void batchMatmul(KernelOp op) {
    TensorType type = op.inType(0);
    if (type == TensorType.INT8 || type == TensorType.INT16) {
      op.persistent("QuantizationOpDataBatchMatmul",
          op.target().sizeOf(Structs.BATCH_MATMUL_QUANTIZATION));
    }
    if (op.boolField("adjX")) {
      transposedCopy(op, op.in(0), "lhs");
    }
    if (!op.boolField("adjY")) {
      transposedCopy(op, op.in(1), "rhs");
    }
    op.outputDimsCopy(0);
  }

  private static void transposedCopy(KernelOp op, Tensor t, String which) {
    op.persistent(which + " transposed TfLiteEvalTensor",
        op.target().sizeOf(Structs.TFLITE_EVAL_TENSOR));
    op.persistent(which + " transposed dims", 4 + 4L * (t == null ? 0 : t.shape().length));
    op.persistent(which + " transposed data",
        t == null ? 0 : t.elementCount() * t.type().bytes());
  }

  /**
   * svdf_common.cc PrepareSvdf: batch_size = input dim 0, num_filters = weights_feature dim 0,
   * num_units = num_filters / rank; int8 requests batch x filters and batch x units int32
   * scratch buffers, float32 batch x filters floats.
   */
  static void svdf(KernelOp op) {
    long batch = op.inDim(0, 0);
    long filters = op.inDim(1, 0);
    kiln.tflite.options.SVDFOptions o = op.options(kiln.tflite.options.SVDFOptions.class);
    int rank = o != null ? o.rank() : op.field("rank") instanceof Number r ? r.intValue() : 1;
    rank = rank == 0 ? 1 : rank;
    if (op.inType(0) == TensorType.INT8) {
      op.scratch(batch * filters * 4);
      op.scratch(batch * (filters / rank) * 4);
    } else {
      op.scratch(batch * filters * 4);
    }
  }

  /**
   * unidirectional_sequence_lstm.cc UnidirectionalSequenceLstmPrepare: four scratch buffers of
   * batch_size x state_dimension cell-state elements (lstm_eval_common.cc CreateLstmSizeInfo:
   * batch from input dim 1 when time_major else dim 0, state from the hidden state tensor's dim
   * 1; the cell state is input 19, the hidden state input 18).
   */
  static void lstm(KernelOp op) {
    long batch = lstmBatch(op);
    long state = op.inDim(18, 1);
    TensorType cell = op.inType(19);
    long bytes = batch * state * (cell == null ? 0 : cell.bytes());
    for (int i = 0; i < 4; i++) {
      op.scratch(bytes);
    }
  }

  /** CreateLstmSizeInfo's batch_size: input dim 1 when time_major, else dim 0. */
  static long lstmBatch(KernelOp op) {
    kiln.tflite.options.UnidirectionalSequenceLSTMOptions o =
        op.options(kiln.tflite.options.UnidirectionalSequenceLSTMOptions.class);
    boolean timeMajor = o != null ? o.timeMajor() : op.boolField("timeMajor");
    return op.inDim(0, timeMajor ? 1 : 0);
  }

  /**
   * var_handle.cc VarHandlePrepare: CreateIdIfNoneFound(container, shared_name), and the output
   * tensor's data points at the id (so the planner does not plan it).
   */
  static void varHandle(KernelOp op) {
    int id = op.resources().createIdIfNoneFound(op.stringField("container"),
        op.stringField("sharedName"));
    op.resources().handle(op.subgraphIndex(), op.outputIndex(0), id);
  }

  /**
   * assign_variable.cc Prepare: when the resource id tensor has data (a VAR_HANDLE prepared
   * before it set it), MicroResourceVariables::Allocate takes the value tensor's bytes for the
   * variable's buffer, the first time only.
   */
  static void assignVariable(KernelOp op) {
    Integer id = op.resources().idOf(op.subgraphIndex(), op.inputIndex(0));
    Tensor value = op.in(1);
    if (id != null && value != null && op.resources().allocate(id)) {
      op.persistent("resource variable " + id + " buffer", ArenaModel.tensorBytes(value));
    }
  }

  private static void rankAndAxis(KernelOp op) {
    Tensor in = op.in(0);
    Tensor axis = op.in(1);
    op.scratch(4L * (in == null ? 0 : in.shape().length));
    op.scratch(4 * (axis == null ? 0 : axis.elementCount()));
  }

  /** per_channel_output_multiplier and per_channel_output_shift: int32 per channel each. */
  static void perChannel(KernelOp op, long channels) {
    op.persistent("per_channel_output_multiplier", 4 * channels);
    op.persistent("per_channel_output_shift", 4 * channels);
  }

  /** The filter_buffer_index scratch of an int4 filter: one byte per filter element. */
  private static void int4Filter(KernelOp op) {
    Tensor filter = op.in(1);
    if (filter != null && filter.type() == TensorType.INT4) {
      op.scratch(filter.elementCount());
    }
  }

  /**
   * Whether TFLite Micro gives the tensor a TfLiteAffineQuantization
   * (InitializeTfLiteTensorFromFlatbuffer): only with a non-empty scale and zero-point array.
   */
  static boolean affine(Tensor t) {
    Quantization q = t.quantization();
    return scales(t) > 0 && q.zeroPoints() != null && q.zeroPoints().length > 0;
  }

  static int scales(Tensor t) {
    Quantization q = t.quantization();
    return q == null || q.scales() == null ? 0 : q.scales().length;
  }

  /**
   * detection_postprocess.cc DetectionPostProcessPrepare: eleven scratch buffers over num_boxes
   * (box encodings dim 1), num_classes and max_detections (from the op's flexbuffer options):
   * active candidates (1 byte each), decoded boxes (4 floats), scores (class predictions' dims 1 x
   * 2 floats), score buffer, keep scores (floats), scores after regular NMS and sorted values
   * (max_detections x boxes floats), keep indices (ints), sorted indices (max_detections x boxes
   * ints), buffer (max(classes, max_detections) x boxes ints), selected (min(boxes,
   * max_detections) x boxes ints).
   */
  static void detectionPostprocess(KernelOp op) {
    long boxes = op.inDim(0, 1);
    long classes = 0;
    long maxDetections = 0;
    byte[] custom = op.op().customOptions();
    if (custom != null && custom.length > 0) {
      try {
        com.google.flatbuffers.FlexBuffers.Map m =
            com.google.flatbuffers.FlexBuffers.getRoot(java.nio.ByteBuffer.wrap(custom)).asMap();
        classes = m.get("num_classes").asInt();
        maxDetections = m.get("max_detections").asInt();
      } catch (RuntimeException e) {
        // unreadable options: the runtime refuses the op; count the buffers that do not need them
      }
    }
    op.scratch(boxes);
    op.scratch(boxes * 4 * 4);
    op.scratch(op.inDim(1, 1) * op.inDim(1, 2) * 4);
    op.scratch(boxes * 4);
    op.scratch(boxes * 4);
    op.scratch(maxDetections * boxes * 4);
    op.scratch(maxDetections * boxes * 4);
    op.scratch(boxes * 4);
    op.scratch(maxDetections * boxes * 4);
    op.scratch(Math.max(classes, maxDetections) * boxes * 4);
    op.scratch(Math.min(boxes, maxDetections) * boxes * 4);
  }
}
