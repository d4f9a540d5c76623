package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import kiln.api.KilnException;
import kiln.image.ImageInput;
import kiln.tflite.ModelParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kiln:classify_image on MLTK's rock/paper/scissors model (96x96x1 int8, samplewise mean/std). */
class ClassifyImageTest {
  private static final String LINE = "[a-z_0-9]+\\.(png|bmp): (rock|paper|scissor) [01]\\.\\d{3}";

  @TempDir Path tmp;

  private static Path model() {
    kiln.micro.Fixtures.read("mltk/image_example1.tflite");
    return kiln.micro.Fixtures.dir().resolve("mltk/image_example1.tflite");
  }

  private static void image(Path file, int w, int h, int type, String format) throws Exception {
    BufferedImage img = new BufferedImage(w, h, type);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = (x * 255 / w + (y / 8) * 40) & 0xff;
        img.getRaster().setPixel(x, y, type == BufferedImage.TYPE_BYTE_GRAY ? new int[] {v} : new int[] {v, 255 - v, v / 2});
      }
    }
    assertThat(ImageIO.write(img, format, file.toFile())).isTrue();
  }

  private String run(Path file, Path dir) {
    return ClassifyImage.run(InferCommandTest.MICRO, null, null, model().toString(), tmp, file, dir);
  }

  @Test
  void everyImageOfAFolderGetsItsTopClassAndScore() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("imgs"));
    image(dir.resolve("a_gray.png"), 96, 96, BufferedImage.TYPE_BYTE_GRAY, "png");
    image(dir.resolve("b_rgb_resized.png"), 40, 30, BufferedImage.TYPE_INT_RGB, "png"); // to 96x96 gray
    image(dir.resolve("c.bmp"), 96, 96, BufferedImage.TYPE_INT_RGB, "bmp");
    Files.writeString(dir.resolve("notes.txt"), "not an image");
    String out = run(null, dir);
    String[] lines = out.split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).startsWith("a_gray.png: ");
    assertThat(lines[1]).startsWith("b_rgb_resized.png: ");
    assertThat(lines[2]).startsWith("c.bmp: ");
    for (String l : lines) {
      assertThat(l).matches(LINE);
    }
    // one file alone gives the same line as in the folder
    assertThat(run(dir.resolve("a_gray.png"), null)).isEqualTo(lines[0]);
  }

  @Test
  void aCorruptImageIsNamed() throws Exception {
    Path bad = tmp.resolve("broken.png");
    Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    assertThatThrownBy(() -> run(bad, null)).isInstanceOf(KilnException.class).hasMessageContaining("broken.png");
  }

  @Test
  void aFolderWithoutImagesIsAnErrorNamingIt() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty_folder"));
    Files.writeString(empty.resolve("readme.txt"), "x");
    assertThatThrownBy(() -> run(null, empty)).hasMessageContaining("empty_folder").hasMessageContaining("no image");
    assertThatThrownBy(() -> run(null, null)).hasMessageContaining("--file").hasMessageContaining("--dir");
  }

  @Test
  void aModelWithoutClassesIsRefused() throws Exception {
    kiln.micro.Fixtures.read("tflm/micro_speech_quantized.tflite");
    Path m = kiln.micro.Fixtures.dir().resolve("tflm/micro_speech_quantized.tflite");
    Path png = tmp.resolve("x.png");
    image(png, 8, 8, BufferedImage.TYPE_BYTE_GRAY, "png");
    assertThatThrownBy(() -> ClassifyImage.run(InferCommandTest.MICRO, null, null, m.toString(), tmp, png, null))
        .hasMessageContaining("'classes' parameter");
  }

  @Test
  void normalizationComesFromKilnsOrMltksParameters() {
    ModelParameters ours = new ModelParameters();
    ours.put("samplewise_norm.rescale", 1 / 255f);
    ours.put("samplewise_norm.mean_and_std", false);
    ImageInput k = ImageInput.of(ours::get, "k");
    assertThat(k.rescale()).isCloseTo(1 / 255.0, org.assertj.core.api.Assertions.within(1e-7));
    assertThat(k.center() || k.std()).isFalse();
    assertThat(k.normalize(new float[] {255, 0})).containsExactly(1f, 0f);
    ModelParameters mltk = new ModelParameters();
    mltk.put("samplewise_norm.mean", true);
    mltk.put("samplewise_norm.std", true);
    ImageInput m = ImageInput.of(mltk::get, "m");
    assertThat(m.center() && m.std()).isTrue();
    float[] x = m.normalize(new float[] {0, 10});
    assertThat(x[0]).isCloseTo(-1f, org.assertj.core.api.Assertions.within(1e-5f));
    assertThat(x[1]).isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-5f));
    // the fixture: MLTK wrote samplewise_norm.mean/std = True, rescale 0
    ImageInput real = ImageInput.of(kiln.tflite.TfliteModel.read(model()).parameters()::get, "image_example1");
    assertThat(real).isEqualTo(new ImageInput(0, true, true));
  }
}
