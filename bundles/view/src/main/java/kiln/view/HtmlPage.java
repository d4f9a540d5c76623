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
    String page = resource("page.html");
    // '<' only occurs inside JSON strings, where \u003c means the same: no "</script>" can end the block
    String json = Json.write(data).replace("<", "\\u003c");
    // replace the placeholders in order, each once, so nothing substituted is searched again
    return replaceOnce(replaceOnce(replaceOnce(page.replace("KILN_TITLE", escape(title)),
        "/*KILN_CSS*/", resource("view.css")), "KILN_DATA", json), "/*KILN_JS*/", resource("view.js"));
  }

  private static String replaceOnce(String s, String placeholder, String value) {
    int i = s.indexOf(placeholder);
    if (i < 0) {
      throw new IllegalStateException("page.html lacks " + placeholder);
    }
    return s.substring(0, i) + value + s.substring(i + placeholder.length());
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
