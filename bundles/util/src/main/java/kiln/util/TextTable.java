package kiln.util;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table with a border, as MLTK prints its summaries:
 *
 * <pre>
 * +-------+--------+
 * | Index | OpCode |
 * +-------+--------+
 * | 0     | conv_2d|
 * +-------+--------+
 * </pre>
 *
 * A cell may hold several lines (separated by {@code \n}); the row grows to fit them. Cells are
 * left-aligned and the text ends with a newline. {@code kiln:summarize} compares this layout with
 * MLTK's summary files byte for byte.
 */
public final class TextTable {
  private final String[] header;
  private final List<String[]> rows = new ArrayList<>();

  public TextTable(String... header) {
    this.header = header.clone();
  }

  /** Adds a row; values are printed with {@link String#valueOf(Object)}, null as an empty cell. */
  public TextTable row(Object... cells) {
    if (cells.length != header.length) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, the table has " + header.length + " columns");
    }
    rows.add(Arrays.stream(cells).map(c -> c == null ? "" : String.valueOf(c))
        .toArray(String[]::new));
    return this;
  }

  public int rowCount() {
    return rows.size();
  }

  @Override
  public String toString() {
    int[] width = new int[header.length];
    measure(header, width);
    for (String[] r : rows) {
      measure(r, width);
    }
    StringBuilder sb = new StringBuilder();
    String rule = rule(width);
    sb.append(rule);
    append(sb, header, width);
    sb.append(rule);
    for (String[] r : rows) {
      append(sb, r, width);
    }
    sb.append(rule);
    return sb.toString();
  }

  private static void measure(String[] cells, int[] width) {
    for (int i = 0; i < cells.length; i++) {
      for (String line : cells[i].split("\n", -1)) {
        width[i] = Math.max(width[i], line.length());
      }
    }
  }

  private static String rule(int[] width) {
    StringBuilder sb = new StringBuilder("+");
    for (int w : width) {
      sb.append("-".repeat(w + 2)).append('+');
    }
    return sb.append('\n').toString();
  }

  private static void append(StringBuilder sb, String[] cells, int[] width) {
    String[][] lines = new String[cells.length][];
    int height = 1;
    for (int i = 0; i < cells.length; i++) {
      lines[i] = cells[i].split("\n", -1);
      height = Math.max(height, lines[i].length);
    }
    for (int l = 0; l < height; l++) {
      sb.append('|');
      for (int i = 0; i < cells.length; i++) {
        String text = l < lines[i].length ? lines[i][l] : "";
        sb.append(' ').append(text).append(" ".repeat(width[i] - text.length())).append(" |");
      }
      sb.append('\n');
    }
  }
}
