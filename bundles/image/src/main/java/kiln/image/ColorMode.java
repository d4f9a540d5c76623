package kiln.image;

import java.util.Locale;
import kiln.api.KilnException;

/** Keras' {@code color_mode}: the channels an image is converted to. */
public enum ColorMode {
  /** One channel (luma, ITU-R 601: 0.299 R + 0.587 G + 0.114 B, as PIL's "L"). */
  GRAYSCALE,
  /** Three channels. */
  RGB,
  /** Four channels (opaque images get alpha 255). */
  RGBA,
  /** One channel for gray files, three for colour files (alpha dropped). */
  AUTO;

  /** Parses {@code color_mode}. */
  public static ColorMode of(String s) {
    try {
      return valueOf(String.valueOf(s).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new KilnException("color_mode: expected grayscale, rgb, rgba or auto, got '" + s + "'");
    }
  }
}
