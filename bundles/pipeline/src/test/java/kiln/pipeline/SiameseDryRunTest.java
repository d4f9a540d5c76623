package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kiln.spec.data.Sample;
import kiln.models.ReferenceSpecs;
import kiln.spec.SearchPathModelFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * siamese_contrastive's dry run on small MNIST-format files the test writes (image i a bar at rows
 * 2 * (i % 10)): the spec makes MLTK's same/different digit pairs, the two-input model trains with
 * the contrastive loss, and the int8 file is made with representative pairs.
 */
class SiameseDryRunTest {
  @TempDir Path dir;

  /** The digit SpecDataTrainingTest.writeIdx drew: the bar's first row over 2. */
  static int digit(float[] x, int offset) {
    for (int i = 0; i < 784; i++) {
      if (x[offset + i] > 0) {
        return i / 28 / 2;
      }
    }
    return -1;
  }

  /** MLTK's make_pairs: per image a same-digit pair (label 1) then an other-digit pair (label 0). */
  @Test
  void pairsAreMltksSameAndDifferentDigitPairs() throws Exception {
    SpecDataTrainingTest.writeIdx(dir.resolve("idx"), 120, 60);
    System.setProperty("kiln.dataset.mnist.dir", dir.resolve("idx").toString());
    try {
      List<Sample> pairs = new kiln.models.siamese_contrastive().trainingData().toList(-1);
      assertThat(pairs).hasSize(2 * 60); // the first half of the 120 training images
      for (int i = 0; i < pairs.size(); i++) {
        Sample p = pairs.get(i);
        assertThat(p.x()).hasSize(2 * 784);
        assertThat(digit(p.x(), 0)).as("pair %d first image", i).isEqualTo((i / 2) % 10);
        assertThat(p.label()).isEqualTo(i % 2 == 0 ? 1 : 0);
        assertThat(digit(p.x(), 784) == digit(p.x(), 0)).as("pair %d", i).isEqualTo(i % 2 == 0);
        assertThat(p.x()[2 * 28 * ((i / 2) % 10) + 4]).isEqualTo(200f); // raw pixels, as MLTK's float32 cast
      }
    } finally {
      System.clearProperty("kiln.dataset.mnist.dir");
    }
  }

  @Test
  void missingMnistFilesAreNamed() {
    System.setProperty("kiln.dataset.mnist.dir", dir.resolve("nothing").toString());
    try {
      assertThatThrownBy(() -> new kiln.models.siamese_contrastive().trainingData())
          .hasMessageStartingWith("MNIST's train-images-idx3-ubyte.gz is not in " + dir.resolve("nothing"));
    } finally {
      System.clearProperty("kiln.dataset.mnist.dir");
    }
  }

  @Test
  void siameseContrastiveTrainsInItsDryRun() throws Exception {
    SpecDataTrainingTest.writeIdx(dir.resolve("idx"), 120, 60);
    System.setProperty("kiln.dataset.mnist.dir", dir.resolve("idx").toString());
    try {
      TrainCommand.Services services = new TrainCommand.Services(SearchPathModelFinder.standard(ReferenceSpecs::all),
          Map.of(), null, Pipelines.catalog(true), null);
      TrainFixtures.Lines out = new TrainFixtures.Lines();
      String report = new TrainCommand(services, dir, dir.resolve("work"))
          .run("siamese_contrastive-test", 0, false, false, out);
      String log = report + "\n" + String.join("\n", out.lines);
      // 96 training images (16 * 6, the first half for training) give two pairs each
      assertThat(log).contains("96 training samples, 96 validation samples");
      assertThat(log).contains("Epoch 1/1");
      assertThat(log).contains("Evaluation samples: 96 from the spec's evaluationData()");
      assertThat(log).contains(".tflite (int8) accuracy");
      assertThat(dir.resolve("siamese_contrastive-test.kiln.zip")).exists();
    } finally {
      System.clearProperty("kiln.dataset.mnist.dir");
    }
  }
}
