package kiln.api.model;

import java.nio.file.Path;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads and writes a model archive ({@code NAME.kiln.zip}). Registered with {@code kiln.name}.
 */
@ConsumerType
public interface ModelArchive {
  /** The entries of the archive at {@code file}, by path inside it. */
  Map<String, byte[]> read(Path file);

  /**
   * Adds or replaces entries of the archive at {@code file} (created when missing), atomically: the
   * archive is written to a temporary file and moved into place.
   */
  void update(Path file, Map<String, byte[]> entries);

  /**
   * Writes the archive at {@code file} anew with exactly these entries, atomically: whatever
   * happens, the file holds the previous archive or the complete new one, never a mix.
   */
  default void write(Path file, Map<String, byte[]> entries) {
    Map<String, byte[]> changes = new java.util.LinkedHashMap<>();
    if (java.nio.file.Files.exists(file)) {
      for (String old : read(file).keySet()) {
        changes.put(old, null);
      }
    }
    changes.putAll(entries);
    update(file, changes);
  }
}
