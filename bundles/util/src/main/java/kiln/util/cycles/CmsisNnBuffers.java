package kiln.util.cycles;

/**
 * CMSIS-NN's {@code *_get_buffer_size} functions (ARM-software/CMSIS-NN at 4ab83cc, the version
 * TFLite Micro downloads) evaluated for a Cortex-M33: DSP extension ({@code ARM_MATH_DSP}), no MVE,
 * built with GCC. The scratch each kernel asks TFLite Micro's arena for; the TFLite Micro side
 * (which kernel asks, and when) is in kiln.tflite.arena.CmsisNnKernels and
 * {@link CortexM33CycleModel#scratchBytes}.
 */
public final class CmsisNnBuffers {
  private CmsisNnBuffers() {}

  /**
   * arm_convolve_wrapper_s8_get_buffer_size (arm_convolve_get_buffer_sizes_s8.c): a 1x1
   * convolution without padding or dilation over all input channels needs nothing (its stride-1
   * fast path asks 4 x channels only under armclang, 0 under GCC); every other one (1xN included)
   * arm_convolve_s8_get_buffer_size = 2 x 2 x (kw x kh x in_c rounded up to 4).
   */
  public static long convolveS8(int padW, int padH, int dilW, int dilH, int inC, int kw, int kh,
      int filterC) {
    boolean oneByOne = padW == 0 && padH == 0 && kw == 1 && kh == 1 && dilW == 1 && dilH == 1
        && inC == filterC;
    if (oneByOne) {
      return 0;
    }
    long rhsCols = (long) kw * kh * inC;
    return 2 * ((rhsCols + 3) / 4 * 4) * 2;
  }

  /** arm_convolve_wrapper_s16_get_buffer_size without MVE: 2 x in_c x kw x kh int16s. */
  public static long convolveS16(int inC, int kw, int kh) {
    return 2L * inC * kw * kh * 2;
  }

  /**
   * arm_depthwise_conv_wrapper_s8_get_buffer_size without MVE
   * (arm_depthwise_conv_get_buffer_sizes_s8.c): with in_c == out_c, one batch and no dilation, a
   * 3x3 filter with padding at most 1 needs nothing, others
   * arm_depthwise_conv_s8_opt_get_buffer_size_dsp = in_c x kw x kh x 2; otherwise nothing.
   */
  public static long depthwiseS8(int batches, int inC, int outC, int kw, int kh, int padW,
      int padH, int dilW, int dilH) {
    if (inC != outC || batches != 1 || dilW != 1 || dilH != 1) {
      return 0;
    }
    if (kw == 3 && kh == 3 && padH <= 1 && padW <= 1) {
      return 0;
    }
    return (long) inC * kw * kh * 2;
  }

  /** arm_avgpool_s8_get_buffer_size_dsp (and _s16_): an int32 per channel. */
  public static long averagePool(int channels) {
    return 4L * channels;
  }

  /**
   * TFLite Micro's padding before the data (kernels/padding.h ComputePaddingWithOffset): SAME pads
   * max(0, (out - 1) x stride + (k - 1) x dilation + 1 - in) / 2; VALID none.
   */
  public static int padBefore(boolean same, int stride, int dilation, int in, int k, int out) {
    if (!same) {
      return 0;
    }
    int total = (out - 1) * stride + (k - 1) * dilation + 1 - in;
    return Math.max(total, 0) / 2;
  }
}
