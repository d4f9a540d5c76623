package kiln.tflite.options;

/** Fused activation functions; the ordinal is the code in the file. */
public enum Activation {
  NONE,
  RELU,
  RELU_N1_TO_1,
  RELU6,
  TANH,
  SIGN_BIT;

  /** The activation with the given code, null when unknown. */
  public static Activation ofCode(int code) {
    return code >= 0 && code < values().length ? values()[code] : null;
  }

  public String displayName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
