package kiln.spec.data;

import java.util.Locale;

/** MLTK's {@code class_mode}: the form of the targets the trainer sees. */
public enum ClassMode {
  /** One-hot vectors of the number of classes. */
  CATEGORICAL,
  /** The class index, one value per sample. */
  SPARSE,
  /** A 0/1 label, one value per sample. */
  BINARY,
  /** The features themselves (autoencoders). */
  INPUT;

  /** The mode by MLTK's name; anything else names the accepted ones. */
  public static ClassMode of(String name) {
    if (name == null) {
      return CATEGORICAL;
    }
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("class_mode: expected categorical, sparse, binary or input, got '"
          + name + "'");
    }
  }
}
