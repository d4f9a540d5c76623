package kiln.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TrainingHistoryTest {
  @Test
  void writesMltksLayout() {
    Map<String, List<Double>> h = new LinkedHashMap<>();
    h.put("loss", List.of(0.5, 0.25));
    h.put("val_loss", List.of(0.75, 0.5));
    TrainingHistory t = TrainingHistory.of(h, 3, Map.of("epochs", 5));
    assertThat(t.toJson())
        .isEqualTo("{\"epochs\": [3, 4], \"params\": {\"epochs\": 5}, "
            + "\"history\": {\"loss\": [0.5, 0.25], \"val_loss\": [0.75, 0.5]}}");
    assertThat(TrainingHistory.fromJson(t.toJson(), "h").history()).isEqualTo(h);
  }

  @Test
  void appendsAResumedRun() {
    TrainingHistory first =
        TrainingHistory.of(Map.of("loss", List.of(0.9, 0.8, 0.7)), 0, Map.of());
    TrainingHistory resumed = TrainingHistory.of(Map.of("loss", List.of(0.65, 0.6)), 2, Map.of());
    TrainingHistory all = first.append(resumed);
    assertThat(all.epochs()).containsExactly(0, 1, 2, 3);
    assertThat(all.history().get("loss")).containsExactly(0.9, 0.8, 0.65, 0.6);
  }

  @Test
  void readsMltksHistoryAndPlotsIt() throws Exception {
    Path zip = Paths.get(System.getProperty("kiln.fixtures", "../../../shared/fixtures"))
        .resolve("mltk/tflite_micro_speech.mltk.zip");
    Assumptions.assumeTrue(Files.exists(zip), "fixtures not found at " + zip);
    byte[] json = ZipArchives.readEntry(zip, "train/training-history.json");
    TrainingHistory t =
        TrainingHistory.fromJson(new String(json, StandardCharsets.UTF_8), "training-history.json");
    assertThat(t.history().keySet())
        .containsExactly("loss", "accuracy", "val_loss", "val_accuracy", "lr");
    assertThat(t.history().get("val_accuracy")).hasSize(71);
    assertThat(t.history().get("loss").get(0)).isEqualTo(0.5645556449890137);
    assertThat(t.params()).containsEntry("steps", 552L);
    // MLTK's file numbers the epochs of the last run only; the curves start where that run started
    assertThat(t.plotFirstEpoch()).isEqualTo(t.firstEpoch());
  }

  @Test
  void badHistoryIsNamed() {
    assertThatThrownBy(() -> TrainingHistory.fromJson("{\"history\": {\"loss\": 3}}", "h.json"))
        .isInstanceOf(KilnException.class)
        .hasMessage("h.json: history.loss should be a list of numbers");
  }
}
