package kiln.profile;

/**
 * Turns a model specification name into a quantized .tflite for {@code kiln:profile --build}.
 * Its signature uses no spec or quantizer types, so the command loads even when those bundles are
 * absent.
 */
public interface SpecBuilder {
  /** The built model: its name and .tflite bytes. */
  record Built(String name, byte[] tflite, String origin) {}

  /**
   * Builds {@code nameOrPath} (a model name, {@code NAME-test}, or a path to {@code NAME.java}).
   *
   * @throws kiln.api.KilnException naming the missing service, or the spec's problem
   */
  Built build(String nameOrPath);
}
