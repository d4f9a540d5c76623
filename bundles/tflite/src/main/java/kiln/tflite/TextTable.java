package kiln.tflite;

import java.util.ArrayList;
import java.util.List;

/** A left-aligned text table drawn like Python's PrettyTable (cells may hold several lines). */
final class TextTable {
  private final String[] header;
  private final List<String[]> rows = new ArrayList<>();

  TextTable(String... header) {
    this.header = header;
  }

  void add(Object... cells) {
    String[] row = new String[header.length];
    for (int i = 0; i < row.length; i++) {
      row[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
    }
    rows.add(row);
  }

  @Override
  public String toString() {
    int[] width = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      width[i] = header[i].length();
      for (String[] r : rows) {
        for (String line : r[i].split("\n", -1)) {
          width[i] = Math.max(width[i], line.length());
        }
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int w : width) {
      rule.append("-".repeat(w + 2)).append('+');
    }
    StringBuilder b = new StringBuilder();
    b.append(rule).append('\n');
    line(b, header, width);
    b.append(rule).append('\n');
    for (String[] r : rows) {
      String[][] lines = new String[r.length][];
      int height = 1;
      for (int i = 0; i < r.length; i++) {
        lines[i] = r[i].split("\n", -1);
        height = Math.max(height, lines[i].length);
      }
      for (int l = 0; l < height; l++) {
        String[] cells = new String[r.length];
        for (int i = 0; i < r.length; i++) {
          cells[i] = l < lines[i].length ? lines[i][l] : "";
        }
        line(b, cells, width);
      }
    }
    b.append(rule);
    return b.toString();
  }

  private static void line(StringBuilder b, String[] cells, int[] width) {
    b.append('|');
    for (int i = 0; i < cells.length; i++) {
      b.append(' ').append(cells[i]).append(" ".repeat(width[i] - cells[i].length())).append(" |");
    }
    b.append('\n');
  }
}
