package kiln.api.platform;

/**
 * Keys of {@link LayerInfo#options()}. Values are {@link Integer} for sizes, {@link String} (lower
 * case) for names. A profiler fills the keys an op has; an accelerator treats a missing key as the
 * TFLite default (stride 1, dilation 1, padding valid, activation none, multiplier 1).
 */
public final class LayerOptions {
  /** {@code same} or {@code valid}. */
  public static final String PADDING = "padding";
  /** Stride along the width. */
  public static final String STRIDE_W = "stride_w";
  /** Stride along the height. */
  public static final String STRIDE_H = "stride_h";
  /** Pooling window width. */
  public static final String FILTER_W = "filter_w";
  /** Pooling window height. */
  public static final String FILTER_H = "filter_h";
  /** Dilation along the width. */
  public static final String DILATION_W = "dilation_w";
  /** Dilation along the height. */
  public static final String DILATION_H = "dilation_h";
  /** Depthwise channel multiplier. */
  public static final String DEPTH_MULTIPLIER = "depth_multiplier";
  /** Fused activation: {@code none}, {@code relu}, {@code relu6}, {@code relu_n1_to_1}, {@code tanh}. */
  public static final String ACTIVATION = "activation";
  /** Zero point of the weights tensor (input 1), when quantized per tensor. */
  public static final String WEIGHTS_ZERO_POINT = "weights_zero_point";

  private LayerOptions() {}
}
