package kiln.spec.data;

import java.nio.file.Path;
import kiln.api.KilnException;
import kiln.image.ColorMode;
import kiln.image.Image;
import kiln.image.ImageLoader;
import kiln.image.Interpolation;
import kiln.image.Resize;

/**
 * Image file steps for a spec's {@link FileDecoder}: reading with Kiln's image loader (PNG, JPEG,
 * BMP through javax.imageio), Keras' {@code smart_resize}, and TensorFlow's
 * {@code per_image_standardization}, {@code adjust_hue} and {@code adjust_saturation}.
 */
public final class ImageFiles {
  private ImageFiles() {}

  /**
   * {@code file} as HWC floats in 0..255 with {@code channels} channels (1: gray, 3: RGB, 4: RGBA),
   * brought to {@code height x width} by {@link #smartResize}.
   */
  public static float[] read(Path file, int height, int width, int channels) {
    ColorMode mode = switch (channels) {
      case 1 -> ColorMode.GRAYSCALE;
      case 3 -> ColorMode.RGB;
      case 4 -> ColorMode.RGBA;
      default -> throw new KilnException("image " + file + ": expected 1, 3 or 4 channels, got " + channels);
    };
    return smartResize(ImageLoader.load(file, null, mode, Interpolation.BILINEAR), height, width).pixels();
  }

  /**
   * Keras' {@code smart_resize}: the largest centred crop with the target's aspect ratio
   * ({@code crop_height = min(h, int(w * target_h / target_w))}, the same for the width, the
   * crop starting {@code int((h - crop_h) / 2)} rows down), resized bilinearly to the target.
   */
  public static Image smartResize(Image in, int height, int width) {
    if (height < 1 || width < 1) {
      throw new KilnException("smart_resize: expected a positive target size, got " + height + "x" + width);
    }
    int cropH = Math.min(in.height(), (int) ((double) in.width() * height / width));
    int cropW = Math.min(in.width(), (int) ((double) in.height() * width / height));
    int top = (in.height() - cropH) / 2;
    int left = (in.width() - cropW) / 2;
    Image cropped = in;
    if (cropH != in.height() || cropW != in.width()) {
      int ch = in.channels();
      float[] px = new float[cropH * cropW * ch];
      for (int r = 0; r < cropH; r++) {
        System.arraycopy(in.pixels(), ((top + r) * in.width() + left) * ch, px, r * cropW * ch, cropW * ch);
      }
      cropped = new Image(cropH, cropW, ch, px);
    }
    return Resize.to(cropped, height, width, Interpolation.BILINEAR);
  }

  /**
   * TensorFlow's {@code per_image_standardization}, in place: {@code (x - mean) / max(std,
   * 1 / sqrt(n))} over all values of the image.
   */
  public static float[] standardize(float[] x) {
    double mean = 0;
    for (float v : x) {
      mean += v;
    }
    mean /= x.length;
    double var = 0;
    for (float v : x) {
      var += (v - mean) * (v - mean);
    }
    double std = Math.max(Math.sqrt(var / x.length), 1 / Math.sqrt(x.length));
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) ((x[i] - mean) / std);
    }
    return x;
  }

  /**
   * TensorFlow's {@code adjust_hue} on an RGB image (HWC, 3 channels), in place: each pixel to HSV,
   * its hue turned by {@code delta} of a full turn (wrapping), back to RGB. The value range of the
   * image is kept (0..255 works as 0..1 does).
   */
  public static float[] adjustHue(float[] x, double delta) {
    return hsv(x, delta, 1);
  }

  /**
   * TensorFlow's {@code adjust_saturation} on an RGB image, in place: each pixel's HSV saturation
   * multiplied by {@code factor} and clipped to [0, 1].
   */
  public static float[] adjustSaturation(float[] x, double factor) {
    return hsv(x, 0, factor);
  }

  private static float[] hsv(float[] x, double hueDelta, double saturationFactor) {
    if (x.length % 3 != 0) {
      throw new KilnException("adjust_hue/adjust_saturation: expected an RGB image (3 channels), got "
          + x.length + " values");
    }
    for (int p = 0; p < x.length; p += 3) {
      double r = x[p];
      double g = x[p + 1];
      double b = x[p + 2];
      double max = Math.max(r, Math.max(g, b));
      double min = Math.min(r, Math.min(g, b));
      double range = max - min;
      double s = max > 0 ? range / max : 0;
      double h = 0;
      if (range > 0) {
        h = max == r ? (g - b) / range : max == g ? 2 + (b - r) / range : 4 + (r - g) / range;
        h /= 6;
      }
      h = h + hueDelta;
      h -= Math.floor(h);
      s = Math.min(1, Math.max(0, s * saturationFactor));
      // back to RGB: the sector of the hue, and the value, chroma and intermediate component
      double v = max;
      double c = v * s;
      double hh = h * 6;
      double m = v - c;
      double xx = c * (1 - Math.abs(hh % 2 - 1));
      int sector = (int) Math.floor(hh) % 6;
      double[] rgb = switch (sector) {
        case 0 -> new double[] {c, xx, 0};
        case 1 -> new double[] {xx, c, 0};
        case 2 -> new double[] {0, c, xx};
        case 3 -> new double[] {0, xx, c};
        case 4 -> new double[] {xx, 0, c};
        default -> new double[] {c, 0, xx};
      };
      x[p] = (float) (rgb[0] + m);
      x[p + 1] = (float) (rgb[1] + m);
      x[p + 2] = (float) (rgb[2] + m);
    }
    return x;
  }
}
