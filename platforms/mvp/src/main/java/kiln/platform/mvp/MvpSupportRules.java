package kiln.platform.mvp;

import java.util.Optional;
import java.util.Set;
import kiln.api.platform.LayerOptions;
import kiln.util.cycles.LayerGeometry;

/**
 * Which ops the EFR32xG24 MVP runs, and why not. The limits are facts of the hardware and of
 * Silicon Labs' MVP kernels: int8 only; array dimensions up to 1024 elements and vector strides
 * within -2048..2047; fully connected: accumulation depth up to 1024, or 2048 when even, output
 * depth and bias length up to 1024, weight zero point 0; conv2d: no dilation, input width x channels
 * and output width x channels up to 2047; depthwise: no dilation (multiplier 1 takes the optimized
 * path, others a general one); pooling: output stride up to 2047; add/mul always, in chunks of
 * 2048. Messages follow the MVP kernels' wording so users can search for them.
 */
final class MvpSupportRules {
  /** Ops the MVP kernels replace; everything else runs on the CPU anyway and is not judged. */
  static final Set<String> ACCELERATED =
      Set.of(
          "conv_2d",
          "depthwise_conv_2d",
          "transpose_conv",
          "fully_connected",
          "add",
          "mul",
          "max_pool_2d",
          "average_pool_2d");

  static final int MAX_DIM = 1024;
  static final int MAX_STRIDE = 2047;

  private MvpSupportRules() {}

  /** The reason the MVP cannot run {@code g}'s op, or empty when it can (or need not). */
  static Optional<String> whyNot(LayerGeometry g) {
    String op = g.layer().opcode();
    if (!ACCELERATED.contains(op)) {
      return Optional.empty();
    }
    String type = g.inputType(0);
    if (!type.isEmpty() && !type.equals("int8")) {
      return Optional.of("input type " + type + " is not int8 (the MVP kernels are int8 only)");
    }
    return switch (op) {
      case "fully_connected" -> fullyConnected(g);
      case "conv_2d", "transpose_conv" -> convolution(g);
      case "depthwise_conv_2d" -> depthwise(g);
      case "max_pool_2d", "average_pool_2d" -> pooling(g);
      default -> Optional.empty();
    };
  }

  /** The deepest accumulation the small-input FC path handles: 2048 when even (parallel MACs). */
  static int maxAccumulationDepth(int depth) {
    return depth % 2 == 0 ? 2 * MAX_DIM : MAX_DIM;
  }

  /**
   * Whether the large-input FC path can run an accumulation of {@code depth}: the loop count
   * (depth / 2 when even) must split into two factors of at most 1024 each.
   */
  static boolean largeInputPathFits(int depth) {
    int loops = depth % 2 == 0 ? depth / 2 : depth;
    for (int n = 1; n <= MAX_DIM; n++) {
      if (loops % n == 0 && loops / n <= MAX_DIM) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String> fullyConnected(LayerGeometry g) {
    int[] w = g.input(1);
    if (w.length != 2) {
      return Optional.of("weights shape has rank " + w.length + ", expected 2");
    }
    int outputDepth = w[0];
    int depth = w[1];
    int max = maxAccumulationDepth(depth);
    if (depth > max) {
      return Optional.of("weights_shape[1] (" + depth + ") > " + max);
    }
    if (outputDepth > MAX_DIM) {
      return Optional.of("output_shape[1] (" + outputDepth + ") > " + MAX_DIM);
    }
    long bias = LayerGeometry.elements(g.input(2));
    if (bias > MAX_DIM) {
      return Optional.of("bias length (" + bias + ") > " + MAX_DIM);
    }
    long batches = outputDepth == 0 ? 0 : g.outputElements() / outputDepth;
    if (batches > MAX_DIM) {
      return Optional.of("batches (" + batches + ") > " + MAX_DIM);
    }
    int zeroPoint = g.intOption(LayerOptions.WEIGHTS_ZERO_POINT, 0);
    if (zeroPoint != 0) {
      return Optional.of("weights zero point (" + zeroPoint + ") is not 0");
    }
    return Optional.empty();
  }

  private static Optional<String> convolution(LayerGeometry g) {
    Optional<String> dilation = dilation(g);
    if (dilation.isPresent()) {
      return dilation;
    }
    int[] in = g.input(0);
    int[] out = g.output(0);
    // Wide 1-D convolutions (height 1 everywhere) take the kernels' conv1d path instead.
    boolean conv1d =
        LayerGeometry.height(in) == 1 && g.filterHeight() == 1 && LayerGeometry.height(out) == 1;
    if (!conv1d) {
      long inStride = (long) LayerGeometry.width(in) * LayerGeometry.channels(in);
      if (inStride > MAX_STRIDE) {
        return Optional.of("Input vector stride (" + inStride + ") exceeded (max=" + MAX_STRIDE + ")");
      }
      Optional<String> o = outputStride(out);
      if (o.isPresent()) {
        return o;
      }
    }
    return dimensions(g);
  }

  private static Optional<String> depthwise(LayerGeometry g) {
    Optional<String> dilation = dilation(g);
    if (dilation.isPresent()) {
      return dilation;
    }
    Optional<String> o = outputStride(g.output(0));
    return o.isPresent() ? o : dimensions(g);
  }

  private static Optional<String> pooling(LayerGeometry g) {
    Optional<String> o = outputStride(g.output(0));
    return o.isPresent() ? o : dimensions(g);
  }

  private static Optional<String> dilation(LayerGeometry g) {
    if (g.intOption(LayerOptions.DILATION_W, 1) != 1
        || g.intOption(LayerOptions.DILATION_H, 1) != 1) {
      return Optional.of("Dilation not supported");
    }
    return Optional.empty();
  }

  private static Optional<String> outputStride(int[] out) {
    long stride = (long) LayerGeometry.width(out) * LayerGeometry.channels(out);
    if (stride > MAX_STRIDE) {
      return Optional.of("Output vector stride (" + stride + ") exceeded (max=" + MAX_STRIDE + ")");
    }
    return Optional.empty();
  }

  /** Height, width and channels of the activation input and the output: at most 1024 each. */
  private static Optional<String> dimensions(LayerGeometry g) {
    for (int side = 0; side < 2; side++) {
      int[] s = side == 0 ? g.input(0) : g.output(0);
      String name = side == 0 ? "input_shape" : "output_shape";
      for (int i = Math.max(s.length - 3, 0); i < s.length; i++) {
        if (s[i] > MAX_DIM) {
          return Optional.of(name + "[" + i + "] (" + s[i] + ") > " + MAX_DIM);
        }
      }
    }
    return Optional.empty();
  }
}
