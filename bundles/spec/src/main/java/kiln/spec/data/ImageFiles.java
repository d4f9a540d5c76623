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
 * {@code per_image_standardization}.
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
}
