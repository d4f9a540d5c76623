package kiln.bench.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import kiln.datasets.fashionmnist.FashionMnistProvider;
import kiln.util.data.DatasetFolders;

/**
 * The benchmark's images: Fashion-MNIST when its IDX files are on this machine (Debian's folder, or
 * {@code -Dkiln.dataset.fashion_mnist.dir}), else 28x28 gray PNGs of random blobs written to a
 * temporary folder, so the benchmark never downloads.
 */
final class BenchImages {
  static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  private BenchImages() {}

  static boolean fashionMnistPresent() {
    Path dir = Path.of(System.getProperty("kiln.dataset.fashion_mnist.dir", DEBIAN_DIR.toString()));
    return Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz"));
  }

  /** Fashion-MNIST (expanded under the Kiln home once) or {@code perClass} generated images per class. */
  static Dataset load(List<String> classes, int perClass, Path tmp) throws IOException {
    if (fashionMnistPresent()) {
      return new FashionMnistProvider().load(Progress.NONE);
    }
    Path root = tmp.resolve("generated");
    Random r = new Random(1);
    for (String c : classes) {
      Path dir = Files.createDirectories(root.resolve(c));
      for (int i = 0; i < perClass; i++) {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        int cx = 4 + r.nextInt(20);
        int cy = 4 + r.nextInt(20);
        for (int y = 0; y < 28; y++) {
          for (int x = 0; x < 28; x++) {
            double d = Math.hypot(x - cx, y - cy);
            img.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, (int) (255 - 25 * d + r.nextInt(30)))));
          }
        }
        ImageIO.write(img, "png", dir.resolve(String.format("img_%05d.png", i)).toFile());
      }
    }
    return DatasetFolders.list("generated", root, "bench", tmp.resolve("hashes"), List.of(".png"));
  }
}
