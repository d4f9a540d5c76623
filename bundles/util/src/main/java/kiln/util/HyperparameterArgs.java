package kiln.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kiln.api.KilnException;
import kiln.util.json.Json;

/**
 * A point of a spec's search space as commands take it: {@code --hp KEY=VALUE[,KEY=VALUE...]} and
 * {@code --hp-file FILE}. Values stay text; the spec's {@code hp} calls check and convert them.
 */
public final class HyperparameterArgs {
  private HyperparameterArgs() {}

  /**
   * The assignment of a command's {@code --hp KEY=VALUE[,KEY=VALUE...]} and {@code --hp-file FILE}
   * (a JSON object of name to value; {@code --hp} wins on a name both give). Blank or null: none.
   */
  public static Map<String, String> parse(String hpList, String hpFile) {
    Map<String, String> out = new LinkedHashMap<>();
    if (hpFile != null && !hpFile.isBlank()) {
      String text;
      try {
        text = Files.readString(Path.of(hpFile));
      } catch (IOException e) {
        throw new KilnException("--hp-file " + hpFile + ": cannot read it: " + e.getMessage(), e);
      }
      Map<String, Object> json = Json.parseObject(text, "--hp-file " + hpFile);
      json.forEach((k, v) -> {
        if (!(v instanceof Number || v instanceof String || v instanceof Boolean)) {
          throw new KilnException("--hp-file " + hpFile + ": '" + k
              + "': expected a number, string or boolean, got " + Json.typeName(v));
        }
        out.put(k, jsonText(v));
      });
    }
    if (hpList != null && !hpList.isBlank()) {
      for (String part : hpList.split(",")) {
        int eq = part.indexOf('=');
        if (eq <= 0 || part.substring(0, eq).isBlank()) {
          throw new KilnException("--hp " + hpList + ": expected KEY=VALUE[,KEY=VALUE...], got '"
              + part + "'");
        }
        out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    return out;
  }

  // a whole JSON number (16.0 from some writers) as the int a choice of ints matches
  private static String jsonText(Object v) {
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return v.toString();
  }

}
