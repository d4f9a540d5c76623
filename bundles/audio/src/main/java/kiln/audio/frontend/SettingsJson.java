package kiln.audio.frontend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.data.FrontendSettings;

/**
 * Frontend settings from a JSON object of {@code fe.*} keys (or bare snake_case names), e.g.
 * {@code {"fe.window_size_ms": 30, "fe.pcan_enable": true}}. Unset keys keep MLTK's defaults; keys
 * without the {@code fe.} prefix that are not frontend settings are refused.
 */
public final class SettingsJson {
  private SettingsJson() {}

  /** Reads a settings file. */
  public static FrontendSettings read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new KilnException("settings file " + file + " does not exist");
    } catch (IOException e) {
      throw new KilnException("settings file " + file + " cannot be read: " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /** Parses settings JSON; {@code name} appears in error messages. */
  public static FrontendSettings parse(String json, String name) {
    Map<String, Object> values;
    try {
      values = new Parser(json).object();
    } catch (IllegalArgumentException e) {
      throw new KilnException("settings file " + name + " is not a flat JSON object: " + e.getMessage());
    }
    FrontendSettings s = new FrontendSettings();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      try {
        s.set(e.getKey(), e.getValue());
      } catch (KilnException ex) {
        throw new KilnException("settings file " + name + ": " + ex.getMessage());
      }
    }
    return s;
  }

  /** The settings as JSON with fe.* keys (the form {@link #parse} reads). */
  public static String write(FrontendSettings settings) {
    StringBuilder b = new StringBuilder("{\n");
    var it = settings.toParameters().entrySet().iterator();
    while (it.hasNext()) {
      var e = it.next();
      b.append("  \"").append(e.getKey()).append("\": ").append(e.getValue()).append(it.hasNext() ? ",\n" : "\n");
    }
    return b.append("}\n").toString();
  }

  /** A minimal parser for one object of scalar values. */
  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    Map<String, Object> object() {
      Map<String, Object> m = new LinkedHashMap<>();
      expect('{');
      if (peek() == '}') {
        pos++;
        return end(m);
      }
      while (true) {
        String key = string();
        expect(':');
        m.put(key, scalar(key));
        char c = next();
        if (c == '}') {
          return end(m);
        }
        if (c != ',') {
          throw new IllegalArgumentException("expected ',' or '}' at offset " + (pos - 1) + ", found '" + c + "'");
        }
      }
    }

    private Map<String, Object> end(Map<String, Object> m) {
      skipSpace();
      if (pos != s.length()) {
        throw new IllegalArgumentException("unexpected text after the object at offset " + pos);
      }
      return m;
    }

    private Object scalar(String key) {
      char c = peek();
      if (c == '"') {
        return string();
      }
      if (s.startsWith("true", pos)) {
        pos += 4;
        return Boolean.TRUE;
      }
      if (s.startsWith("false", pos)) {
        pos += 5;
        return Boolean.FALSE;
      }
      int start = pos;
      while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
      if (start == pos) {
        throw new IllegalArgumentException("value of '" + key + "' at offset " + start
            + " is not a number, string or boolean");
      }
      String number = s.substring(start, pos);
      try {
        return number.matches("-?\\d+") ? (Object) Long.parseLong(number) : (Object) Double.parseDouble(number);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("value of '" + key + "' is not a number: " + number);
      }
    }

    private String string() {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (pos < s.length()) {
        char c = s.charAt(pos++);
        if (c == '"') {
          return b.toString();
        }
        if (c == '\\' && pos < s.length()) {
          char e = s.charAt(pos++);
          b.append(switch (e) {
            case 'n' -> '\n';
            case 't' -> '\t';
            default -> e;
          });
        } else {
          b.append(c);
        }
      }
      throw new IllegalArgumentException("unterminated string");
    }

    private void expect(char c) {
      char got = next();
      if (got != c) {
        throw new IllegalArgumentException("expected '" + c + "' at offset " + (pos - 1) + ", found '" + got + "'");
      }
    }

    private char next() {
      skipSpace();
      if (pos >= s.length()) {
        throw new IllegalArgumentException("unexpected end of text");
      }
      return s.charAt(pos++);
    }

    private char peek() {
      skipSpace();
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }
  }
}
