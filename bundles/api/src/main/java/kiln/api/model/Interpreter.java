package kiln.api.model;

import kiln.api.Described;
import org.osgi.annotation.versioning.ConsumerType;

/** Runs a .tflite model. Registered with {@code kiln.name} (e.g. {@code kiln-micro}). */
@ConsumerType
public interface Interpreter extends Described {
  /**
   * Loads and validates a model; every op is checked here, so running it fails only on bad inputs.
   *
   * @param flatbuffer the .tflite file content
   * @param name what to call the model in messages (usually its file name)
   * @throws kiln.api.KilnException naming the op and tensor that cannot run
   */
  LoadedModel load(byte[] flatbuffer, String name);

  /**
   * Validates a model exactly as {@link #load} does, except that ops this interpreter has no kernel
   * for are not refused but returned, so a profiler can report them and still refuse a broken file.
   * The default loads the model (and so refuses unsupported ops too).
   *
   * @return the names of the ops this interpreter cannot run (empty when it runs them all)
   * @throws kiln.api.KilnException naming the op and tensor of a model no interpreter could run
   */
  default java.util.List<String> check(byte[] flatbuffer, String name) {
    try (LoadedModel m = load(flatbuffer, name)) {
      return java.util.List.of();
    }
  }
}
