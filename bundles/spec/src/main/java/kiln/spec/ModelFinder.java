package kiln.spec;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Finds model specifications on the model search path (current directory, {@code KILN_MODEL_PATH},
 * {@code model_paths} in {@code ~/.kiln/settings.yaml}, specs registered by bundles) and loads them.
 * Registered as a service; {@link SearchPathModelFinder} is the plain implementation for tests.
 */
@ProviderType
public interface ModelFinder {
  /** Every model on the search path, first match of a name first, found by text only. */
  List<ModelEntry> list();

  /**
   * The entry a user's argument names (a model name, {@code NAME-test}, or a path to a
   * {@code .java} file), or null when nothing matches.
   */
  ModelEntry find(String nameOrPath);

  /**
   * Compiles (or instantiates) and checks the spec. {@code NAME-test} loads NAME in test mode.
   *
   * @throws kiln.api.KilnException naming the file and line, or the setting, and what was expected
   */
  KilnModel load(String nameOrPath);

  /**
   * {@link #load(String)} with a point of the spec's search space: the spec's {@code hp} calls
   * return these values (hyper-parameter name to value as text).
   *
   * @throws kiln.api.KilnException also when the spec declares no hyper-parameter of an assigned
   *     name, or an assigned value is outside its range
   */
  KilnModel load(String nameOrPath, java.util.Map<String, String> hyperparameters);
}
