package kiln.tflite;

/**
 * The limits the reader holds every .tflite to before anything is allocated for it, so a file
 * from elsewhere cannot make Kiln allocate gigabytes or overflow an index. Real models are far
 * below each of them.
 */
public final class ModelLimits {
  private ModelLimits() {}

  /** The most bytes one tensor may take (1 GiB). */
  public static final long MAX_TENSOR_BYTES = 1L << 30;

  /** The most elements one tensor may hold (2^30). */
  public static final long MAX_TENSOR_ELEMENTS = 1L << 30;

  /** The most dimensions a tensor shape may have. */
  public static final int MAX_RANK = 16;

  /**
   * The largest stride, dilation, pooling window and depth multiplier an operator may ask for
   * (65,536), and the largest extent a dilated filter may cover is {@link #MAX_TENSOR_ELEMENTS}.
   */
  public static final int MAX_WINDOW = 1 << 16;
}
