package kiln.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import kiln.api.KilnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLoaderTest {
  @TempDir
  Path dir;

  @Test
  void readsGrayPngAndBmpValues() throws Exception {
    for (String format : new String[] {"png", "bmp"}) {
      Path f = TestImages.gray(dir.resolve("g." + format), 2, 3, 10, format);
      Image img = ImageLoader.load(f, null, ColorMode.AUTO, Interpolation.BILINEAR);
      assertThat(img.channels()).isEqualTo(1);
      assertThat(img.pixels()).containsExactly(10, 11, 12, 13, 14, 15);
    }
  }

  @Test
  void colourFilesConvertToRgbOrGray() throws Exception {
    BufferedImage rgb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    rgb.setRGB(0, 0, 0xC86432); // r 200, g 100, b 50
    Path f = dir.resolve("c.png");
    ImageIO.write(rgb, "png", f.toFile());
    assertThat(ImageLoader.load(f, null, ColorMode.AUTO, Interpolation.NEAREST).pixels()).containsExactly(200, 100, 50);
    assertThat(ImageLoader.load(f, null, ColorMode.GRAYSCALE, Interpolation.NEAREST).pixels()[0])
        .isCloseTo((float) (0.299 * 200 + 0.587 * 100 + 0.114 * 50), org.assertj.core.api.Assertions.within(1e-3f));
    Path jpg = dir.resolve("c.jpg");
    ImageIO.write(rgb, "jpg", jpg.toFile());
    assertThat(ImageLoader.load(jpg, null, ColorMode.RGB, Interpolation.NEAREST).channels()).isEqualTo(3);
  }

  @Test
  void resizesToTargetSize() throws Exception {
    Path f = TestImages.gray(dir.resolve("r.png"), 2, 2, 0, "png"); // 0 1 / 2 3
    Image up = ImageLoader.load(f, new int[] {4, 4}, ColorMode.GRAYSCALE, Interpolation.NEAREST);
    assertThat(up.height()).isEqualTo(4);
    assertThat(up.pixels()).containsExactly(0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3);
    Image down = ImageLoader.load(f, new int[] {1, 1}, ColorMode.GRAYSCALE, Interpolation.BILINEAR);
    assertThat(down.pixels()).containsExactly(1.5f);
    Image cubic = ImageLoader.load(f, new int[] {3, 3}, ColorMode.GRAYSCALE, Interpolation.BICUBIC);
    assertThat(cubic.pixels()[4]).isEqualTo(1.5f);
  }

  @Test
  void corruptOrMissingImagesNameTheFile() throws Exception {
    Path bad = dir.resolve("bad.png");
    Files.write(bad, new byte[] {1, 2, 3, 4});
    assertThatThrownBy(() -> ImageLoader.load(bad, null, ColorMode.AUTO, Interpolation.BILINEAR))
        .isInstanceOf(KilnException.class).hasMessageContaining(bad.toString());
    Path missing = dir.resolve("none.png");
    assertThatThrownBy(() -> ImageLoader.load(missing, null, ColorMode.AUTO, Interpolation.BILINEAR))
        .isInstanceOf(KilnException.class).hasMessageContaining(missing.toString());
  }
}
