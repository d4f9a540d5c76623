package kiln.tflite;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named metadata entry of a .tflite file (e.g. {@code min_runtime_version}, {@code SL_PARAMSv1}).
 *
 * @param name the entry's name
 * @param data its bytes (not copied)
 */
public record MetadataEntry(String name, byte[] data) {
  public MetadataEntry {
    Objects.requireNonNull(name, "name");
    data = data == null ? new byte[0] : data;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetadataEntry m && m.name.equals(name) && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return name + " (" + data.length + " bytes)";
  }
}
