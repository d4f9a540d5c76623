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
  default Built build(String nameOrPath) {
    return build(nameOrPath, java.util.Map.of());
  }

  /**
   * {@link #build(String)} at a point of the spec's search space ({@code --hp}: hyper-parameter name
   * to value as text).
   */
  Built build(String nameOrPath, java.util.Map<String, String> hyperparameters);
}
