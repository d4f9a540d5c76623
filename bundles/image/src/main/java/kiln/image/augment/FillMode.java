package kiln.image.augment;

import java.util.Locale;
import kiln.api.KilnException;

/**
 * Keras' {@code fill_mode}: what lies outside the image when a transform reaches past its edge
 * (for input abcd): constant kkkk|abcd|kkkk (k = {@code cval}), nearest aaaa|abcd|dddd, reflect
 * dcba|abcd|dcba, wrap abcd|abcd|abcd.
 */
public enum FillMode {
  CONSTANT, NEAREST, REFLECT, WRAP;

  /** Parses {@code fill_mode}. */
  public static FillMode of(String s) {
    try {
      return valueOf(String.valueOf(s).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new KilnException("datagen setting fill_mode: expected constant, nearest, reflect or wrap, got '" + s + "'");
    }
  }

  /** The index inside [0, n) that {@code i} reads, or -1 for the constant. */
  public int index(int i, int n) {
    if (i >= 0 && i < n) {
      return i;
    }
    switch (this) {
      case CONSTANT:
        return -1;
      case NEAREST:
        return i < 0 ? 0 : n - 1;
      case WRAP:
        return Math.floorMod(i, n);
      default: {
        int p = Math.floorMod(i, 2 * n);
        return p < n ? p : 2 * n - 1 - p;
      }
    }
  }
}
