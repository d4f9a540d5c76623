package kiln.micro.kernels;

/**
 * Builds the Vector API kernels. Callers reach the vector classes only through these methods,
 * whose signatures name no vector type, and only when {@link VectorSupport#enabled()}; so without
 * {@code jdk.incubator.vector} none of them is ever loaded. Each returns null where the vector
 * path does not apply (then the scalar kernel runs).
 */
final class VecKernels {
  private VecKernels() {}

  /** CONV_2D of one group. */
  static Int8Eval conv(Conv2D.Geometry g, byte[] in, byte[] filter, Requant rq, byte[] out) {
    if (g.groups != 1 || !VecRequant.supports(rq, g.outD)) {
      return null;
    }
    return VecConv.conv(g, in, filter, rq, out);
  }

  /**
   * DEPTHWISE_CONV_2D with at least one whole vector of channels: with fewer (micro_speech's 8)
   * most lanes idle and the scalar kernel was measured twice as fast.
   */
  static Int8Eval depthwise(DepthwiseConv2D.Geometry g, byte[] in, byte[] filter, Requant rq,
      byte[] out) {
    if (g.outD < VecRequant.S.length() || !VecRequant.supports(rq, g.outD)) {
      return null;
    }
    return new VecDepthwise(g, in, filter, rq, out);
  }

  static Int8Eval fullyConnected(int batches, int units, int depth, byte[] in, byte[] filter,
      int filterOffset, Requant rq, byte[] out) {
    if (!VecRequant.supports(rq, units)) {
      return null;
    }
    return VecConv.fullyConnected(batches, units, depth, in, filter, filterOffset, rq, out);
  }

  /** Int8 AVERAGE_POOL_2D, for windows of fewer than {@link Pool2D.Int8Pool#MAX_MAGIC_COUNT}. */
  static Int8Eval averagePool(Pool2D.Geometry g, byte[] in, byte[] out, int min, int max) {
    return g.fH * g.fW < Pool2D.Int8Pool.MAX_MAGIC_COUNT ? new VecAvgPool(g, in, out, min, max)
        : null;
  }
}
