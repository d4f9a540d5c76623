package kiln.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.api.KilnException;

/** Keyword arguments in Java: {@code new Conv2D(kw("filters", 8, "kernel_size", List.of(10, 8)))}. */
public final class Args {
  private Args() {}

  /** Alternating names and values, in order. */
  public static Map<String, Object> kw(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new KilnException("kw(...): expected name, value pairs, got an odd number of arguments ("
          + namesAndValues.length + ")");
    }
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (!(namesAndValues[i] instanceof String k)) {
        throw new KilnException("kw(...): argument " + (i + 1) + " should be a name (String), got "
            + namesAndValues[i]);
      }
      m.put(k, namesAndValues[i + 1]);
    }
    return m;
  }
}
