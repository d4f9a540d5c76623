package kiln.datasets.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import kiln.util.data.Idx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mnist provider on small IDX files the test writes (nothing is downloaded). */
class MnistProviderTest {
  @TempDir Path dir;
  String kilnHome;

  @BeforeEach
  void useATemporaryKilnHome() {
    kilnHome = System.getProperty("kiln.home");
    System.setProperty("kiln.home", dir.resolve("home").toString());
  }

  @AfterEach
  void restoreTheKilnHome() {
    if (kilnHome == null) {
      System.clearProperty("kiln.home");
    } else {
      System.setProperty("kiln.home", kilnHome);
    }
  }

  /** 3 training images of 2x3 pixels (labels 7, 0, 7) and 1 test image (label 3). */
  private Path writeFiles(Path folder) throws IOException {
    Files.createDirectories(folder);
    byte[] px = new byte[18];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i * 14);
    }
    new Idx(new int[] {3, 2, 3}, px).write(folder.resolve("train-images-idx3-ubyte.gz"));
    new Idx(new int[] {3}, new byte[] {7, 0, 7}).write(folder.resolve("train-labels-idx1-ubyte.gz"));
    new Idx(new int[] {1, 2, 3}, new byte[] {0, 50, 100, (byte) 150, (byte) 200, (byte) 250})
        .write(folder.resolve("t10k-images-idx3-ubyte.gz"));
    new Idx(new int[] {1}, new byte[] {3}).write(folder.resolve("t10k-labels-idx1-ubyte.gz"));
    return folder;
  }

  @Test
  void aLocalFolderIsExpandedIntoDigitClassFoldersWithTheTestSplit() throws Exception {
    Path src = writeFiles(dir.resolve("idx"));
    Dataset d = new MnistProvider().load(src.toString(), Progress.NONE);
    assertThat(d.name()).isEqualTo("mnist");
    assertThat(d.samplesByClass().keySet()).containsExactlyInAnyOrder("0", "3", "7"); // the record keeps no order
    assertThat(d.samplesByClass().get("7")).extracting(p -> p.getFileName().toString())
        .containsExactly("train_00000.png", "train_00002.png");
    assertThat(d.split().validation()).containsExactly("3/test_00000.png");
    // the PNG holds the IDX bytes, row by row
    BufferedImage img = ImageIO.read(d.samplesByClass().get("3").get(0).toFile());
    assertThat(img.getWidth()).isEqualTo(3);
    assertThat(img.getHeight()).isEqualTo(2);
    assertThat(img.getRaster().getSample(2, 1, 0)).isEqualTo(250);
    assertThat(img.getRaster().getSample(1, 0, 0)).isEqualTo(50);
  }

  @Test
  void aFolderWithoutTheFilesIsNamed() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("nothing_here"));
    assertThatThrownBy(() -> new MnistProvider().load(empty.toString(), Progress.NONE))
        .hasMessageContaining("nothing_here").hasMessageContaining("train-images-idx3-ubyte.gz");
  }

  @Test
  void aLabelOutsideTheDigitsIsAnErrorNamingTheFile() throws Exception {
    Path src = writeFiles(dir.resolve("bad"));
    new Idx(new int[] {1}, new byte[] {10}).write(src.resolve("t10k-labels-idx1-ubyte.gz"));
    assertThatThrownBy(() -> new MnistProvider().load(src.toString(), Progress.NONE))
        .hasMessageContaining("t10k-labels-idx1-ubyte.gz").hasMessageContaining("label 10");
  }

  @Test
  void theDownloadListHasTheFourPublishedFiles() {
    assertThat(MnistFiles.FILES).extracting(f -> f.name() + " " + f.size()).containsExactly(
        "train-images-idx3-ubyte.gz 9912422", "train-labels-idx1-ubyte.gz 28881",
        "t10k-images-idx3-ubyte.gz 1648877", "t10k-labels-idx1-ubyte.gz 4542");
    assertThat(MnistFiles.FILES).allSatisfy(f -> assertThat(f.sha256()).matches("[0-9a-f]{64}"));
  }
}
