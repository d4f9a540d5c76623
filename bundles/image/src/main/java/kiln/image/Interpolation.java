package kiln.image;

import java.util.Locale;
import kiln.api.KilnException;

/** Keras' {@code interpolation} for resizing to {@code target_size}. */
public enum Interpolation {
  NEAREST, BILINEAR, BICUBIC;

  /** Parses {@code interpolation}. */
  public static Interpolation of(String s) {
    try {
      return valueOf(String.valueOf(s).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new KilnException("interpolation: expected nearest, bilinear or bicubic, got '" + s + "'");
    }
  }
}
