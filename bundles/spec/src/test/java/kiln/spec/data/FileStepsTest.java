package kiln.spec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import kiln.audio.frontend.FrontendPresets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decoding steps of the directory source against values worked out by hand and TFLM's features. */
class FileStepsTest {
  @TempDir Path dir;

  @Test
  void smartResizeCropsTheCentreToTheTargetAspect() throws Exception {
    // a 4x8 gray image whose pixel (r, c) is 10 * c + r
    BufferedImage img = new BufferedImage(8, 4, BufferedImage.TYPE_BYTE_GRAY);
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 8; c++) {
        img.getRaster().setSample(c, r, 0, 10 * c + r);
      }
    }
    Path f = dir.resolve("wide.png");
    ImageIO.write(img, "png", f.toFile());
    // target 4x4: crop_h = min(4, int(8 * 4 / 4)) = 4, crop_w = min(8, int(4 * 4 / 4)) = 4, left (8 - 4) / 2 = 2
    float[] x = ImageFiles.read(f, 4, 4, 1);
    assertThat(x).containsExactly(20, 30, 40, 50, 21, 31, 41, 51, 22, 32, 42, 52, 23, 33, 43, 53);
    // a gray file read as RGB: its stored values in every channel (PIL's convert("RGB"))
    float[] grayRgb = ImageFiles.read(f, 4, 4, 3);
    assertThat(new float[] {grayRgb[0], grayRgb[1], grayRgb[2], grayRgb[3]}).containsExactly(20, 20, 20, 30);
    // a colour file read as RGB keeps its channels: pixel (r, c) = (c, r, 7)
    BufferedImage colour = new BufferedImage(8, 4, BufferedImage.TYPE_INT_RGB);
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 8; c++) {
        colour.setRGB(c, r, (c << 16) | (r << 8) | 7);
      }
    }
    ImageIO.write(colour, "png", dir.resolve("colour.png").toFile());
    float[] rgb = ImageFiles.read(dir.resolve("colour.png"), 4, 4, 3);
    assertThat(rgb).hasSize(48);
    assertThat(new float[] {rgb[0], rgb[1], rgb[2], rgb[3], rgb[45], rgb[46], rgb[47]})
        .containsExactly(2, 0, 7, 3, 5, 3, 7);
  }

  @Test
  void perImageStandardization() {
    // mean 2.5, std sqrt(1.25) = 1.1180340
    assertThat(ImageFiles.standardize(new float[] {1, 2, 3, 4}))
        .containsExactly(new float[] {-1.3416408f, -0.4472136f, 0.4472136f, 1.3416408f}, within(1e-6f));
    // a flat image: std 0, so max(0, 1 / sqrt(4)) = 0.5 divides zeros
    assertThat(ImageFiles.standardize(new float[] {5, 5, 5, 5})).containsExactly(0, 0, 0, 0);
  }

  @Test
  void hueAndSaturationAsTensorFlowDefinesThem() {
    // red turned a third of the way round is green; a sixth back from red is magenta
    assertThat(ImageFiles.adjustHue(new float[] {255, 0, 0}, 1 / 3.0)).containsExactly(new float[] {0, 255, 0},
        within(1e-3f));
    assertThat(ImageFiles.adjustHue(new float[] {255, 0, 0}, -1 / 6.0)).containsExactly(new float[] {255, 0, 255},
        within(1e-3f));
    // (200, 100, 100): v 200, s 0.5, h 0; s * 0.5 = 0.25 -> min 200 * 0.75 = 150
    assertThat(ImageFiles.adjustSaturation(new float[] {200, 100, 100}, 0.5))
        .containsExactly(new float[] {200, 150, 150}, within(1e-3f));
    // clipped at 1: s 0.5 * 3 -> 1, min 0
    assertThat(ImageFiles.adjustSaturation(new float[] {200, 100, 100}, 3)).containsExactly(new float[] {200, 0, 0},
        within(1e-3f));
    // gray has no hue: unchanged
    assertThat(ImageFiles.adjustHue(new float[] {90, 90, 90}, 0.3)).containsExactly(new float[] {90, 90, 90},
        within(1e-3f));
  }

  @Test
  void adjustLengthCropsOrPadsAtTheOffset() {
    float[] x = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
    // longer: int((6 - 4) * 0.5) = 1 sample in
    assertThat(AudioFiles.adjustLength(x, 4, 0, 0.5)).containsExactly(0.2f, 0.3f, 0.4f, 0.5f);
    // shorter: int((5 - 2) * 0.5) = 1 zero before
    assertThat(AudioFiles.adjustLength(new float[] {0.1f, 0.2f}, 5, 0, 0.5)).containsExactly(0, 0.1f, 0.2f, 0, 0);
  }

  @Test
  void rawWaveformTruncatesTowardZeroLikeNumpysAstype() {
    // 63.5 -> 63, -63.5 -> -63, 127, -127, 126.873 -> 126
    assertThat(AudioFiles.raw(new float[] {0.5f, -0.5f, 1f, -1f, 0.999f}, 127)).containsExactly(63, -63, 127, -127, 126);
  }

  @Test
  void spectrogramOfTflmsYesClipIsTheCFrontendsInt8Features() throws Exception {
    Path tflm = Path.of(System.getProperty("kiln.fixtures", "../../../shared/fixtures")).toAbsolutePath()
        .normalize().resolve("tflm");
    assumeTrue(Files.isRegularFile(tflm.resolve("yes_1000ms.wav")), "fixtures not found at " + tflm);
    // TFLite Micro's C microfrontend output for the clip, mapped to int8 by TFLM's formula (fixtures README)
    byte[] golden = Files.readAllBytes(tflm.resolve("frontend/yes_1000ms.i8.bin"));
    float[] x = AudioFiles.spectrogram(AudioFiles.read(tflm.resolve("yes_1000ms.wav"), 16000),
        FrontendPresets.microSpeech());
    assertThat(x).hasSize(golden.length);
    for (int i = 0; i < golden.length; i++) {
      assertThat(x[i]).as("value %d", i).isEqualTo(golden[i]);
    }
  }
}
