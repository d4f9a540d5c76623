package kiln.image.augment;

import java.util.Map;
import kiln.image.internal.Settings;

/**
 * Applies a 2x2 matrix and a shift about the image centre, as Keras' {@code apply_affine_transform}:
 * output pixel (r, c) reads input {@code M (r - o_r, c - o_c) + (t_r, t_c) + (o_r, o_c)}, where
 * {@code o = size / 2 - 0.5}, with bilinear interpolation and the {@link FillMode} beyond the edges.
 */
public final class Affine {
  private Affine() {}

  /** The transform with the {@code fill_mode} and {@code cval} of {@code settings}. */
  public static float[] apply(float[] x, ImageShape s, double[] m, double tr, double tc, Map<String, Object> settings) {
    return apply(x, s, m, tr, tc, FillMode.of(Settings.string(settings, "fill_mode", "nearest")),
        (float) Settings.number(settings, "cval", 0));
  }

  /**
   * The transformed image.
   *
   * @param m row-major {m00, m01, m10, m11}, acting on (row, column)
   */
  public static float[] apply(float[] x, ImageShape s, double[] m, double tr, double tc, FillMode fill, float cval) {
    int h = s.height();
    int w = s.width();
    int ch = s.channels();
    double or = h / 2.0 - 0.5;
    double oc = w / 2.0 - 0.5;
    float[] out = new float[x.length];
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        double y = m[0] * (r - or) + m[1] * (c - oc) + tr + or;
        double xx = m[2] * (r - or) + m[3] * (c - oc) + tc + oc;
        // snap values a rounding error away from a pixel, so exact transforms stay exact
        double ry = Math.rint(y);
        double rx = Math.rint(xx);
        y = Math.abs(y - ry) < 1e-9 ? ry : y;
        xx = Math.abs(xx - rx) < 1e-9 ? rx : xx;
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(xx);
        double fy = y - y0;
        double fx = xx - x0;
        for (int k = 0; k < ch; k++) {
          double v = (1 - fy) * ((1 - fx) * px(x, s, y0, x0, k, fill, cval) + fx * px(x, s, y0, x0 + 1, k, fill, cval))
              + fy * ((1 - fx) * px(x, s, y0 + 1, x0, k, fill, cval) + fx * px(x, s, y0 + 1, x0 + 1, k, fill, cval));
          out[(r * w + c) * ch + k] = (float) v;
        }
      }
    }
    return out;
  }

  private static float px(float[] x, ImageShape s, int r, int c, int k, FillMode fill, float cval) {
    int rr = fill.index(r, s.height());
    int cc = fill.index(c, s.width());
    return rr < 0 || cc < 0 ? cval : x[(rr * s.width() + cc) * s.channels() + k];
  }
}
