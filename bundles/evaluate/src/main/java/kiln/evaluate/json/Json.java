package kiln.evaluate.json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;

/**
 * Writes and reads JSON. Writing accepts maps (string keys, in iteration order), lists, arrays of
 * primitives, strings, numbers, booleans, null and records of those via {@link #write}; non-finite
 * numbers are written as {@code null} so every file stays valid JSON. Reading gives
 * {@link LinkedHashMap}, {@link ArrayList}, {@link String}, {@link Double} or {@link Long},
 * {@link Boolean} and null.
 */
public final class Json {
  private Json() {}

  /** One line, with Python's {@code json.dump} separators ({@code ", "} and {@code ": "}). */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, -1, 0);
    return sb.toString();
  }

  /** Indented by two spaces per level, for files people read (provenance, history). */
  public static String writePretty(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 2, 0);
    return sb.append('\n').toString();
  }

  /**
   * Parses a JSON text.
   *
   * @param what names the text in error messages (a file or entry name)
   * @throws KilnException naming {@code what}, the offset and what was expected
   */
  public static Object parse(String text, String what) {
    JsonReader r = new JsonReader(text, what);
    Object v = r.value();
    r.end();
    return v;
  }

  /** Parses a JSON object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text, String what) {
    Object v = parse(text, what);
    if (!(v instanceof Map)) {
      throw new KilnException(what + ": expected a JSON object, found " + typeName(v));
    }
    return (Map<String, Object>) v;
  }

  static String typeName(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "an array";
    }
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Number) {
      return "a number";
    }
    return v.getClass().getSimpleName();
  }

  private static void write(StringBuilder sb, Object v, int indent, int level) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(sb, s);
    } else if (v instanceof Boolean b) {
      sb.append(b);
    } else if (v instanceof Double || v instanceof Float) {
      number(sb, ((Number) v).doubleValue());
    } else if (v instanceof Number n) {
      sb.append(n.longValue());
    } else if (v instanceof Map<?, ?> m) {
      writeMap(sb, m, indent, level);
    } else if (v instanceof Iterable<?> it) {
      writeList(sb, it.iterator(), indent, level);
    } else if (v instanceof float[] a) {
      List<Object> l = new ArrayList<>(a.length);
      for (float x : a) {
        l.add(x);
      }
      writeList(sb, l.iterator(), -1, level);
    } else if (v instanceof double[] a) {
      List<Object> l = new ArrayList<>(a.length);
      for (double x : a) {
        l.add(x);
      }
      writeList(sb, l.iterator(), -1, level);
    } else if (v instanceof int[] a) {
      List<Object> l = new ArrayList<>(a.length);
      for (int x : a) {
        l.add(x);
      }
      writeList(sb, l.iterator(), -1, level);
    } else if (v instanceof long[] a) {
      List<Object> l = new ArrayList<>(a.length);
      for (long x : a) {
        l.add(x);
      }
      writeList(sb, l.iterator(), -1, level);
    } else if (v instanceof Object[] a) {
      writeList(sb, List.of(a).iterator(), indent, level);
    } else {
      quote(sb, v.toString());
    }
  }

  /**
   * Shortest decimal that reads back as the same double; Python-like ({@code 1.0}, {@code 1e-05}
   * style exponents are written as Java's {@code 1.0E-5}, which JSON accepts).
   */
  private static void number(StringBuilder sb, double d) {
    if (!Double.isFinite(d)) {
      sb.append("null");
    } else {
      sb.append(Double.toString(d));
    }
  }

  private static void writeMap(StringBuilder sb, Map<?, ?> m, int indent, int level) {
    if (m.isEmpty()) {
      sb.append("{}");
      return;
    }
    sb.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!first) {
        sb.append(indent < 0 ? ", " : ",");
      }
      first = false;
      newline(sb, indent, level + 1);
      quote(sb, String.valueOf(e.getKey()));
      sb.append(": ");
      write(sb, e.getValue(), indent, level + 1);
    }
    newline(sb, indent, level);
    sb.append('}');
  }

  private static void writeList(StringBuilder sb, Iterator<?> it, int indent, int level) {
    if (!it.hasNext()) {
      sb.append("[]");
      return;
    }
    // Lists of plain numbers stay on one line even in pretty output (histories, curves).
    List<Object> items = new ArrayList<>();
    it.forEachRemaining(items::add);
    boolean flat = indent < 0 || items.stream().allMatch(x -> x == null || x instanceof Number);
    sb.append('[');
    boolean first = true;
    for (Object x : items) {
      if (!first) {
        sb.append(flat ? ", " : ",");
      }
      first = false;
      if (!flat) {
        newline(sb, indent, level + 1);
      }
      write(sb, x, indent, level + 1);
    }
    if (!flat) {
      newline(sb, indent, level);
    }
    sb.append(']');
  }

  private static void newline(StringBuilder sb, int indent, int level) {
    if (indent >= 0) {
      sb.append('\n').append(" ".repeat(indent * level));
    }
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** A recursive-descent reader; also accepts Python's NaN, Infinity and -Infinity. */
  private static final class JsonReader {
    private final String s;
    private final String what;
    private int pos;

    JsonReader(String s, String what) {
      this.s = s;
      this.what = what;
    }

    Object value() {
      skipSpace();
      if (pos >= s.length()) {
        throw error("a value");
      }
      char c = s.charAt(pos);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        case 't':
          return literal("true", Boolean.TRUE);
        case 'f':
          return literal("false", Boolean.FALSE);
        case 'n':
          return literal("null", null);
        case 'N':
          return literal("NaN", Double.NaN);
        case 'I':
          return literal("Infinity", Double.POSITIVE_INFINITY);
        default:
          if (c == '-' && s.startsWith("-Infinity", pos)) {
            return literal("-Infinity", Double.NEGATIVE_INFINITY);
          }
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw error("a value");
      }
    }

    void end() {
      skipSpace();
      if (pos != s.length()) {
        throw error("the end of the text");
      }
    }

    private Map<String, Object> object() {
      Map<String, Object> m = new LinkedHashMap<>();
      pos++;
      skipSpace();
      if (peek() == '}') {
        pos++;
        return m;
      }
      while (true) {
        skipSpace();
        if (peek() != '"') {
          throw error("a quoted key");
        }
        String key = string();
        skipSpace();
        expect(':');
        m.put(key, value());
        skipSpace();
        char c = peek();
        pos++;
        if (c == '}') {
          return m;
        }
        if (c != ',') {
          pos--;
          throw error("',' or '}'");
        }
      }
    }

    private List<Object> array() {
      List<Object> l = new ArrayList<>();
      pos++;
      skipSpace();
      if (peek() == ']') {
        pos++;
        return l;
      }
      while (true) {
        l.add(value());
        skipSpace();
        char c = peek();
        pos++;
        if (c == ']') {
          return l;
        }
        if (c != ',') {
          pos--;
          throw error("',' or ']'");
        }
      }
    }

    private String string() {
      StringBuilder sb = new StringBuilder();
      pos++;
      while (pos < s.length()) {
        char c = s.charAt(pos++);
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\\') {
          if (pos >= s.length()) {
            break;
          }
          char e = s.charAt(pos++);
          switch (e) {
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'u' -> {
              if (pos + 4 > s.length()) {
                throw error("four hex digits");
              }
              try {
                sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
              } catch (NumberFormatException ex) {
                throw error("four hex digits");
              }
              pos += 4;
            }
            default -> sb.append(e);
          }
        } else {
          sb.append(c);
        }
      }
      throw error("a closing '\"'");
    }

    private Object number() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      boolean integral = true;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c >= '0' && c <= '9') {
          pos++;
        } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
          integral = false;
          pos++;
        } else {
          break;
        }
      }
      String t = s.substring(start, pos);
      try {
        if (integral) {
          return Long.parseLong(t);
        }
        return Double.parseDouble(t);
      } catch (NumberFormatException e) {
        pos = start;
        throw error("a number");
      }
    }

    private Object literal(String word, Object v) {
      if (!s.startsWith(word, pos)) {
        throw error("a value");
      }
      pos += word.length();
      return v;
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("'" + c + "'");
      }
      pos++;
    }

    private char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private KilnException error(String expected) {
      String found =
          pos >= s.length()
              ? "the end of the text"
              : "'" + s.substring(pos, Math.min(s.length(), pos + 12)) + "'";
      return new KilnException(
          what + ": invalid JSON at offset " + pos + ": expected " + expected + ", found " + found);
    }
  }
}
