package kiln.tune;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One point of the search space to train: its id (its folder's name under {@code trials/}) and its
 * hyper-parameter values, which become the {@code --hp-file} of its {@code kiln train} run.
 */
public record Trial(String id, LinkedHashMap<String, Object> values) implements Serializable {
  public Trial(String id, Map<String, Object> values) {
    this(id, new LinkedHashMap<>(values));
  }

  /** {@code filters=8, dropout=0.5} for progress lines. */
  public String describe() {
    StringJoiner j = new StringJoiner(", ");
    values.forEach((k, v) -> j.add(k + "=" + v));
    return values.isEmpty() ? "(the spec's settings)" : j.toString();
  }

  static String id(int index) {
    return String.format("t%03d", index);
  }
}
