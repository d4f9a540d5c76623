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
}
