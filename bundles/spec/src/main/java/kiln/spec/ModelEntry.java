package kiln.spec;

import java.nio.file.Path;

/**
 * A model found on the search path, without compiling it.
 *
 * @param name the model name
 * @param source where it was found: "current directory", "KILN_MODEL_PATH", "settings.yaml" or
 *     "bundle &lt;symbolic name&gt;"
 * @param path the spec file, or null for a spec a bundle registered
 * @param problem why it cannot be loaded (e.g. a bad file name), or null
 */
public record ModelEntry(String name, String source, Path path, String problem) {}
