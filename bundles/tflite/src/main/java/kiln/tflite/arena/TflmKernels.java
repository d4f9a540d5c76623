package kiln.tflite.arena;

import static kiln.tflite.BuiltinOp.*;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import kiln.tflite.BuiltinOp;

/**
 * A set of TFLite Micro kernels as the arena sees them: per builtin op, the options struct its
 * parser allocates, the OpData its Init allocates and what its Prepare allocates or requests. One
 * line per op (a kernel's whole arena use is one {@code m.put(OP, k(options, opData, prepare))});
 * an op without a line is not modelled, and {@link ArenaReport#unmodelledOps()} names it.
 *
 * <p>{@link #REFERENCE} is TFLite Micro's reference kernels ({@code tensorflow/lite/micro/kernels}):
 * the lines of the ops in the measured fixtures (ADD, AVERAGE_POOL_2D, CONV_2D, DEPTHWISE_CONV_2D,
 * DEQUANTIZE, FULLY_CONNECTED, PACK, QUANTIZE, RESHAPE, SHAPE, int8 SOFTMAX, STRIDED_SLICE) are
 * checked against {@code arena_used_bytes()}; every other line is read from the named source only
 * and checked against figures worked out by hand. {@link #CMSIS_NN} replaces the conv, depthwise
 * conv, fully connected, softmax and pooling kernels with {@code kernels/cmsis_nn} ones.
 */
public final class TflmKernels {
  /** What op {@code op} asks of the arena while it is prepared. */
  @FunctionalInterface
  interface Prepare {
    void run(KernelOp op);
  }

  /**
   * One op's kernel.
   *
   * @param params the builtin options struct ({@link Structs}), null when the parser allocates none
   * @param opData the struct Init allocates (16-aligned), null when the kernel has no Init
   * @param prepare the Prepare's persistent buffers and scratch requests
   */
  record Kernel(String params, String opData, Prepare prepare) {}

  private static final Prepare NOTHING = op -> {};

  /** TFLite Micro's reference kernels. */
  public static final TflmKernels REFERENCE = new TflmKernels("TFLM reference kernels",
      reference());

  /**
   * The reference kernels with CMSIS-NN's conv, depthwise conv, fully connected, softmax,
   * pooling, SVDF and LSTM, for a Cortex-M33 (DSP extension, no MVE) built with GCC ({@link CmsisNnKernels}).
   */
  public static final TflmKernels CMSIS_NN = new TflmKernels(
      "TFLM with CMSIS-NN kernels (Cortex-M33, DSP, no MVE)", CmsisNnKernels.over(reference()));

  private final String name;
  private final Map<BuiltinOp, Kernel> table;

  private TflmKernels(String name, Map<BuiltinOp, Kernel> table) {
    this.name = name;
    this.table = Collections.unmodifiableMap(table);
  }

  public String name() {
    return name;
  }

  /** The kernel of {@code op}, or null when it is not modelled. */
  Kernel of(BuiltinOp op) {
    return op == null ? null : table.get(op);
  }

  /** The kernel of an operator: a builtin by its op, a custom op by its code; null when not modelled. */
  Kernel of(kiln.tflite.Operator op) {
    if (op.op() == BuiltinOp.CUSTOM) {
      String code = op.code().customCode(); // a damaged file may have none
      return code == null ? null : CUSTOM.get(code);
    }
    return of(op.op());
  }

  /**
   * TFLite Micro's custom ops, by custom code: no builtin data (their flexbuffer options are read in
   * Init). CIRCULAR_BUFFER's Init keeps an OpDataCircularBuffer {int cycles_until_run; int
   * cycles_max;} (circular_buffer.h) and Prepare allocates nothing; DETECTION_POSTPROCESS
   * (TFLite_Detection_PostProcess) keeps its OpData and requests eleven scratch buffers.
   */
  private static final Map<String, Kernel> CUSTOM = Map.of(
      "CIRCULAR_BUFFER", new Kernel(null, "II", NOTHING),
      // detection_postprocess.cc OpData: max_detections, max_classes_per_detection,
      // detections_per_class, nms score and iou thresholds, num_classes, use_regular_nms (bool),
      // scale_values (4 floats), 11 scratch indices, 3 TfLiteQuantizationParams {scale, zero_point}
      "TFLite_Detection_PostProcess", new Kernel(null, "IIIIIIB" + "IIII" + "I".repeat(11) + "IIIIII", // floats are 4-byte I fields
          ReferencePrepare::detectionPostprocess));

  @Override
  public String toString() {
    return name;
  }

  // Sources: params from the op's Parse* function (core/api/flatbuffer_conversions.cc) as the
  // MicroMutableOpResolver registers it; OpData from the kernel's Init; prepare from its Prepare.
  private static Map<BuiltinOp, Kernel> reference() {
    Map<BuiltinOp, Kernel> m = new EnumMap<>(BuiltinOp.class);
    // conv.cc / conv_common.cc ConvPrepare
    m.put(CONV_2D, k(Structs.CONV_PARAMS, Structs.OP_DATA_CONV, ReferencePrepare::conv));
    // depthwise_conv.cc / depthwise_conv_common.cc DepthwiseConvPrepare
    m.put(DEPTHWISE_CONV_2D, k(Structs.DEPTHWISE_CONV_PARAMS, Structs.OP_DATA_CONV,
        ReferencePrepare::depthwiseConv));
    // fully_connected.cc FullyConnectedPrepare, fully_connected_common.cc
    m.put(FULLY_CONNECTED, k(Structs.FULLY_CONNECTED_PARAMS, Structs.OP_DATA_FULLY_CONNECTED,
        ReferencePrepare::fullyConnected));
    // pooling.cc PoolingPrepare
    m.put(AVERAGE_POOL_2D, k(Structs.POOL_PARAMS, Structs.OP_DATA_POOLING, NOTHING));
    m.put(MAX_POOL_2D, k(Structs.POOL_PARAMS, Structs.OP_DATA_POOLING, NOTHING));
    m.put(L2_POOL_2D, k(Structs.POOL_PARAMS, null, NOTHING)); // l2_pool_2d.cc: no Init
    // softmax_common.cc SoftmaxInit, SoftmaxPrepare (int16 lookup tables)
    m.put(SOFTMAX, k(Structs.SOFTMAX_PARAMS, Structs.SOFTMAX_OP_DATA, ReferencePrepare::softmax));
    // reshape.cc (reshape_common.cc ReshapeOutput), squeeze.cc, shape.cc, pack.cc, unpack.cc,
    // split.cc, split_v.cc: no Init
    m.put(RESHAPE, k(Structs.RESHAPE_PARAMS, null, ReferencePrepare::reshape));
    m.put(SQUEEZE, k(Structs.SQUEEZE_PARAMS, null, NOTHING));
    m.put(SHAPE, k(Structs.TYPE_PARAMS, null, NOTHING));
    m.put(PACK, k(Structs.PACK_PARAMS, null, NOTHING));
    m.put(UNPACK, k(Structs.PACK_PARAMS, null, NOTHING));
    m.put(SPLIT, k(Structs.ONE_INT_PARAMS, null, NOTHING));
    m.put(SPLIT_V, k(Structs.ONE_INT_PARAMS, null, NOTHING));
    // activations.cc ReluInit / Relu6Init, logistic.cc, tanh.cc, leaky_relu.cc, hard_swish.cc
    m.put(RELU, k(null, Structs.RELU_OP_DATA, NOTHING));
    m.put(RELU6, k(null, Structs.RELU6_OP_DATA, NOTHING));
    m.put(LOGISTIC, k(null, Structs.OP_DATA_LOGISTIC, NOTHING));
    m.put(TANH, k(null, Structs.OP_DATA_LOGISTIC, NOTHING));
    m.put(LEAKY_RELU, k(Structs.LEAKY_RELU_PARAMS, Structs.LEAKY_RELU_OP_DATA, NOTHING));
    m.put(HARD_SWISH, k(null, Structs.HARD_SWISH_PARAMS, NOTHING));
    // add.cc AddInit, sub.cc SubInit, mul_common.cc MulInit
    m.put(ADD, k(Structs.ADD_SUB_PARAMS, Structs.OP_DATA_ADD, NOTHING));
    m.put(SUB, k(Structs.ADD_SUB_PARAMS, Structs.OP_DATA_SUB, NOTHING));
    m.put(MUL, k(Structs.MUL_DIV_PARAMS, Structs.OP_DATA_MUL, NOTHING));
    // reduce.cc InitReduce, reduce_common.cc PrepareMeanOrSumHelper / PrepareMinMaxHelper
    m.put(MEAN, k(Structs.REDUCER_PARAMS, Structs.OP_DATA_REDUCE, ReferencePrepare::meanOrSum));
    m.put(SUM, k(Structs.REDUCER_PARAMS, Structs.OP_DATA_REDUCE, ReferencePrepare::meanOrSum));
    m.put(REDUCE_MAX, k(Structs.REDUCER_PARAMS, Structs.OP_DATA_REDUCE, ReferencePrepare::minMax));
    m.put(REDUCE_MIN, k(Structs.REDUCER_PARAMS, Structs.OP_DATA_REDUCE, ReferencePrepare::minMax));
    m.put(REDUCE_ALL, k(Structs.REDUCER_PARAMS, Structs.OP_DATA_REDUCE, ReferencePrepare::minMax));
    // pad_common.cc PadInit (PAD and PADV2 parse no options)
    m.put(PAD, k(null, Structs.PAD_OP_DATA, NOTHING));
    m.put(PADV2, k(null, Structs.PAD_OP_DATA, NOTHING));
    // concatenation.cc Init
    m.put(CONCATENATION, k(Structs.CONCATENATION_PARAMS, Structs.CONCATENATION_OP_DATA, NOTHING));
    // transpose_conv.cc TransposeConvInit, TransposeConvPrepare
    m.put(TRANSPOSE_CONV, k(Structs.TRANSPOSE_CONV_PARAMS, Structs.TRANSPOSE_CONV_OP_DATA,
        ReferencePrepare::transposeConv));
    // strided_slice_common.cc StridedSliceInit
    m.put(STRIDED_SLICE, k(Structs.STRIDED_SLICE_PARAMS, Structs.STRIDED_SLICE_OP_DATA, NOTHING));
    // quantize.cc Init, dequantize.cc DequantizeInit (their parsers allocate nothing)
    m.put(QUANTIZE, k(null, Structs.QUANTIZE_OP_DATA, NOTHING));
    m.put(DEQUANTIZE, k(null, Structs.DEQUANTIZE_OP_DATA, NOTHING));
    // no Init and nothing in Prepare: expand_dims.cc, arg_min_max.cc, cast.cc,
    // resize_bilinear.cc, resize_nearest_neighbor.cc
    m.put(EXPAND_DIMS, k(null, null, NOTHING));
    m.put(ARG_MAX, k(Structs.TYPE_PARAMS, null, NOTHING));
    m.put(ARG_MIN, k(Structs.TYPE_PARAMS, null, NOTHING));
    m.put(CAST, k(Structs.CAST_PARAMS, null, NOTHING));
    m.put(RESIZE_BILINEAR, k(Structs.TWO_BOOL_PARAMS, null, NOTHING));
    m.put(RESIZE_NEAREST_NEIGHBOR, k(Structs.TWO_BOOL_PARAMS, null, NOTHING));
    // no Init; Prepare moves the output dims to the persistent arena
    // (CreateWritableTensorDimsWithCopy): gather.cc, gather_nd.cc, depth_to_space.cc,
    // space_to_depth.cc, l2_pool_2d.cc
    m.put(GATHER, k(Structs.TWO_INT_PARAMS, null, ReferencePrepare::outputDims));
    m.put(GATHER_ND, k(null, null, ReferencePrepare::outputDims));
    m.put(DEPTH_TO_SPACE, k(Structs.ONE_INT_PARAMS, null, ReferencePrepare::outputDims));
    m.put(SPACE_TO_DEPTH, k(Structs.ONE_INT_PARAMS, null, ReferencePrepare::outputDims));
    m.put(L2_POOL_2D, k(Structs.POOL_PARAMS, null, ReferencePrepare::outputDims));
    // embedding_lookup.cc EmbeddingLookUpPrepare: output dims, then its OpData (no Init)
    m.put(EMBEDDING_LOOKUP, k(null, null, ReferencePrepare::embeddingLookup));
    // elementwise.cc: ABS and RSQRT have ElementWiseAbsRsqrtInit; SIN, COS, LOG, SQRT, SQUARE,
    // LOGICAL_NOT no Init; neg.cc, exp.cc, floor.cc, ceil.cc, round.cc no Init. None of their
    // parsers allocates.
    m.put(ABS, k(null, Structs.OP_DATA_ABS_RSQRT, NOTHING));
    m.put(RSQRT, k(null, Structs.OP_DATA_ABS_RSQRT, NOTHING));
    for (BuiltinOp op : new BuiltinOp[] {SIN, COS, LOG, SQRT, SQUARE, LOGICAL_NOT, NEG, EXP, FLOOR,
        CEIL, ROUND}) {
      m.put(op, k(null, null, NOTHING));
    }
    // elu.cc Init: OpData, an int8 table of 256 entries
    m.put(ELU, k(null, Structs.ELU_OP_DATA, NOTHING));
    // prelu.cc PreluInit: PreluParams
    m.put(PRELU, k(null, Structs.PRELU_PARAMS, NOTHING));
    // maximum_minimum.cc, floor_div.cc, floor_mod.cc, logical.cc: no Init, nothing in Prepare
    for (BuiltinOp op : new BuiltinOp[] {MAXIMUM, MINIMUM, FLOOR_DIV, FLOOR_MOD, LOGICAL_AND,
        LOGICAL_OR}) {
      m.put(op, k(null, null, NOTHING));
    }
    // squared_difference.cc SquaredDifferenceInit: OpData {bool, ArithmeticParams}
    m.put(SQUARED_DIFFERENCE, k(null, Structs.SQUARED_DIFFERENCE_OP_DATA, NOTHING));
    // div.cc DivInit: OpDataDiv (ParseDiv: TfLiteDivParams)
    m.put(DIV, k(Structs.MUL_DIV_PARAMS, Structs.OP_DATA_DIV, NOTHING));
    // comparisons.cc Init: OpData {ComparisonParams}
    for (BuiltinOp op : new BuiltinOp[] {EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER,
        GREATER_EQUAL}) {
      m.put(op, k(null, Structs.COMPARISON_OP_DATA, NOTHING));
    }
    // select.cc SelectInit: OpData {requires_broadcast}
    m.put(SELECT_V2, k(null, Structs.SELECT_OP_DATA, NOTHING));
    // add_n.cc: no Init; Prepare's scratch pointers (and int8 OpData)
    m.put(ADD_N, k(null, null, ReferencePrepare::addN));
    // cumsum.cc: no Init; int8 OpData in Prepare (ParseCumsum: TfLiteCumsumParams)
    m.put(CUMSUM, k(Structs.TWO_BOOL_PARAMS, null, ReferencePrepare::cumsum));
    // log_softmax.cc: no Init; int8 LogSoftmaxOpData in Prepare
    m.put(LOG_SOFTMAX, k(null, null, ReferencePrepare::logSoftmax));
    // l2norm.cc L2NormInit: L2NormalizationParams (ParseL2Normalization: TfLiteL2NormParams)
    m.put(L2_NORMALIZATION, k(Structs.L2_NORM_PARAMS, Structs.L2_NORMALIZATION_OP_DATA,
        NOTHING));
    // slice.cc, transpose.cc, batch_to_space_nd.cc, fill.cc, zeros_like.cc, broadcast_to.cc,
    // broadcast_args.cc, reverse.cc, dynamic_update_slice.cc: no Init, nothing in Prepare
    for (BuiltinOp op : new BuiltinOp[] {SLICE, TRANSPOSE, BATCH_TO_SPACE_ND, FILL, ZEROS_LIKE,
        BROADCAST_TO, BROADCAST_ARGS, REVERSE_V2, DYNAMIC_UPDATE_SLICE}) {
      m.put(op, k(null, null, NOTHING));
    }
    // space_to_batch_nd.cc SpaceToBatchNDInit: SpaceToBatchParams
    m.put(SPACE_TO_BATCH_ND, k(null, Structs.SPACE_TO_BATCH_PARAMS, NOTHING));
    // mirror_pad.cc Init: OpDataMirrorPad; Prepare: two scratch buffers
    m.put(MIRROR_PAD, k(Structs.ONE_INT_PARAMS, Structs.OP_DATA_MIRROR_PAD,
        ReferencePrepare::mirrorPad));
    // batch_matmul.cc BatchMatMulInit: OpDataBatchMatmul; Prepare: quantization and transposes
    m.put(BATCH_MATMUL, k(Structs.BATCH_MATMUL_PARAMS, Structs.OP_DATA_BATCH_MATMUL,
        ReferencePrepare::batchMatmul));
    // svdf.cc Init: OpDataSvdf; svdf_common.cc PrepareSvdf: scratch (its state is a variable
    // tensor, allocated with the others)
    m.put(SVDF, k(Structs.SVDF_PARAMS, Structs.OP_DATA_SVDF, ReferencePrepare::svdf));
    // unidirectional_sequence_lstm.cc Init: OpDataLSTM; Prepare: four scratch buffers (hidden
    // and cell states are variable tensors)
    m.put(UNIDIRECTIONAL_SEQUENCE_LSTM, k(Structs.UNIDIRECTIONAL_SEQUENCE_LSTM_PARAMS,
        Structs.OP_DATA_LSTM, ReferencePrepare::lstm));
    // var_handle.cc VarHandleInit: OpData {resource_id}; read_variable.cc and
    // assign_variable.cc: no Init (without USE_TFLM_COMPRESSION); ASSIGN_VARIABLE's Prepare
    // allocates the variable's buffer
    m.put(VAR_HANDLE, k(Structs.VAR_HANDLE_PARAMS, Structs.VAR_HANDLE_OP_DATA,
        ReferencePrepare::varHandle));
    m.put(READ_VARIABLE, k(null, null, NOTHING));
    m.put(ASSIGN_VARIABLE, k(null, null, ReferencePrepare::assignVariable));
    // call_once.cc, if.cc, while.cc Init: their subgraph indices (their subgraphs' tensors and
    // nodes are allocated with the model's, see ArenaModel)
    m.put(CALL_ONCE, k(Structs.ONE_INT_PARAMS, Structs.CALL_ONCE_OP_DATA, NOTHING));
    m.put(IF, k(Structs.TWO_INT_PARAMS, Structs.TWO_SUBGRAPH_OP_DATA, NOTHING));
    m.put(WHILE, k(Structs.TWO_INT_PARAMS, Structs.TWO_SUBGRAPH_OP_DATA, NOTHING));
    return m;
  }

  static Kernel k(String params, String opData, Prepare prepare) {
    return new Kernel(params, opData, prepare);
  }

}
