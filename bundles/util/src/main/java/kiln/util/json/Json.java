package kiln.util.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import kiln.api.KilnException;

/**
 * Kiln's JSON, through Jackson, in the layout Python's {@code json} module writes (MLTK's files):
 * separators {@code ", "} and {@code ": "}, and in pretty output two spaces per level with lists
 * of plain numbers kept on one line. Writing takes maps (in iteration order), collections,
 * arrays, strings, numbers, booleans and null; a float is written as the double it widens to
 * (as numpy's float32 values are), a non-finite number as {@code null} so every file stays valid
 * JSON, and any other value as its text. Reading gives {@code LinkedHashMap}, {@code ArrayList},
 * {@code String}, {@code Long} (or {@code BigInteger}), {@code Double}, {@code Boolean} and null,
 * and accepts Python's {@code NaN}, {@code Infinity} and {@code -Infinity}.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          // control characters escaped with lower-case hex digits, as Python writes them
          .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .addModule(module())
          .build();
  private static final ObjectWriter LINE = MAPPER.writer(new PythonStylePrinter(false));
  private static final ObjectWriter PRETTY = MAPPER.writer(new PythonStylePrinter(true));
  private static final ObjectReader READER = MAPPER.readerFor(Object.class);
  /** How Jackson's messages name a place: "[Source: REDACTED (...); line: 1, column: 7]". */
  private static final Pattern SOURCE =
      Pattern.compile("\\[Source: [^;]*; (line: \\d+, column: \\d+)]");

  private Json() {}

  private static SimpleModule module() {
    SimpleModule m = new SimpleModule("kiln.util.json");
    m.setSerializers(new PythonValues());
    return m;
  }

  /** One line, with Python's {@code json.dump} separators ({@code ", "} and {@code ": "}). */
  public static String write(Object value) {
    return write(LINE, value);
  }

  /** Indented by two spaces per level, ending with a newline, for files people read. */
  public static String writePretty(Object value) {
    return write(PRETTY, value) + "\n";
  }

  /**
   * Parses a JSON text.
   *
   * @param what names the text in error messages (a file or entry name)
   * @throws KilnException naming {@code what}, the line and column and what is wrong
   */
  public static Object parse(String text, String what) {
    try {
      return READER.readValue(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      String message = SOURCE.matcher(e.getOriginalMessage()).replaceAll("$1");
      throw new KilnException(what + ": invalid JSON" + where + ": " + message, e);
    }
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

  /** How error messages name a parsed value's JSON type ("an array", "a number"). */
  public static String typeName(Object v) {
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
    if (v instanceof Boolean) {
      return "a boolean";
    }
    return v.getClass().getSimpleName();
  }

  private static String write(ObjectWriter writer, Object value) {
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // maps, collections, arrays and scalars (other values as text): nothing Jackson refuses
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }
}
