package kiln.tflite.options;

import java.lang.reflect.Array;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Any options table Kiln has no record for, as field name (the generated accessor's name, e.g.
 * {@code alignCorners}) to value: Boolean, Byte, Short, Integer, Long, Float, Double, String, or a
 * primitive / String array for vectors. Read and written back unchanged.
 */
public record GenericOptions(String typeName, Map<String, Object> fields)
    implements BuiltinOptions {
  public GenericOptions {
    Objects.requireNonNull(typeName, "typeName");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** An options table without fields set (e.g. {@code PadOptions}). */
  public static GenericOptions empty(String typeName) {
    return new GenericOptions(typeName, Map.of());
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof GenericOptions g) || !g.typeName.equals(typeName)
        || !g.fields.keySet().equals(fields.keySet())) {
      return false;
    }
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      if (!deepEquals(e.getValue(), g.fields.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean deepEquals(Object a, Object b) {
    if (a != null && b != null && a.getClass().isArray() && b.getClass().isArray()) {
      int n = Array.getLength(a);
      if (n != Array.getLength(b)) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (!Objects.equals(Array.get(a, i), Array.get(b, i))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  @Override
  public int hashCode() {
    return Objects.hash(typeName, fields.keySet());
  }
}
