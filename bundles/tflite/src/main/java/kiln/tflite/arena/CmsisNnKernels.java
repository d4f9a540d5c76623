package kiln.tflite.arena;

import static kiln.tflite.BuiltinOp.*;

import java.util.Map;
import kiln.tflite.BuiltinOp;
import kiln.tflite.TensorType;
import kiln.tflite.options.Conv2DOptions;
import kiln.tflite.options.DepthwiseConv2DOptions;
import kiln.tflite.options.Padding;

/**
 * TFLite Micro's CMSIS-NN kernels ({@code tensorflow/lite/micro/kernels/cmsis_nn}, what MLTK's
 * boards run) as the arena sees them, for a Cortex-M33 with the DSP extension and no MVE
 * ({@code ARM_MATH_DSP}, not {@code ARM_MATH_MVEI}), built with GCC and TFLite Micro's default
 * {@code KERNELS_OPTIMIZED_FOR_SPEED}. The scratch sizes are CMSIS-NN's {@code *_get_buffer_size}
 * functions (ARM-software/CMSIS-NN at 4ab83cc, the version TFLite Micro downloads), evaluated on
 * that path. Derived from the source only: no board measurement backs these figures.
 */
final class CmsisNnKernels {
  private CmsisNnKernels() {}

  /** The reference table with CMSIS-NN's conv, depthwise conv, fully connected, softmax, pooling. */
  static Map<BuiltinOp, TflmKernels.Kernel> over(Map<BuiltinOp, TflmKernels.Kernel> m) {
    // cmsis_nn/conv.cc OpData: OpDataConv reference_op_data, int buffer_idx
    m.put(CONV_2D, TflmKernels.k(Structs.CONV_PARAMS, Structs.OP_DATA_CONV + "I",
        CmsisNnKernels::conv));
    // cmsis_nn/depthwise_conv.cc OpData: OpDataConv reference_op_data, int buffer_idx
    m.put(DEPTHWISE_CONV_2D, TflmKernels.k(Structs.DEPTHWISE_CONV_PARAMS,
        Structs.OP_DATA_CONV + "I", CmsisNnKernels::depthwiseConv));
    // cmsis_nn/fully_connected.cc OpData: OpDataFullyConnected, buffer_conv_1x1_idx, buffer_idx,
    // kernel_sums, batches, accum_depth, output_depth
    m.put(FULLY_CONNECTED, TflmKernels.k(Structs.FULLY_CONNECTED_PARAMS,
        Structs.OP_DATA_FULLY_CONNECTED + "II" + "P" + "III", CmsisNnKernels::fullyConnected));
    // cmsis_nn/softmax.cc CMSISNNSoftmaxParams: SoftmaxParams, num_rows, row_size
    m.put(SOFTMAX, TflmKernels.k(Structs.SOFTMAX_PARAMS, Structs.SOFTMAX_OP_DATA + "II",
        ReferencePrepare::softmax));
    // cmsis_nn/pooling.cc OpData: OpDataPooling reference_op_data, int buffer_idx
    m.put(AVERAGE_POOL_2D, TflmKernels.k(Structs.POOL_PARAMS, Structs.OP_DATA_POOLING + "I",
        CmsisNnKernels::averagePool));
    m.put(MAX_POOL_2D, TflmKernels.k(Structs.POOL_PARAMS, Structs.OP_DATA_POOLING + "I",
        op -> {}));
    return m;
  }

  /**
   * cmsis_nn/conv.cc Prepare: per-channel multipliers and shifts for int8/int16 inputs only; an
   * int8 input requests arm_convolve_wrapper_s8_get_buffer_size bytes when above 0, an int16 one
   * with an int64 bias or none arm_convolve_wrapper_s16_get_buffer_size = 2 x in_c x kw x kh x 2
   * (arm_convolve_get_buffer_sizes_s16.c without MVE).
   */
  static void conv(KernelOp op) {
    TensorType type = op.inType(0);
    if (type == TensorType.INT8 || type == TensorType.INT16) {
      ReferencePrepare.perChannel(op, op.inDim(1, 0));
    }
    TensorType bias = op.inType(2);
    if (type == TensorType.INT16 && (bias == null || bias == TensorType.INT64)) {
      long bytes = 2L * op.inDim(0, 3) * op.inDim(1, 2) * op.inDim(1, 1) * 2;
      if (bytes > 0) {
        op.scratch(bytes);
      }
    } else if (type == TensorType.INT8) {
      Conv2DOptions o = op.options(Conv2DOptions.class);
      int strideW = o == null ? 1 : o.strideW();
      int strideH = o == null ? 1 : o.strideH();
      int dilW = o == null ? 1 : o.dilationW();
      int dilH = o == null ? 1 : o.dilationH();
      Padding padding = o == null ? Padding.VALID : o.padding();
      int padW = pad(padding, strideW, dilW, op.inDim(0, 2), op.inDim(1, 2), op.outDim(0, 2));
      int padH = pad(padding, strideH, dilH, op.inDim(0, 1), op.inDim(1, 1), op.outDim(0, 1));
      long bytes = convolveWrapperS8BufferSize(padW, padH, strideW, strideH, dilW, dilH,
          op.inDim(0, 3), op.inDim(1, 2), op.inDim(1, 1), op.inDim(1, 3));
      if (bytes > 0) {
        op.scratch(bytes);
      }
    }
  }

  /**
   * arm_convolve_wrapper_s8_get_buffer_size on ARM_MATH_DSP without MVE
   * (arm_convolve_get_buffer_sizes_s8.c): a 1x1 convolution without padding or dilation over all
   * input channels needs nothing (its stride-1 fast path asks 4 x channels only under armclang's
   * __ARMCC_VERSION, 0 under GCC); every other one (1xN included) needs
   * arm_convolve_s8_get_buffer_size = 2 x 2 x (kw x kh x in_c rounded up to 4).
   */
  static long convolveWrapperS8BufferSize(int padW, int padH, int strideW, int strideH, int dilW,
      int dilH, int inC, int kw, int kh, int filterC) {
    boolean oneByOne = padW == 0 && padH == 0 && kw == 1 && kh == 1 && dilW == 1 && dilH == 1
        && inC == filterC;
    if (oneByOne) {
      return 0;
    }
    long rhsCols = (long) kw * kh * inC;
    long aligned = (rhsCols + 3) / 4 * 4;
    return 2 * aligned * 2;
  }

  /**
   * cmsis_nn/depthwise_conv.cc Prepare: per-channel data for int8/int16 inputs; an int8 input with
   * an int8 filter requests arm_depthwise_conv_wrapper_s8_get_buffer_size bytes when above 0.
   */
  static void depthwiseConv(KernelOp op) {
    TensorType type = op.inType(0);
    if (type == TensorType.INT8 || type == TensorType.INT16) {
      ReferencePrepare.perChannel(op, op.inDim(1, 3));
    }
    if (type == TensorType.INT8 && op.inType(1) == TensorType.INT8) {
      DepthwiseConv2DOptions o = op.options(DepthwiseConv2DOptions.class);
      int strideW = o == null ? 1 : o.strideW();
      int strideH = o == null ? 1 : o.strideH();
      int dilW = o == null ? 1 : o.dilationW();
      int dilH = o == null ? 1 : o.dilationH();
      Padding padding = o == null ? Padding.VALID : o.padding();
      int padW = pad(padding, strideW, dilW, op.inDim(0, 2), op.inDim(1, 2), op.outDim(0, 2));
      int padH = pad(padding, strideH, dilH, op.inDim(0, 1), op.inDim(1, 1), op.outDim(0, 1));
      long bytes = depthwiseWrapperS8BufferSize(op.inDim(0, 0), op.inDim(0, 3), op.outDim(0, 3),
          op.inDim(1, 2), op.inDim(1, 1), padW, padH, dilW, dilH);
      if (bytes > 0) {
        op.scratch(bytes);
      }
    }
  }

  /**
   * arm_depthwise_conv_wrapper_s8_get_buffer_size without MVE
   * (arm_depthwise_conv_get_buffer_sizes_s8.c): with in_c == out_c, one batch and no dilation, a
   * 3x3 filter with padding at most 1 needs nothing, others
   * arm_depthwise_conv_s8_opt_get_buffer_size_dsp = in_c x kw x kh x 2; otherwise nothing.
   */
  static long depthwiseWrapperS8BufferSize(int batches, int inC, int outC, int kw, int kh,
      int padW, int padH, int dilW, int dilH) {
    if (inC != outC || batches != 1 || dilW != 1 || dilH != 1) {
      return 0;
    }
    if (kw == 3 && kh == 3 && padH <= 1 && padW <= 1) {
      return 0;
    }
    return (long) inC * kw * kh * 2;
  }

  /**
   * cmsis_nn/fully_connected.cc Prepare (CalculateOpDataFullyConnected's per-channel data as the
   * reference): an int8 input with an int8 filter and output rank above 2 whose accumulation depth
   * is a multiple of 4 takes the conv 1x1 path, which, quantized per tensor, requests
   * output_depth x 2 int32 of scratch (arm_convolve_1x1_s8_fast_get_buffer_size is 0 under GCC);
   * otherwise arm_fully_connected_s8_get_buffer_size is 0 without MVE, so no kernel sums and no
   * scratch. int16: arm_fully_connected_s16_get_buffer_size, also 0 without MVE.
   */
  static void fullyConnected(KernelOp op) {
    ReferencePrepare.fullyConnected(op);
    if (op.inType(0) != TensorType.INT8 || op.inType(1) != TensorType.INT8 || op.out(0) == null) {
      return;
    }
    int[] out = op.out(0).shape();
    int[] filter = op.in(1).shape();
    int accumDepth = filter.length == 0 ? 0 : filter[filter.length - 1];
    boolean perChannel = ReferencePrepare.scales(op.in(1)) > 1;
    if (out.length > 2 && accumDepth % 4 == 0 && !perChannel) {
      op.scratch(4L * 2 * out[out.length - 1]);
    }
  }

  /**
   * cmsis_nn/pooling.cc AveragePrepare: int8 requests arm_avgpool_s8_get_buffer_size_dsp =
   * channels x 4 bytes (int16: arm_avgpool_s16_get_buffer_size, the same on DSP).
   */
  static void averagePool(KernelOp op) {
    TensorType type = op.inType(0);
    if (type == TensorType.INT8 || type == TensorType.INT16) {
      long bytes = 4L * op.outDim(0, 3);
      if (bytes > 0) {
        op.scratch(bytes);
      }
    }
  }

  /**
   * TFLite Micro's padding (kernels/padding.h ComputePaddingHeightWidth): SAME pads
   * max(0, (out - 1) x stride + (k - 1) x dilation + 1 - in) / 2 before; VALID none.
   */
  static int pad(Padding padding, int stride, int dilation, int in, int k, int out) {
    if (padding != Padding.SAME) {
      return 0;
    }
    int effective = (k - 1) * dilation + 1;
    int total = (out - 1) * stride + effective - in;
    return Math.max(total, 0) / 2;
  }
}
