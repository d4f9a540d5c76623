package kiln.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import kiln.api.KilnException;
import kiln.util.json.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

public class ClassifierMetricsTest {
  public static final List<String> CLASSES = List.of("yes", "no", "_unknown_");
  public static final int[] LABELS = {0, 0, 1, 1, 2, 2};
  /** Hand-made: samples 1 (yes taken for no) and 5 (_unknown_ taken for yes) are wrong. */
  public static final List<float[]> SCORES =
      List.of(
          new float[] {0.8f, 0.1f, 0.1f},
          new float[] {0.3f, 0.6f, 0.1f},
          new float[] {0.2f, 0.7f, 0.1f},
          new float[] {0.1f, 0.5f, 0.4f},
          new float[] {0.1f, 0.2f, 0.7f},
          new float[] {0.5f, 0.1f, 0.4f});

  @Test
  void accuracyConfusionMatrixAndAucOfAHandMadeTable() {
    ClassifierMetrics m = ClassifierMetrics.compute("toy", CLASSES, SCORES, LABELS);
    assertThat(m.overallAccuracy()).isEqualTo(4 / 6.0);
    assertThat(m.classAccuracies()).containsExactly(0.5, 1.0, 0.5);
    assertThat(m.confusionMatrix()).isDeepEqualTo(new long[][] {{1, 1, 0}, {0, 2, 0}, {1, 0, 1}});
    // One vs rest AUC = share of (positive, negative) pairs ranked right, a tie counting half:
    // yes 7/8, no 7/8, _unknown_ (0.4 positive against 0.4 negative) 7.5/8.
    assertThat(m.rocAuc()).containsExactly(new double[] {0.875, 0.875, 0.9375}, within(1e-12));
    assertThat(m.rocAucAvg()).isCloseTo(2.6875 / 3, within(1e-12));
    assertThat(m.rocThresholds()).hasSize(101);
    assertThat(m.rocThresholds()[7]).isEqualTo(0.07000000000000001); // as numpy.arange gives it
    assertThat(m.fpr()[0][0]).isEqualTo(1.0);
    assertThat(m.tpr()[0][100]).isEqualTo(0.0);
    // yes: scores 0.8 P, 0.5 N, 0.3 P, 0.2 N, 0.1 N, 0.1 N
    assertThat(m.precision()[0])
        .containsExactly(new double[] {1 / 3.0, 0.5, 2 / 3.0, 0.5, 1, 1}, within(1e-15));
    assertThat(m.recall()[0]).containsExactly(1, 1, 1, 0.5, 0.5, 0);
    assertThat(m.classPrecision()).containsExactly(0.5, 2 / 3.0, 1.0);
    assertThat(m.classRecall()).containsExactly(0.5, 1.0, 0.5);
  }

  @Test
  void summaryHasMltksLayoutSortedBestFirst() {
    ClassifierMetrics m = ClassifierMetrics.compute("toy", CLASSES, SCORES, LABELS);
    assertThat(m.summary())
        .isEqualTo(
            "Name: toy\n"
                + "Model Type: classification\n"
                + "Overall accuracy: 66.667%\n"
                + "Class accuracies:\n"
                + "- no = 100.000%\n"
                + "- yes = 50.000%\n"
                + "- _unknown_ = 50.000%\n"
                + "Average ROC AUC: 89.583%\n"
                + "Class ROC AUC:\n"
                + "- _unknown_ = 93.750%\n"
                + "- yes = 87.500%\n"
                + "- no = 87.500%\n"
                + "Class precision / recall (highest score decides):\n"
                + "- yes = 50.000% / 50.000%\n"
                + "- no = 66.667% / 100.000%\n"
                + "- _unknown_ = 100.000% / 50.000%\n");
  }

  @Test
  void resultsMapUsesMltksKeysInOrder() {
    Map<String, Object> map = ClassifierMetrics.compute("toy", CLASSES, SCORES, LABELS).toMap();
    assertThat(map.keySet())
        .containsExactly(
            "name", "model_type", "classes", "overall_accuracy", "class_accuracies", "fpr", "tpr",
            "roc_auc", "roc_thresholds", "roc_auc_avg", "precision", "recall", "confusion_matrix",
            "class_precision", "class_recall");
    Map<String, Object> back = Json.parseObject(Json.write(map), "eval-results.json");
    assertThat(back.get("confusion_matrix"))
        .isEqualTo(List.of(List.of(1L, 1L, 0L), List.of(0L, 2L, 0L), List.of(1L, 0L, 1L)));
    assertThat(back.get("overall_accuracy")).isEqualTo(4 / 6.0);
  }

  @Test
  void binaryClassifierWithOneScorePerSample() {
    // MLTK: a single score below 0.5 is class 0; it fills that class's column, the other is 0.
    ClassifierMetrics m =
        ClassifierMetrics.compute(
            "bin",
            null,
            List.of(new float[] {0.9f}, new float[] {0.2f}, new float[] {0.6f}, new float[] {0.4f}),
            new int[] {1, 0, 0, 1});
    assertThat(m.classes()).containsExactly("0", "1");
    assertThat(m.overallAccuracy()).isEqualTo(0.5);
    assertThat(m.confusionMatrix()).isDeepEqualTo(new long[][] {{1, 1}, {1, 1}});
  }

  @Test
  void perfectClassifierHasAucOne() {
    ClassifierMetrics m =
        ClassifierMetrics.compute(
            "p", List.of("a", "b"),
            List.of(new float[] {0.9f, 0.1f}, new float[] {0.25f, 0.75f}, new float[] {1f, 0f}),
            new int[] {0, 1, 0});
    assertThat(m.overallAccuracy()).isEqualTo(1.0);
    assertThat(m.rocAuc()).containsExactly(1.0, 1.0);
    assertThat(m.rocAucAvg()).isEqualTo(1.0);
  }

  @Test
  void inconsistentInputsAreNamed() {
    assertThatThrownBy(() -> ClassifierMetrics.compute("x", List.of("a", "b"), SCORES, LABELS))
        .isInstanceOf(KilnException.class)
        .hasMessage(
            "classes: the model gives 3 scores per sample but 2 class names are given [a, b]");
    assertThatThrownBy(() -> ClassifierMetrics.compute("x", CLASSES, SCORES, new int[] {0, 1}))
        .isInstanceOf(KilnException.class)
        .hasMessage("labels: expected one label per sample (6), found 2");
    assertThatThrownBy(
            () -> ClassifierMetrics.compute("x", CLASSES, SCORES, new int[] {0, 0, 1, 1, 2, 3}))
        .isInstanceOf(KilnException.class)
        .hasMessage("labels: sample 5 has class 3, expected 0..2");
    assertThatThrownBy(
            () -> ClassifierMetrics.compute(
                "x", null, List.of(new float[] {0.1f, Float.NaN}), new int[] {0}))
        .isInstanceOf(KilnException.class)
        .hasMessage("scores: sample 0 class 1 is NaN");
    assertThatThrownBy(() -> ClassifierMetrics.compute("x", null, List.of(), new int[0]))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("found no samples");
  }

  /**
   * MLTK's own evaluation of tflite_micro_speech (in its archive): Kiln prints the same summary
   * from the same numbers, and its AUC rule gives the same AUC from MLTK's ROC points.
   */
  @Test
  void reproducesMltksSummaryAndAucFromItsArchive() throws IOException {
    Path zip = fixtures().resolve("mltk/tflite_micro_speech.mltk.zip");
    Assumptions.assumeTrue(Files.exists(zip), "fixtures not found at " + zip);
    for (String dir : List.of("eval/h5/", "eval/tflite/")) {
      Map<String, Object> r;
      String summary;
      try (ZipFile z = new ZipFile(zip.toFile())) {
        r = Json.parseObject(read(z, dir + "eval-results.json"), dir + "eval-results.json");
        summary = read(z, dir + "summary.txt");
      }
      @SuppressWarnings("unchecked")
      List<String> classes = (List<String>) r.get("classes");
      double[] auc = doubles(r.get("roc_auc"));
      String mine =
          ClassifierMetrics.summary(
              (String) r.get("name"), classes, (Double) r.get("overall_accuracy"),
              doubles(r.get("class_accuracies")), (Double) r.get("roc_auc_avg"), auc);
      assertThat(mine).isEqualTo(summary);
      @SuppressWarnings("unchecked")
      List<Object> fpr = (List<Object>) r.get("fpr");
      @SuppressWarnings("unchecked")
      List<Object> tpr = (List<Object>) r.get("tpr");
      // Kiln's AUC rule on MLTK's ROC points gives the AUC MLTK computed (an independent
      // implementation, numpy's) and saved
      for (int c = 0; c < classes.size(); c++) {
        assertThat(ClassifierMetrics.rocAuc(doubles(fpr.get(c)), doubles(tpr.get(c))))
            .isCloseTo(auc[c], within(1e-12));
      }
    }
  }

  static Path fixtures() {
    return Paths.get(System.getProperty("kiln.fixtures", "../../../shared/fixtures"));
  }

  private static String read(ZipFile z, String name) throws IOException {
    ZipEntry e = z.getEntry(name);
    try (InputStream in = z.getInputStream(e)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static double[] doubles(Object list) {
    List<?> l = (List<?>) list;
    double[] d = new double[l.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = ((Number) l.get(i)).doubleValue();
    }
    return d;
  }
}
