package kiln.tflite.options;

/** Convolution and pooling padding; the ordinal is the code in the file. */
public enum Padding {
  SAME,
  VALID;

  /** The padding with the given code, null when unknown. */
  public static Padding ofCode(int code) {
    return code >= 0 && code < values().length ? values()[code] : null;
  }

  public String displayName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
