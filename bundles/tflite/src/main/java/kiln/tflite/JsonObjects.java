package kiln.tflite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;

/**
 * A small JSON reader for parameter files: one object whose values are booleans, numbers,
 * strings or arrays of those. Numbers become Long when whole, Double otherwise; arrays become
 * int[] (all whole numbers), float[] (all numbers) or List of String.
 */
final class JsonObjects {
  private final String s;
  private final String source;
  private int pos;

  private JsonObjects(String s, String source) {
    this.s = s;
    this.source = source;
  }

  static Map<String, Object> parseObject(String json, String source) {
    JsonObjects p = new JsonObjects(json, source);
    p.skip();
    Map<String, Object> out = p.object();
    p.skip();
    if (p.pos != json.length()) {
      throw p.error("end of the object");
    }
    return out;
  }

  private Map<String, Object> object() {
    expect('{');
    Map<String, Object> out = new LinkedHashMap<>();
    skip();
    if (peek() == '}') {
      pos++;
      return out;
    }
    while (true) {
      skip();
      String key = string();
      skip();
      expect(':');
      skip();
      out.put(key, value());
      skip();
      if (peek() == ',') {
        pos++;
        continue;
      }
      expect('}');
      return out;
    }
  }

  private Object value() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (c == '[') {
      return array();
    }
    if (s.startsWith("true", pos)) {
      pos += 4;
      return Boolean.TRUE;
    }
    if (s.startsWith("false", pos)) {
      pos += 5;
      return Boolean.FALSE;
    }
    return number();
  }

  private Object array() {
    expect('[');
    List<Object> items = new ArrayList<>();
    skip();
    if (peek() == ']') {
      pos++;
      return List.of();
    }
    while (true) {
      skip();
      items.add(value());
      skip();
      if (peek() == ',') {
        pos++;
        continue;
      }
      expect(']');
      break;
    }
    if (items.stream().allMatch(i -> i instanceof Long l && l == l.intValue())) {
      return items.stream().mapToInt(i -> ((Long) i).intValue()).toArray();
    }
    if (items.stream().allMatch(i -> i instanceof Number)) {
      float[] out = new float[items.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = ((Number) items.get(i)).floatValue();
      }
      return out;
    }
    if (items.stream().allMatch(i -> i instanceof String)) {
      return items.stream().map(String.class::cast).toList();
    }
    throw error("an array of numbers or of strings");
  }

  private Object number() {
    int start = pos;
    while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
      pos++;
    }
    String n = s.substring(start, pos);
    try {
      if (n.matches("-?\\d+")) {
        return Long.parseLong(n);
      }
      return Double.parseDouble(n);
    } catch (NumberFormatException e) {
      pos = start;
      throw error("a value (string, number, true, false or array)");
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
        switch (e) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            if (pos + 4 > s.length()) {
              throw error("four hex digits");
            }
            b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> b.append(e);
        }
      } else {
        b.append(c);
      }
    }
    throw error("a closing quote");
  }

  private char peek() {
    if (pos >= s.length()) {
      throw error("more JSON");
    }
    return s.charAt(pos);
  }

  private void expect(char c) {
    if (pos >= s.length() || s.charAt(pos) != c) {
      throw error("'" + c + "'");
    }
    pos++;
  }

  private void skip() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }

  private KilnException error(String expected) {
    String found = pos >= s.length() ? "the end" : "'" + s.charAt(pos) + "'";
    return new KilnException(source + ": expected " + expected + " at character " + pos
        + ", found " + found);
  }
}
