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
}
