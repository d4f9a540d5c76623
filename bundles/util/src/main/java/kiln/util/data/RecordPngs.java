package kiln.util.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import kiln.api.KilnException;
import kiln.api.Progress;

/**
 * Writes numbered image records as PNGs in one folder per class, {@code <class>/<prefix>NNNNN.png}
 * (the number is the record's index in its split), in parallel with progress. Shared by the
 * datasets stored as fixed-size records (IDX, CIFAR-10).
 */
public final class RecordPngs {
  private final String dataset;
  private final List<String> classes;
  private final Path dir;
  private final int total;
  private final Progress progress;
  private final AtomicInteger done = new AtomicInteger();

  /** Creates the class folders in {@code dir}; {@code total} is the record count of all splits. */
  public RecordPngs(String dataset, List<String> classes, Path dir, int total, Progress progress) {
    this.dataset = dataset;
    this.classes = classes;
    this.dir = dir;
    this.total = total;
    this.progress = progress;
    try {
      for (String c : classes) {
        Files.createDirectories(dir.resolve(c));
      }
    } catch (IOException e) {
      throw new KilnException(dataset + ": cannot create class folders in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes records 0 .. count-1 of one part of a split as files numbered from {@code first} on (a
   * split stored in several files keeps one numbering); {@code label} gives an index into the classes.
   */
  public void write(String prefix, int first, int count, IntFunction<BufferedImage> image, IntUnaryOperator label) {
    IntStream.range(0, count).parallel().forEach(i -> {
      Path file = dir.resolve(classes.get(label.applyAsInt(i)))
          .resolve(String.format("%s%05d.png", prefix, first + i));
      try {
        ImageIO.write(image.apply(i), "png", file.toFile());
      } catch (IOException e) {
        throw new KilnException(dataset + ": cannot write " + file + ": " + e.getMessage(), e);
      }
      int d = done.incrementAndGet();
      if (d % 2000 == 0 || d == total) {
        progress.report("expanding " + dataset + " to PNG", d, total);
      }
    });
  }
}
