package kiln.micro.kernels;

/**
 * What the 16x8 CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED kernels share: each output element
 * is a sum of int8 x int16 products over its receptive field, requantized per output channel (the
 * innermost output dimension) by {@link Int16Requant}. Subclasses say how an element's sum is made;
 * the accessors serve the differential test's rounding-tie check.
 */
public abstract class Int16WeightedKernel extends Kernel {
  final Int16Requant rq;
  final short[] out;
  final int channels;

  Int16WeightedKernel(Int16Requant rq, short[] out, int channels) {
    this.rq = rq;
    this.out = out;
    this.channels = channels;
  }

  /** The sum of products (without bias) behind output element {@code e}. */
  abstract long products(int e);

  @Override
  public void eval() {
    for (int e = 0; e < out.length; e++) {
      out[e] = rq.apply(products(e), e % channels);
    }
  }

  /** The accumulator behind output element {@code e}, as the kernel computes it (bias included). */
  public long accumulatorAt(int e) {
    return rq.accumulator(products(e), e % channels);
  }

  public int multiplierAt(int e) {
    return rq.multiplier[e % channels];
  }

  public int shiftAt(int e) {
    return rq.shift[e % channels];
  }

  /** Clamps a requantized value to the activation range, as eval does. */
  public int clamp(long v) {
    return rq.clamp(v);
  }
}
