package kiln.view;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import kiln.api.KilnException;
import kiln.util.json.Json;

/**
 * The self-contained page: {@code page.html} with {@code view.css}, {@code view.js} and the graph
 * data inlined, so it opens from a file with no network.
 */
final class HtmlPage {
  private HtmlPage() {}

  static String render(String title, Map<String, Object> data) {
    // '<' only occurs inside JSON strings, where \u003c means the same: no "</script>" can end the block
    String json = Json.write(data).replace("<", "\\u003c");
    return fill(resource("page.html"), Map.of("KILN_TITLE", escape(title), "/*KILN_CSS*/",
        resource("view.css"), "/*KILN_JS*/", resource("view.js"), "KILN_DATA", json));
  }

  /** The template with each placeholder replaced; what goes in is never searched for placeholders. */
  static String fill(String template, Map<String, String> values) {
    StringBuilder out = new StringBuilder(template.length());
    int at = 0;
    while (true) {
      int next = -1;
      String key = null;
      for (String k : values.keySet()) {
        int i = template.indexOf(k, at);
        if (i >= 0 && (next < 0 || i < next)) {
          next = i;
          key = k;
        }
      }
      if (key == null) {
        return out.append(template, at, template.length()).toString();
      }
      out.append(template, at, next).append(values.get(key));
      at = next + key.length();
    }
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String resource(String name) {
    try (InputStream in = HtmlPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new KilnException("kiln.view: the page resource " + name + " is missing from the bundle");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KilnException("kiln.view: cannot read the page resource " + name + ": " + e.getMessage(), e);
    }
  }
}
