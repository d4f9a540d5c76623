package kiln.nn;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.api.KilnException;

/**
 * MobileNet v2 as MLTK's mltk/models/shared/mobilenet_v2.py builds it (Keras' MobileNetV2 with a
 * {@code last_block_filters} argument), from Kiln's layers for specs to use: a strided 3x3 stem,
 * 17 inverted residual blocks (1x1 expand, 3x3 depthwise, 1x1 project; a residual Add where shape
 * allows; Keras' ZeroPadding2D before each strided depthwise), a 1x1 conv, global average pooling
 * and a dense classifier. Convolutions have no bias; batch norms use epsilon 1e-3, momentum 0.999.
 */
public final class MobileNetV2 {
  /** Each block: output filters (before alpha), stride, expansion. */
  private static final int[][] BLOCKS = {
    {16, 1, 1}, {24, 2, 6}, {24, 1, 6}, {32, 2, 6}, {32, 1, 6}, {32, 1, 6}, {64, 2, 6}, {64, 1, 6},
    {64, 1, 6}, {64, 1, 6}, {96, 1, 6}, {96, 1, 6}, {96, 1, 6}, {160, 2, 6}, {160, 1, 6}, {160, 1, 6},
    {320, 1, 6}};

  private MobileNetV2() {}

  /**
   * The classifier's output: MobileNetV2(input_shape, alpha, classes, last_block_filters) with the
   * top included and a softmax.
   *
   * @param lastBlockFilters the last 1x1 conv's filters; 0 for Keras' default (1280, or scaled by
   *     alpha above 1)
   */
  public static Tensor classifier(Tensor input, int classes, double alpha, int lastBlockFilters) {
    if (input.shape().length != 3) {
      throw new KilnException("MobileNetV2: expected an input of shape (height, width, channels), got "
          + java.util.Arrays.toString(input.shape()));
    }
    if (!(alpha > 0)) {
      throw new KilnException("MobileNetV2: alpha must be > 0, got " + alpha);
    }
    Tensor x = new Conv2D(kw("filters", makeDivisible(32 * alpha), "kernel_size", List.of(3, 3),
        "strides", List.of(2, 2), "padding", "same", "use_bias", false)).apply(input);
    x = bnRelu6(x);
    for (int i = 0; i < BLOCKS.length; i++) {
      x = invertedResidual(x, BLOCKS[i][0], BLOCKS[i][1], BLOCKS[i][2], alpha, i == 0);
    }
    int last = lastBlockFilters > 0 ? lastBlockFilters : alpha > 1.0 ? makeDivisible(1280 * alpha) : 1280;
    x = new Conv2D(kw("filters", last, "kernel_size", List.of(1, 1), "use_bias", false)).apply(x);
    x = bnRelu6(x);
    x = new GlobalAveragePooling2D().apply(x);
    return new Dense(kw("units", classes, "activation", "softmax")).apply(x);
  }

  private static Tensor invertedResidual(Tensor in, int filters, int stride, int expansion, double alpha,
      boolean first) {
    int inChannels = in.shape()[2];
    int pointwise = makeDivisible((int) (filters * alpha));
    Tensor x = in;
    if (!first) {
      x = new Conv2D(kw("filters", expansion * inChannels, "kernel_size", List.of(1, 1), "padding", "same",
          "use_bias", false)).apply(x);
      x = bnRelu6(x);
    }
    if (stride == 2) {
      // Keras' correct_pad: one row/column less at the top/left of an even-sized input
      int[] s = x.shape();
      x = new ZeroPadding2D(kw("padding", List.of(List.of(s[0] % 2, 1), List.of(s[1] % 2, 1)))).apply(x);
    }
    x = new DepthwiseConv2D(kw("kernel_size", List.of(3, 3), "strides", List.of(stride, stride),
        "padding", stride == 1 ? "same" : "valid", "use_bias", false)).apply(x);
    x = bnRelu6(x);
    x = new Conv2D(kw("filters", pointwise, "kernel_size", List.of(1, 1), "padding", "same",
        "use_bias", false)).apply(x);
    x = new BatchNormalization(kw("epsilon", 1e-3, "momentum", 0.999)).apply(x);
    return inChannels == pointwise && stride == 1 ? new Add().apply(in, x) : x;
  }

  private static Tensor bnRelu6(Tensor x) {
    x = new BatchNormalization(kw("epsilon", 1e-3, "momentum", 0.999)).apply(x);
    return new ReLU(kw("max_value", 6.0)).apply(x);
  }

  /** Keras' _make_divisible(v, 8): the nearest multiple of 8, at least 8, not under 90% of v. */
  static int makeDivisible(double v) {
    int d = 8;
    int n = Math.max(d, (int) (v + d / 2.0) / d * d);
    return n < 0.9 * v ? n + d : n;
  }
}
