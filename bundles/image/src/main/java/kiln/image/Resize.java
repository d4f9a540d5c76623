package kiln.image;

/**
 * Resizes an image with pixel centres aligned ({@code src = (dst + 0.5) * in / out - 0.5}, edges
 * clamped): nearest, bilinear, or bicubic (Keys' cubic convolution, a = -0.5).
 */
public final class Resize {
  private Resize() {}

  /** The image at {@code height x width}; the same image when it already has that size. */
  public static Image to(Image in, int height, int width, Interpolation how) {
    if (in.height() == height && in.width() == width) {
      return in;
    }
    int ch = in.channels();
    float[] out = new float[height * width * ch];
    double sy = (double) in.height() / height;
    double sx = (double) in.width() / width;
    for (int r = 0; r < height; r++) {
      double y = (r + 0.5) * sy - 0.5;
      for (int c = 0; c < width; c++) {
        double x = (c + 0.5) * sx - 0.5;
        for (int k = 0; k < ch; k++) {
          out[(r * width + c) * ch + k] = (float) sample(in, y, x, k, how);
        }
      }
    }
    return new Image(height, width, ch, out);
  }

  private static double sample(Image in, double y, double x, int k, Interpolation how) {
    switch (how) {
      case NEAREST:
        return px(in, (int) Math.round(y), (int) Math.round(x), k);
      case BILINEAR: {
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        double fy = y - y0;
        double fx = x - x0;
        return (1 - fy) * ((1 - fx) * px(in, y0, x0, k) + fx * px(in, y0, x0 + 1, k))
            + fy * ((1 - fx) * px(in, y0 + 1, x0, k) + fx * px(in, y0 + 1, x0 + 1, k));
      }
      default: {
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        double sum = 0;
        for (int i = -1; i <= 2; i++) {
          double wy = cubic(y - (y0 + i));
          for (int j = -1; j <= 2; j++) {
            sum += wy * cubic(x - (x0 + j)) * px(in, y0 + i, x0 + j, k);
          }
        }
        return Math.max(0, Math.min(255, sum)); // cubic overshoot stays in the pixel range
      }
    }
  }

  private static double px(Image in, int r, int c, int k) {
    r = Math.max(0, Math.min(in.height() - 1, r));
    c = Math.max(0, Math.min(in.width() - 1, c));
    return in.at(r, c, k);
  }

  private static double cubic(double t) {
    double a = -0.5;
    t = Math.abs(t);
    if (t <= 1) {
      return ((a + 2) * t - (a + 3)) * t * t + 1;
    }
    if (t < 2) {
      return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a;
    }
    return 0;
  }
}
