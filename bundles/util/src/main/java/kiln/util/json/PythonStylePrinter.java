package kiln.util.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.Instantiatable;
import java.io.IOException;

/**
 * Lays JSON out as Python's {@code json.dumps} does: on one line with {@code ", "} and
 * {@code ": "}, or (indented) two spaces per level, where an array {@link #flatNextArray marked}
 * as holding only numbers stays on one line, so per-epoch histories and curves read as rows.
 */
final class PythonStylePrinter implements PrettyPrinter, Instantiatable<PythonStylePrinter> {
  private final boolean indent;
  private int level;
  private boolean flatNext;
  private boolean inFlat;

  PythonStylePrinter(boolean indent) {
    this.indent = indent;
  }

  @Override
  public PythonStylePrinter createInstance() {
    return new PythonStylePrinter(indent); // per generator: it keeps the nesting level
  }

  /** The next array opened holds only numbers: keep it on one line. */
  void flatNextArray() {
    flatNext = true;
  }

  @Override
  public void writeRootValueSeparator(JsonGenerator g) {
    // one value per text
  }

  @Override
  public void writeStartObject(JsonGenerator g) throws IOException {
    level++;
    g.writeRaw('{');
  }

  @Override
  public void beforeObjectEntries(JsonGenerator g) throws IOException {
    newline(g);
  }

  @Override
  public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(": ");
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
    if (indent) {
      g.writeRaw(',');
      newline(g);
    } else {
      g.writeRaw(", ");
    }
  }

  @Override
  public void writeEndObject(JsonGenerator g, int entries) throws IOException {
    level--;
    if (entries > 0) {
      newline(g);
    }
    g.writeRaw('}');
  }

  @Override
  public void writeStartArray(JsonGenerator g) throws IOException {
    inFlat = flatNext || !indent;
    flatNext = false;
    if (!inFlat) {
      level++;
    }
    g.writeRaw('[');
  }

  @Override
  public void beforeArrayValues(JsonGenerator g) throws IOException {
    if (!inFlat) {
      newline(g);
    }
  }

  @Override
  public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
    if (inFlat) {
      g.writeRaw(", ");
    } else {
      g.writeRaw(',');
      newline(g);
    }
  }

  @Override
  public void writeEndArray(JsonGenerator g, int values) throws IOException {
    if (inFlat) {
      // a flat array holds no arrays, so the one it sits in (if any) is not flat
      inFlat = !indent;
    } else {
      level--;
      if (values > 0) {
        newline(g);
      }
    }
    g.writeRaw(']');
  }

  private void newline(JsonGenerator g) throws IOException {
    if (indent) {
      g.writeRaw('\n');
      g.writeRaw("  ".repeat(level));
    }
  }
}
