package kiln.audio.frontend;

import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.data.FrontendSettings;
import kiln.util.json.Json;

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
    Map<String, Object> values = Json.parseObject(json, "settings file " + name);
    FrontendSettings.Builder b = FrontendSettings.builder();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      try {
        b.set(e.getKey(), e.getValue());
      } catch (KilnException ex) {
        throw new KilnException("settings file " + name + ": " + ex.getMessage());
      }
    }
    return b.build();
  }

  /** The settings as JSON with fe.* keys (the form {@link #parse} reads). */
  public static String write(FrontendSettings settings) {
    Map<String, Object> m = new LinkedHashMap<>();
    // floats as float32 text (0.025, not the double 0.02500000037252903), as people type them
    settings.toParameters().forEach(
        (k, v) -> m.put(k, v instanceof Float f ? new RawValue(Float.toString(f)) : v));
    return Json.writePretty(m);
  }
}
