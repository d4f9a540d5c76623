package kiln.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTableTest {
  @Test
  void padsColumnsAndGrowsRowsForMultiLineCells() {
    String t = new TextTable("Index", "OpCode").row(0, "conv_2d\n10x8").row(12, "softmax").toString();
    assertThat(t).isEqualTo(
        "+-------+---------+\n"
            + "| Index | OpCode  |\n"
            + "+-------+---------+\n"
            + "| 0     | conv_2d |\n"
            + "|       | 10x8    |\n"
            + "| 12    | softmax |\n"
            + "+-------+---------+\n");
  }

  @Test
  void nullPrintsAsAnEmptyCellAndAnEmptyTableIsHeaderOnly() {
    assertThat(new TextTable("Name", "Shape").row(null, "1x4").toString()).isEqualTo(
        "+------+-------+\n"
            + "| Name | Shape |\n"
            + "+------+-------+\n"
            + "|      | 1x4   |\n"
            + "+------+-------+\n");
    assertThat(new TextTable("a").toString()).isEqualTo("+---+\n| a |\n+---+\n+---+\n");
  }

  @Test
  void refusesRowsOfTheWrongWidth() {
    assertThatThrownBy(() -> new TextTable("a", "b").row(1))
        .hasMessage("row has 1 cells, the table has 2 columns");
  }
}
