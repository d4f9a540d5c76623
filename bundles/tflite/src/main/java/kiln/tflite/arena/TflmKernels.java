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
 * <p>{@link #REFERENCE} is TFLite Micro's reference kernels ({@code tensorflow/lite/micro/kernels}),
 * checked against {@code arena_used_bytes()}; {@link #CMSIS_NN} replaces the conv, depthwise conv,
 * fully connected, softmax and pooling kernels with {@code kernels/cmsis_nn} ones.
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
   * @param modelled false when only the options are counted (Init and Prepare not modelled yet)
   */
  record Kernel(String params, String opData, Prepare prepare, boolean modelled) {}

  private static final Prepare NOTHING = op -> {};

  /** TFLite Micro's reference kernels. */
  public static final TflmKernels REFERENCE = new TflmKernels("TFLM reference kernels",
      reference());

  /**
   * The reference kernels with CMSIS-NN's conv, depthwise conv, fully connected, softmax and
   * pooling, for a Cortex-M33 (DSP extension, no MVE) built with GCC ({@link CmsisNnKernels}).
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

  /** The kernel of {@code op}, or null when it takes nothing from the arena. */
  Kernel of(BuiltinOp op) {
    return op == null ? null : table.get(op);
  }

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
    // reshape.cc, squeeze.cc, shape.cc, pack.cc, unpack.cc, split*.cc: no Init
    m.put(RESHAPE, k(Structs.RESHAPE_PARAMS, null, NOTHING));
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
    // no Init and nothing in Prepare: expand_dims.cc, arg_min_max.cc, cast.cc, gather.cc,
    // resize_bilinear.cc, resize_nearest_neighbor.cc, depth_to_space.cc, space_to_depth.cc
    m.put(EXPAND_DIMS, k(null, null, NOTHING));
    m.put(ARG_MAX, k(Structs.TYPE_PARAMS, null, NOTHING));
    m.put(ARG_MIN, k(Structs.TYPE_PARAMS, null, NOTHING));
    m.put(CAST, k(Structs.CAST_PARAMS, null, NOTHING));
    m.put(GATHER, k(Structs.TWO_INT_PARAMS, null, NOTHING));
    m.put(RESIZE_BILINEAR, k(Structs.TWO_BOOL_PARAMS, null, NOTHING));
    m.put(RESIZE_NEAREST_NEIGHBOR, k(Structs.TWO_BOOL_PARAMS, null, NOTHING));
    m.put(DEPTH_TO_SPACE, k(Structs.ONE_INT_PARAMS, null, NOTHING));
    m.put(SPACE_TO_DEPTH, k(Structs.ONE_INT_PARAMS, null, NOTHING));
    // kernels with an Init or Prepare allocations not modelled yet: only their parsed options are
    // counted, and the report lists them as not modelled
    m.put(DIV, partial(Structs.MUL_DIV_PARAMS));
    m.put(BATCH_MATMUL, partial(Structs.BATCH_MATMUL_PARAMS));
    m.put(CUMSUM, partial(Structs.TWO_BOOL_PARAMS));
    m.put(MIRROR_PAD, partial(Structs.ONE_INT_PARAMS));
    m.put(CALL_ONCE, partial(Structs.ONE_INT_PARAMS));
    m.put(IF, partial(Structs.TWO_INT_PARAMS));
    m.put(WHILE, partial(Structs.TWO_INT_PARAMS));
    m.put(VAR_HANDLE, partial(Structs.VAR_HANDLE_PARAMS));
    m.put(SVDF, partial(Structs.SVDF_PARAMS));
    m.put(UNIDIRECTIONAL_SEQUENCE_LSTM, partial(Structs.UNIDIRECTIONAL_SEQUENCE_LSTM_PARAMS));
    return m;
  }

  static Kernel k(String params, String opData, Prepare prepare) {
    return new Kernel(params, opData, prepare, true);
  }

  private static Kernel partial(String params) {
    return new Kernel(params, null, NOTHING, false);
  }
}
