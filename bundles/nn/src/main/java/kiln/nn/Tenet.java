package kiln.nn;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.api.KilnException;

/**
 * The temporal efficient neural network (TENet) of MLTK's mltk/models/shared/tenet.py, built from
 * Kiln's layers for specs to use (as MLTK's specs import it from mltk.models.shared): a
 * spectrogram laid out as [T, 1, F] goes through a 3x1 convolution and {@code blocks x blockDepth}
 * inverted bottleneck blocks (1x1 expand by 3, temporal depthwise convolution, 1x1 contract, with a
 * residual; the first block of each group strides by 2 in time), then average pooling over time
 * and a dense softmax head.
 *
 * <p>MLTK's multi-scale temporal convolution sums depthwise (k x 1) convolutions of several widths;
 * with one scale (TENet12's default, {@code [9]}) it is a single depthwise convolution. With several
 * it is built here as the sum of its branches, unfused (MLTK fuses them into one after training).
 */
public final class Tenet {
  private Tenet() {}

  /** TENet12: 3 blocks of depth 4 by default; MLTK's specs override channels and blocks. */
  public static Tensor tenet12(Tensor input, int classes, int channels, int blocks) {
    return tenet(input, classes, channels, blocks, 4, List.of(9), true, 0.1);
  }

  /**
   * MLTK's TENet(...).
   *
   * @param input a tensor of shape [T, 1, F]
   * @param includeHead false: return the last block's output (no pooling or classifier)
   */
  public static Tensor tenet(Tensor input, int classes, int channels, int blocks, int blockDepth,
      List<Integer> scales, boolean includeHead, double dropout) {
    int[] s = input.shape();
    if (s.length != 3 || s[1] != 1) {
      throw new KilnException("TENet: expected an input of shape (T, 1, C), got " + java.util.Arrays.toString(s));
    }
    for (int scale : scales) {
      if (scale < 3 || scale % 2 != 1) {
        throw new KilnException("TENet: expected odd temporal scales >= 3, got " + scales);
      }
    }
    Tensor x = new Conv2D(kw("filters", channels, "kernel_size", List.of(3, 1), "padding", "same",
        "use_bias", true)).apply(input);
    x = new BatchNormalization().apply(x);
    for (int layer = 0; layer < blocks * blockDepth; layer++) {
      x = invertedBottleneck(x, channels, layer % blockDepth == 0 ? 2 : 1, 3, scales);
    }
    if (!includeHead) {
      return x;
    }
    x = new AveragePooling2D(x.shape()[0], 1).apply(x);
    x = new Flatten().apply(x);
    x = new Dropout(dropout).apply(x);
    return new Dense(kw("units", classes, "activation", "softmax")).apply(x);
  }

  /** MLTK's InvertedBottleneckBlock. */
  static Tensor invertedBottleneck(Tensor in, int channels, int stride, int expansion, List<Integer> scales) {
    if (stride == 1 && in.shape()[2] != channels) {
      throw new KilnException("TENet: a block of stride 1 keeps its channels: input has " + in.shape()[2]
          + ", block has " + channels);
    }
    Tensor x = new Conv2D(kw("filters", channels * expansion, "kernel_size", List.of(1, 1), "use_bias", false))
        .apply(in);
    x = new ReLU().apply(new BatchNormalization().apply(x));
    x = multiScaleTemporalConv(x, stride, scales);
    x = new ReLU().apply(new BatchNormalization().apply(x));
    x = new Conv2D(kw("filters", channels, "kernel_size", List.of(1, 1), "use_bias", false)).apply(x);
    x = new BatchNormalization().apply(x);
    Tensor residual = in;
    if (stride != 1) {
      residual = new Conv2D(kw("filters", channels, "kernel_size", List.of(1, 1), "strides", List.of(stride, stride),
          "padding", "same", "use_bias", false)).apply(in);
      residual = new ReLU().apply(new BatchNormalization().apply(residual));
    }
    return new ReLU().apply(new Add().apply(x, residual));
  }

  private static Tensor multiScaleTemporalConv(Tensor x, int stride, List<Integer> scales) {
    Tensor[] branches = new Tensor[scales.size()];
    for (int i = 0; i < branches.length; i++) {
      branches[i] = new DepthwiseConv2D(kw("kernel_size", List.of(scales.get(i), 1), "strides", List.of(stride, stride),
          "padding", "same", "use_bias", false)).apply(x);
    }
    return branches.length == 1 ? branches[0] : new Add().apply(branches);
  }
}
