package kiln.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** zoom_range takes what Keras takes: a number or a (low, high) pair (MLTK's rock_paper_scissors uses the pair). */
class ZoomRangeSettingTest {
  static ParallelImageDataGenerator validated(Object zoom) {
    ParallelImageDataGenerator g = new ParallelImageDataGenerator(Map.of("zoom_range", zoom));
    g.validate();
    return g;
  }

  @Test
  void aNumberOrAPairIsKept() {
    assertThat(validated(0.2).settings()).containsEntry("zoom_range", 0.2);
    assertThat(validated(List.of(0.95, 1.05)).settings()).containsEntry("zoom_range", List.of(0.95, 1.05));
    assertThat(validated(new double[] {0.9, 1}).settings()).containsEntry("zoom_range", List.of(0.9, 1.0));
    assertThat(new ParallelImageDataGenerator().settings()).containsEntry("zoom_range", 0.0);
  }

  @Test
  void anythingElseIsNamed() {
    assertThatThrownBy(() -> validated(List.of(1.2, 0.8)))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("datagen.zoom_range")
        .hasMessageContaining("expected a number z or a range (low, high) with low <= high, got [1.2, 0.8]");
    assertThatThrownBy(() -> validated("big")).hasMessageContaining("datagen.zoom_range");
  }
}
