package kiln.micro.kernels;

/**
 * FULLY_CONNECTED with int16 activations and int8 weights (TFLite's 16x8 quantization), as TFLite
 * Micro's reference_integer_ops::FullyConnected / FullyConnectedPerChannel ({@link Int16Requant}).
 */
public final class FullyConnected16 extends Int16WeightedKernel {
  private final int depth;
  private final short[] in;
  private final byte[] filter;

  private FullyConnected16(int units, int depth, short[] in, byte[] filter, Int16Requant rq, short[] out) {
    super(rq, out, units);
    this.depth = depth;
    this.in = in;
    this.filter = filter;
  }

  static Kernel prepare(Prep p, int batches, int units, int depth) {
    Tensor input = p.in(0);
    Int16Requant rq = Int16Requant.prepare(p, input, p.in(1), p.optIn(2), p.out(0), units, true);
    return new FullyConnected16(units, depth, input.i16, p.in(1).i8, rq, p.out(0).i16);
  }

  @Override
  long products(int e) {
    int inBase = e / channels * depth;
    int fBase = e % channels * depth;
    long acc = 0;
    for (int d = 0; d < depth; d++) {
      acc += filter[fBase + d] * in[inBase + d];
    }
    return acc;
  }
}
