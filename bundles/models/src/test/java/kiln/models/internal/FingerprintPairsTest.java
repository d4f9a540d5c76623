package kiln.models.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import kiln.spec.data.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MLTK's fingerprint pairs, counted by hand on a folder the test writes. */
class FingerprintPairsTest {
  @TempDir Path dir;

  /** A 6x6 gray image whose pixel (r, c) is base + 6 r + c; the value identifies the image. */
  void write(String finger, String file, int base) throws Exception {
    BufferedImage img = new BufferedImage(6, 6, BufferedImage.TYPE_BYTE_GRAY);
    for (int r = 0; r < 6; r++) {
      for (int c = 0; c < 6; c++) {
        img.getRaster().setSample(c, r, 0, base + 6 * r + c);
      }
    }
    Files.createDirectories(dir.resolve(finger));
    ImageIO.write(img, "png", dir.resolve(finger).resolve(file).toFile());
  }

  @Test
  void pairsAreEveryOrderedMatchAndNoMatchesPerImage() throws Exception {
    write("a", "raw_0.png", 0);
    write("a", "raw_1.png", 40);
    write("b", "raw_0.png", 80);
    write("b", "raw_1.png", 120);
    write("b", "raw_2.png", 160);
    write("c", "raw_0.png", 200); // one image: no match pair possible, left out as MLTK does
    Files.writeString(dir.resolve("b").resolve("notes.txt"), "not an image");
    FingerprintPairs p = new FingerprintPairs(dir, new int[] {6, 6}, new int[] {4, 4, 1});
    assertThat(p.fingerCount()).isEqualTo(2);

    // image: pixel (1 + i, 1 + j) of the 6x6 file, minus 128: base + 6 (1 + i) + (1 + j) - 128
    float[] x = p.image(dir.resolve("b").resolve("raw_0.png"));
    assertThat(x).hasSize(16);
    assertThat(x[0]).isEqualTo(80 + 7 - 128);
    assertThat(x[15]).isEqualTo(80 + 6 * 4 + 4 - 128);

    List<Sample> pairs = p.pairs(0, 2, 2, 1, -1).toList(-1);
    // match: a 2*1 + b 3*2 = 8 ordered pairs; no-match: 5 images * 2 = 10
    assertThat(pairs).hasSize(18);
    int match = 0;
    for (Sample s : pairs) {
      assertThat(s.x()).hasSize(32);
      // the first value of each image names it: base + 7 - 128, and its finger: base < 80 is a
      int first = Math.round(s.x()[0]) + 128 - 7;
      int second = Math.round(s.x()[16]) + 128 - 7;
      boolean sameFinger = (first < 80) == (second < 80);
      if (s.label() == 0) {
        match++;
        assertThat(sameFinger).isTrue();
        assertThat(first).isNotEqualTo(second);
      } else {
        assertThat(s.label()).isEqualTo(1);
        assertThat(sameFinger).isFalse();
      }
    }
    assertThat(match).isEqualTo(8);
    assertThat(p.pairs(0, 2, 2, 1, 5).toList(-1)).hasSize(5);
  }

  @Test
  void tooFewFingersAndBadSizesAreNamed() throws Exception {
    write("a", "raw_0.png", 0);
    write("a", "raw_1.png", 40);
    assertThatThrownBy(() -> new FingerprintPairs(dir, new int[] {6, 6}, new int[] {4, 4, 1}))
        .hasMessageContaining("expected subfolders of two fingers or more").hasMessageContaining("found 1");
    assertThatThrownBy(() -> new FingerprintPairs(dir, new int[] {6, 6}, new int[] {3, 3, 1}))
        .hasMessageContaining("larger by an even number of pixels");
    assertThatThrownBy(() -> new FingerprintPairs(dir.resolve("none"), new int[] {6, 6}, new int[] {4, 4, 1}))
        .hasMessageContaining("is not a folder");
  }
}
