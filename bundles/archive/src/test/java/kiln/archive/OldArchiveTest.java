package kiln.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import kiln.api.model.Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kws_v1.kiln.zip} was written by the first archive format (made by
 * {@link MakeArchiveFixture} and checked in). Every later Kiln must still read it: never
 * regenerate the file to make this test pass.
 */
class OldArchiveTest {
  @Test
  void formatOneArchiveStillReads(@TempDir Path dir) throws Exception {
    Path zip = dir.resolve("kws_v1.kiln.zip");
    try (InputStream in = OldArchiveTest.class.getResourceAsStream("/kws_v1.kiln.zip")) {
      Files.copy(in, zip);
    }
    ArchiveReader r = ArchiveReader.open(zip);
    assertThat(r.formatVersion()).isEqualTo(1);
    assertThat(r.model()).isEqualTo("kws_v1");
    assertThat(r.specSource()).isEqualTo("// @kiln_model\npublic class kws_v1 {}\n");

    Weights w = r.weights();
    assertThat(w.asMap().keySet())
        .containsExactly("conv2d/kernel", "conv2d/bias", "batch_normalization/moving_variance");
    assertThat(w.get("conv2d/kernel").shape()).containsExactly(2, 2, 1, 2);
    assertThat(w.get("conv2d/kernel").toFloats())
        .containsExactly(0.5f, -0.5f, 1f, -1f, 0.25f, -0.25f, 2f, -2f);
    assertThat(w.get("conv2d/bias").toFloats()).containsExactly(0.125f, -0.125f);

    Provenance p = r.provenance();
    assertThat(p.specHash()).isEqualTo(Provenance.sha256(r.specSource().getBytes()));
    assertThat(p.datasetName()).isEqualTo("yes_no");
    assertThat(p.seed()).isEqualTo(42L);
    assertThat(p.settings()).containsEntry("optimizer", "adam").containsEntry("epochs", 3L);
    assertThat(p.tensorflowVersion()).isEqualTo("2.18.0");
    assertThat(p.started()).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
    assertThat(p.finished()).isEqualTo(Instant.parse("2026-11-21T10:05:30Z"));

    TrainingHistory h = r.history();
    assertThat(h.epochs()).containsExactly(0, 1, 2);
    assertThat(h.history().get("val_accuracy")).containsExactly(0.5, 0.625, 0.75);
    assertThat(r.tflite()).containsExactly(0x1c, 0, 0, 0, 'T', 'F', 'L', '3');
    assertThat(r.evalFiles(false).keySet()).containsExactly("summary.txt");

    // Updating an old archive keeps its entries and adds the new ones.
    new ArchiveContents("kws_v1").float32Tflite(new byte[] {5}).writeTo(zip);
    ArchiveReader updated = ArchiveReader.open(zip);
    assertThat(updated.weights().size()).isEqualTo(3);
    assertThat(updated.float32Tflite()).containsExactly(5);
    assertThat(updated.entries().keySet()).startsWith("kiln-archive.json", "kws_v1.java");
    assertThat(List.copyOf(updated.entries().keySet())).hasSize(11);
  }
}
