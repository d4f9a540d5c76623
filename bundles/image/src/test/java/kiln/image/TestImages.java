package kiln.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import kiln.api.data.Dataset;

/** Small image files and datasets written by tests. */
final class TestImages {
  private TestImages() {}

  /** An 8-bit gray image whose pixel (r, c) is {@code base + r * w + c}. */
  static Path gray(Path file, int h, int w, int base, String format) throws IOException {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        img.getRaster().setSample(c, r, 0, (base + r * w + c) & 0xff);
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(img, format, file.toFile());
    return file;
  }

  /** Classes a and b with {@code n} 4x4 gray PNGs each. */
  static Dataset dataset(Path root, int n) throws IOException {
    Map<String, List<Path>> byClass = new TreeMap<>();
    for (String c : List.of("a", "b")) {
      List<Path> files = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        files.add(gray(root.resolve(c).resolve(c + i + ".png"), 4, 4, (c.equals("a") ? 0 : 100) + i * 7, "png"));
      }
      byClass.put(c, files);
    }
    return new Dataset("test", root, byClass, "0");
  }
}
