package kiln.archive;

import kiln.util.WeightsFormat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveContentsTest {
  @Test
  void trainingThenEvaluationBuildTheLayout(@TempDir Path dir) throws Exception {
    Path zip = dir.resolve(ArchiveLayout.archiveFileName("kws"));
    new ArchiveContents("kws")
        .spec("class kws {}")
        .weights(new kiln.api.model.Weights().put("dense/kernel", kiln.api.model.TensorData.ofFloat32(new int[] {2}, new float[] {1f, 2f})))
        .summary("layers")
        .trainLog("Epoch 1/1")
        .history(TrainingHistory.of(Map.of("loss", List.of(1.0, 0.5)), 0, Map.of()), new byte[] {(byte) 0x89, 1})
        .provenance(Provenance.builder("kws").seed(1).build())
        .writeTo(zip);
    Path eval = Files.createDirectories(dir.resolve("eval-out"));
    Files.writeString(eval.resolve("summary.txt"), "Name: kws\n");
    Files.write(eval.resolve("kws-roc.png"), new byte[] {1});
    new ArchiveContents("kws").tflite(new byte[] {1, 2, 3}).float32Tflite(new byte[] {4})
        .tfliteSummary("ops").evalDir(true, eval).writeTo(zip);

    ArchiveReader r = ArchiveReader.open(zip);
    assertThat(r.formatVersion()).isEqualTo(ArchiveLayout.FORMAT_VERSION);
    assertThat(r.model()).isEqualTo("kws");
    assertThat(r.entries().keySet())
        .containsExactly("kiln-archive.json", "kws.java", "kws.weights", "kws.summary.txt",
            "train/log.txt", "train/training-history.json", "train/training-history.png",
            "provenance.json", "kws.tflite", "kws.float32.tflite", "kws.tflite.summary.txt",
            "eval/tflite/kws-roc.png", "eval/tflite/summary.txt");
    assertThat(r.specSource()).isEqualTo("class kws {}");
    assertThat(r.weights().get("dense/kernel").toFloats()).containsExactly(1, 2);
    assertThat(r.tflite()).containsExactly(1, 2, 3);
    assertThat(r.provenance().seed()).isEqualTo(1L);
    assertThat(r.history().history().get("loss")).containsExactly(1.0, 0.5);
    assertThat(r.evalFiles(true).keySet()).containsExactly("kws-roc.png", "summary.txt");

    // A second evaluation replaces the first one's files.
    Files.delete(eval.resolve("kws-roc.png"));
    new ArchiveContents("kws").evalDir(true, eval).writeTo(zip);
    assertThat(ArchiveReader.open(zip).evalFiles(true).keySet()).containsExactly("summary.txt");
  }

  @Test
  void readsMltkArchivesAndRefusesNewerFormats(@TempDir Path dir) {
    Path mltk = Path.of(System.getProperty("kiln.fixtures", "../../../shared/fixtures"))
        .resolve("mltk/tflite_micro_speech.mltk.zip");
    if (Files.exists(mltk)) {
      ArchiveReader r = ArchiveReader.open(mltk);
      assertThat(r.formatVersion()).isZero();
      assertThat(r.model()).isEqualTo("tflite_micro_speech");
      assertThat(r.tflite()).hasSize(21616);
      assertThat(r.evalFiles(false)).containsKey("summary.txt"); // MLTK's eval/h5/
    }
    Path newer = dir.resolve("n.kiln.zip");
    ZipArchives.update(newer, Map.of("kiln-archive.json", "{\"format_version\": 99}".getBytes()));
    assertThatThrownBy(() -> ArchiveReader.open(newer))
        .isInstanceOf(KilnException.class)
        .hasMessage(newer + ": archive format version 99, this Kiln reads versions up to 1"
            + " (written by a newer Kiln?)");
    Path empty = dir.resolve("e.kiln.zip");
    ZipArchives.update(empty, Map.of("x", new byte[0]));
    assertThatThrownBy(() -> ArchiveReader.open(empty).weights())
        .isInstanceOf(KilnException.class)
        .hasMessage(empty + ": has no e.weights (entries: [x])");
  }

  @Test
  void modelNamesAreChecked() {
    assertThatThrownBy(() -> new ArchiveContents("../x"))
        .isInstanceOf(KilnException.class)
        .hasMessage("archive model name '../x': expected letters, digits, '_', '-' or '.'");
  }
}
