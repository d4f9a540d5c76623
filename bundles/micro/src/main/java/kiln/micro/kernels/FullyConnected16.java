package kiln.micro.kernels;

/**
 * FULLY_CONNECTED with int16 activations and int8 weights (TFLite's 16x8 quantization), as TFLite
 * Micro's reference_integer_ops::FullyConnected / FullyConnectedPerChannel ({@link Int16Requant}).
 */
public final class FullyConnected16 extends Kernel {
  private final int batches;
  private final int units;
  private final int depth;
  private final short[] in;
  private final byte[] filter;
  private final Int16Requant rq;
  private final short[] out;

  private FullyConnected16(int batches, int units, int depth, short[] in, byte[] filter, Int16Requant rq,
      short[] out) {
    this.batches = batches;
    this.units = units;
    this.depth = depth;
    this.in = in;
    this.filter = filter;
    this.rq = rq;
    this.out = out;
  }

  static Kernel prepare(Prep p, int batches, int units, int depth) {
    Tensor input = p.in(0);
    Int16Requant rq = Int16Requant.prepare(p, input, p.in(1), p.optIn(2), p.out(0), units, true);
    return new FullyConnected16(batches, units, depth, input.i16, p.in(1).i8, rq, p.out(0).i16);
  }

  private long products(int b, int u) {
    long acc = 0;
    for (int d = 0; d < depth; d++) {
      acc += filter[u * depth + d] * in[b * depth + d];
    }
    return acc;
  }

  @Override
  public void eval() {
    for (int b = 0; b < batches; b++) {
      for (int u = 0; u < units; u++) {
        out[b * units + u] = rq.apply(products(b, u), u);
      }
    }
  }

  /** The accumulator behind output element {@code e}, as the kernel computes it; for tie checks. */
  public long accumulatorAt(int e) {
    return rq.accumulator(products(e / units, e % units), e % units);
  }

  public int multiplierAt(int e) {
    return rq.multiplier[e % units];
  }

  public int shiftAt(int e) {
    return rq.shift[e % units];
  }

  /** Clamps a requantized value to the activation range, as eval does. */
  public int clamp(long v) {
    return rq.clamp(v);
  }
}
