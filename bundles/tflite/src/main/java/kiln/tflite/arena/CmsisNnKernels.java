package kiln.tflite.arena;

import static kiln.tflite.BuiltinOp.*;

import java.util.Map;
import kiln.tflite.BuiltinOp;
import kiln.tflite.TensorType;
import kiln.tflite.options.Conv2DOptions;
import kiln.tflite.options.DepthwiseConv2DOptions;
import kiln.tflite.options.Padding;
import kiln.util.cycles.CmsisNnBuffers;

/**
 * TFLite Micro's CMSIS-NN kernels ({@code tensorflow/lite/micro/kernels/cmsis_nn}, what MLTK's
 * boards run) as the arena sees them, for a Cortex-M33 with the DSP extension and no MVE
 * ({@code ARM_MATH_DSP}, not {@code ARM_MATH_MVEI}), built with GCC and TFLite Micro's default
 * {@code KERNELS_OPTIMIZED_FOR_SPEED}. The scratch sizes are CMSIS-NN's {@code *_get_buffer_size}
 * functions (ARM-software/CMSIS-NN at 4ab83cc, the version TFLite Micro downloads), evaluated on
 * that path ({@link CmsisNnBuffers}). Derived from the source only: no board measurement backs
 * these figures. SVDF and UNIDIRECTIONAL_SEQUENCE_LSTM are CMSIS-NN's too; TFLite Micro's other
 * {@code kernels/cmsis_nn} kernels (add, mul, pad, transpose, maximum_minimum, transpose_conv,
 * batch_matmul) are not modelled here: those ops count as the reference kernels do.
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
    // cmsis_nn/svdf.cc Init: CmsisNnOpDataSvdf; CmsisNnPrepareSvdf requests the reference
    // kernel's scratch buffers, and its kernel sums only when arm_svdf_s8_get_buffer_size is above
    // 0, which it is not without MVE (arm_svdf_s8_get_buffer_size_dsp returns 0)
    m.put(SVDF, TflmKernels.k(Structs.SVDF_PARAMS, Structs.CMSIS_NN_OP_DATA_SVDF,
        ReferencePrepare::svdf));
    // cmsis_nn/unidirectional_sequence_lstm.cc Init: OpData {OpDataLSTM, cmsis_nn_lstm_params}
    m.put(UNIDIRECTIONAL_SEQUENCE_LSTM, TflmKernels.k(Structs.UNIDIRECTIONAL_SEQUENCE_LSTM_PARAMS,
        Structs.CMSIS_NN_LSTM_OP_DATA, CmsisNnKernels::lstm));
    return m;
  }

  /**
   * cmsis_nn/unidirectional_sequence_lstm.cc UnidirectionalSequenceLstmPrepare: an int8 input with
   * an int16 cell state keeps eight int32 kernel sums of state_dimension entries
   * (CMSIS_NN_PortOpData&lt;int32_t&gt;), an int16 input eight int64 ones, and both request three
   * scratch buffers of batch x state cell-state elements; other types request the reference
   * kernel's four.
   */
  static void lstm(KernelOp op) {
    TensorType input = op.inType(0);
    TensorType cell = op.inType(19);
    long state = op.inDim(18, 1);
    int sumBytes = input == TensorType.INT8 && cell == TensorType.INT16 ? 4
        : input == TensorType.INT16 && cell == TensorType.INT16 ? 8 : 0;
    if (sumBytes == 0) {
      ReferencePrepare.lstm(op);
      return;
    }
    for (String sum : new String[] {"input_data", "forget_data", "cell_data", "output_data",
        "input_hidden", "forget_hidden", "cell_hidden", "output_hidden"}) {
      op.persistent(sum + "_kernel_sum", state * sumBytes);
    }
    long bytes = ReferencePrepare.lstmBatch(op) * state * cell.bytes();
    for (int i = 0; i < 3; i++) {
      op.scratch(bytes);
    }
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
      long bytes = CmsisNnBuffers.convolveS16(op.inDim(0, 3), op.inDim(1, 2), op.inDim(1, 1));
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
      boolean same = padding == Padding.SAME;
      int padW = CmsisNnBuffers.padBefore(same, strideW, dilW, op.inDim(0, 2), op.inDim(1, 2),
          op.outDim(0, 2));
      int padH = CmsisNnBuffers.padBefore(same, strideH, dilH, op.inDim(0, 1), op.inDim(1, 1),
          op.outDim(0, 1));
      long bytes = CmsisNnBuffers.convolveS8(padW, padH, dilW, dilH, op.inDim(0, 3),
          op.inDim(1, 2), op.inDim(1, 1), op.inDim(1, 3));
      if (bytes > 0) {
        op.scratch(bytes);
      }
    }
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
      boolean same = padding == Padding.SAME;
      int padW = CmsisNnBuffers.padBefore(same, strideW, dilW, op.inDim(0, 2), op.inDim(1, 2),
          op.outDim(0, 2));
      int padH = CmsisNnBuffers.padBefore(same, strideH, dilH, op.inDim(0, 1), op.inDim(1, 1),
          op.outDim(0, 1));
      long bytes = CmsisNnBuffers.depthwiseS8(op.inDim(0, 0), op.inDim(0, 3), op.outDim(0, 3),
          op.inDim(1, 2), op.inDim(1, 1), padW, padH, dilW, dilH);
      if (bytes > 0) {
        op.scratch(bytes);
      }
    }
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
   * cmsis_nn/pooling.cc AveragePrepare: int8 and int16 request arm_avgpool_s8/s16_get_buffer_size
   * when above 0.
   */
  static void averagePool(KernelOp op) {
    TensorType type = op.inType(0);
    if (type == TensorType.INT8 || type == TensorType.INT16) {
      long bytes = CmsisNnBuffers.averagePool(op.outDim(0, 3));
      if (bytes > 0) {
        op.scratch(bytes);
      }
    }
  }

}
