package kiln.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import kiln.api.KilnException;

/**
 * Reads PNG, JPEG and BMP files with {@code javax.imageio} into float images in 0..255, converted to
 * a {@link ColorMode} and resized to {@code target_size} with an {@link Interpolation}.
 */
public final class ImageLoader {
  private ImageLoader() {}

  /**
   * Reads {@code file}.
   *
   * @param targetSize {height, width}, or null to keep the file's size
   * @throws KilnException naming the file when it is missing, unreadable or not an image
   */
  public static Image load(Path file, int[] targetSize, ColorMode mode, Interpolation how) {
    BufferedImage img;
    try {
      img = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new KilnException("image " + file + " cannot be read (expected a PNG, JPEG or BMP file): "
          + e.getMessage(), e);
    }
    if (img == null) {
      throw new KilnException("image " + file + (Files.exists(file) ? " is not a PNG, JPEG or BMP image"
          : " does not exist"));
    }
    Image out = convert(img, mode);
    return targetSize == null ? out : Resize.to(out, targetSize[0], targetSize[1], how);
  }

  /** Converts a decoded image to floats with the channels of {@code mode}. */
  public static Image convert(BufferedImage img, ColorMode mode) {
    int h = img.getHeight();
    int w = img.getWidth();
    boolean gray = img.getColorModel().getNumColorComponents() == 1;
    ColorMode m = mode != ColorMode.AUTO ? mode : gray ? ColorMode.GRAYSCALE : ColorMode.RGB;
    int ch = m == ColorMode.GRAYSCALE ? 1 : m == ColorMode.RGB ? 3 : 4;
    float[] px = new float[h * w * ch];
    if (gray && img.getColorModel().getComponentSize(0) == 8) {
      // 8-bit gray: the stored values, not the sRGB round trip of getRGB (which maps 20 to 79); as
      // RGB(A) each value goes to every colour channel, as PIL's convert("RGB") does
      Raster r = img.getRaster();
      boolean alpha = img.getColorModel().hasAlpha() && r.getNumBands() > 1;
      int[] row = new int[w];
      int[] alphas = new int[w];
      for (int y = 0; y < h; y++) {
        r.getSamples(0, y, w, 1, 0, row);
        if (alpha && ch == 4) {
          r.getSamples(0, y, w, 1, 1, alphas);
        }
        for (int x = 0; x < w; x++) {
          int at = (y * w + x) * ch;
          for (int k = 0; k < Math.min(ch, 3); k++) {
            px[at + k] = row[x];
          }
          if (ch == 4) {
            px[at + 3] = alpha ? alphas[x] : 255;
          }
        }
      }
      return new Image(h, w, ch, px);
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int argb = img.getRGB(x, y);
        int a = argb >>> 24;
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int b = argb & 0xff;
        int at = (y * w + x) * ch;
        if (ch == 1) {
          px[at] = gray ? r : (float) (0.299 * r + 0.587 * g + 0.114 * b);
        } else {
          px[at] = r;
          px[at + 1] = g;
          px[at + 2] = b;
          if (ch == 4) {
            px[at + 3] = img.getColorModel().hasAlpha() ? a : 255;
          }
        }
      }
    }
    return new Image(h, w, ch, px);
  }
}
