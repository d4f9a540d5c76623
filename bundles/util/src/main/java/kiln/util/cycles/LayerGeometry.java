package kiln.util.cycles;

import java.util.Map;
import kiln.api.platform.LayerInfo;
import kiln.api.platform.LayerOptions;

/**
 * The sizes a cycle model reads off a {@link LayerInfo}: element counts, NHWC dimensions, filter
 * size, strides, the SAME padding TFLite applies and the multiply-accumulates. Absent tensors and
 * shapes count as empty, so a model never fails on an op it does not know.
 */
public final class LayerGeometry {
  private final LayerInfo layer;

  public LayerGeometry(LayerInfo layer) {
    this.layer = layer;
  }

  public LayerInfo layer() {
    return layer;
  }

  /** The shape of input {@code i}, or an empty array when absent. */
  public int[] input(int i) {
    if (i >= layer.inputShapes().size() || layer.inputShapes().get(i) == null) {
      return new int[0];
    }
    return layer.inputShapes().get(i);
  }

  /** The shape of output {@code i}, or an empty array when absent. */
  public int[] output(int i) {
    if (i >= layer.outputShapes().size() || layer.outputShapes().get(i) == null) {
      return new int[0];
    }
    return layer.outputShapes().get(i);
  }

  /** The number of elements of a shape; 0 for an empty one. */
  public static long elements(int[] shape) {
    if (shape.length == 0) {
      return 0;
    }
    long n = 1;
    for (int d : shape) {
      n *= Math.max(d, 0);
    }
    return n;
  }

  public long inputElements() {
    return elements(input(0));
  }

  public long outputElements() {
    return elements(output(0));
  }

  /**
   * Multiply-accumulates: the count the layer carries (Kiln's op counter fills it in), or, when it
   * carries none, the count from the shapes ({@link #shapeMacs()}).
   */
  public long macs() {
    return layer.macs() > 0 ? layer.macs() : shapeMacs();
  }

  /**
   * Multiply-accumulates of a convolution, depthwise convolution, transposed convolution or fully
   * connected layer from its shapes (weights {@code [out, kh, kw, in]}, {@code [1, kh, kw, out]},
   * {@code [out, kh, kw, in]} or {@code [out, in]}); 0 for other ops.
   */
  public long shapeMacs() {
    int[] w = input(1);
    long out = outputElements();
    return switch (layer.opcode()) {
      case "conv_2d" -> w.length == 4 ? (long) w[1] * w[2] * w[3] * out : 0;
      case "depthwise_conv_2d" -> w.length == 4 ? (long) w[1] * w[2] * out : 0;
      case "transpose_conv" -> w.length == 4 ? (long) w[1] * w[2] * w[0] * elements(input(2)) : 0;
      case "fully_connected" -> w.length == 2 ? (long) w[1] * out : 0;
      default -> 0;
    };
  }

  /** Dimension {@code i} counted from the end (0 = last), or 1 when the shape is shorter. */
  public static int fromEnd(int[] shape, int i) {
    return shape.length > i ? shape[shape.length - 1 - i] : 1;
  }

  /** Height of an NHWC shape. */
  public static int height(int[] shape) {
    return fromEnd(shape, 2);
  }

  /** Width of an NHWC shape. */
  public static int width(int[] shape) {
    return fromEnd(shape, 1);
  }

  /** Channels (last dimension). */
  public static int channels(int[] shape) {
    return fromEnd(shape, 0);
  }

  /** Filter height: weights {@code [out, kh, kw, in]} for convolutions, else the pooling option. */
  public int filterHeight() {
    int[] w = input(1);
    return w.length == 4 ? w[1] : intOption(LayerOptions.FILTER_H, 1);
  }

  /** Filter width, as {@link #filterHeight()}. */
  public int filterWidth() {
    int[] w = input(1);
    return w.length == 4 ? w[2] : intOption(LayerOptions.FILTER_W, 1);
  }

  public int strideH() {
    return intOption(LayerOptions.STRIDE_H, 1);
  }

  public int strideW() {
    return intOption(LayerOptions.STRIDE_W, 1);
  }

  public boolean samePadding() {
    return "same".equalsIgnoreCase(stringOption(LayerOptions.PADDING, "valid"));
  }

  /** Total rows of padding TFLite adds for SAME (0 for VALID), dilation 1. */
  public int padRows() {
    return samePadding()
        ? Math.max((height(output(0)) - 1) * strideH() + filterHeight() - height(input(0)), 0)
        : 0;
  }

  /** Total columns of padding TFLite adds for SAME (0 for VALID), dilation 1. */
  public int padColumns() {
    return samePadding()
        ? Math.max((width(output(0)) - 1) * strideW() + filterWidth() - width(input(0)), 0)
        : 0;
  }

  /**
   * Output rows plus output columns whose window is clipped by SAME padding: padding is split
   * before/after (before = total / 2), and each side clips ceil(pad / stride) output lines.
   */
  public int clippedOutputLines() {
    int ph = padRows();
    int pw = padColumns();
    return ceilDiv(ph / 2, strideH())
        + ceilDiv(ph - ph / 2, strideH())
        + ceilDiv(pw / 2, strideW())
        + ceilDiv(pw - pw / 2, strideW());
  }

  /** Output pixels (height x width) of an NHWC output. */
  public long outputPixels() {
    int[] o = output(0);
    return (long) height(o) * width(o);
  }

  /** Type name of input {@code i}, or empty when unknown. */
  public String inputType(int i) {
    return i < layer.inputTypes().size() && layer.inputTypes().get(i) != null
        ? layer.inputTypes().get(i)
        : "";
  }

  public int intOption(String key, int absent) {
    Map<String, Object> options = layer.options();
    Object v = options == null ? null : options.get(key);
    if (v instanceof Number n) {
      return n.intValue();
    }
    if (v instanceof String s) {
      try {
        return Integer.parseInt(s.trim());
      } catch (NumberFormatException e) {
        return absent;
      }
    }
    return absent;
  }

  public String stringOption(String key, String absent) {
    Map<String, Object> options = layer.options();
    Object v = options == null ? null : options.get(key);
    return v == null ? absent : v.toString();
  }

  static int ceilDiv(int a, int b) {
    return b <= 0 ? a : (a + b - 1) / b;
  }
}
