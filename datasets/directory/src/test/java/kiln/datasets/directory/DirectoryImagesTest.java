package kiln.datasets.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory provider on generated folders of class sub-folders of images. */
class DirectoryImagesTest {
  @TempDir Path dir;
  @TempDir Path home;
  String kilnHome;

  @BeforeEach
  void useATemporaryKilnHome() {
    kilnHome = System.getProperty("kiln.home");
    System.setProperty("kiln.home", home.toString());
  }

  @AfterEach
  void restoreTheKilnHome() {
    if (kilnHome == null) {
      System.clearProperty("kiln.home");
    } else {
      System.setProperty("kiln.home", kilnHome);
    }
  }

  private void image(String rel, String format) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    assertThat(ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), format, p.toFile())).isTrue();
  }

  private Dataset load() {
    return new DirectoryDatasetProvider().load(dir.toString(), Progress.NONE);
  }

  @Test
  void aFolderOfImagesIsAnImageDataset() throws Exception {
    image("cat/b.png", "png");
    image("cat/a.JPG", "jpg");
    image("dog/x.jpeg", "jpg");
    image("dog/deep/y.bmp", "bmp");
    Files.writeString(dir.resolve("dog/notes.txt"), "not a sample");
    Dataset d = load();
    assertThat(d.samplesByClass().keySet()).containsExactlyInAnyOrder("cat", "dog"); // the record keeps no order
    assertThat(d.samplesByClass().get("cat")).extracting(p -> p.getFileName().toString())
        .containsExactly("a.JPG", "b.png");
    assertThat(d.samplesByClass().get("dog")).extracting(p -> dir.relativize(p).toString())
        .containsExactly("dog/deep/y.bmp", "dog/x.jpeg");
  }

  @Test
  void anEmptyImageClassFolderIsNamed() throws Exception {
    image("cat/a.png", "png");
    Files.createDirectories(dir.resolve("bird"));
    Files.writeString(dir.resolve("bird/readme.txt"), "x");
    assertThatThrownBy(this::load).hasMessageContaining("class folder " + dir.resolve("bird"))
        .hasMessageContaining("holds no image file");
  }

  @Test
  void wavAndImagesTogetherAreRefused() throws Exception {
    image("cat/a.png", "png");
    Files.createDirectories(dir.resolve("yes"));
    Files.write(dir.resolve("yes/a.wav"), new byte[10]);
    assertThatThrownBy(this::load).hasMessageContaining("both .wav files (1) and image files (1)");
  }
}
