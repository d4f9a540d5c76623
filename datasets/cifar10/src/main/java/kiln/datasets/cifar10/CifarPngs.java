package kiln.datasets.cifar10;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.util.data.IdxPngs;
import kiln.util.data.RecordPngs;

/**
 * Expands an extracted {@code cifar-10-batches-bin} folder into RGB PNG class folders:
 * {@code <class>/train_NNNNN.png} numbered across the five training batches in order, and
 * {@code <class>/test_NNNNN.png} from {@code test_batch.bin} (the prefixes of the IDX datasets, so
 * {@link kiln.util.data.IdxDataset#withTestSplit} marks the test images as the validation split).
 */
final class CifarPngs {
  static final List<String> TRAIN = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
      "data_batch_4.bin", "data_batch_5.bin");
  static final String TEST = "test_batch.bin";
  static final String META = "batches.meta.txt";

  private CifarPngs() {}

  /** The batch files {@code dir} lacks (empty when it has them all). */
  static List<String> missing(Path dir) {
    return java.util.stream.Stream.concat(TRAIN.stream(), java.util.stream.Stream.of(TEST))
        .filter(f -> !Files.isRegularFile(dir.resolve(f))).toList();
  }

  /** Checks the folder's class names when it has {@code batches.meta.txt} (one per line, blank lines after). */
  static void checkMeta(Path src, List<String> classes) {
    Path meta = src.resolve(META);
    if (!Files.isRegularFile(meta)) {
      return;
    }
    List<String> names;
    try {
      names = Files.readAllLines(meta).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    } catch (IOException e) {
      throw new KilnException("CIFAR-10 class list " + meta + " cannot be read: " + e, e);
    }
    if (!names.equals(classes)) {
      throw new KilnException("CIFAR-10 class list " + meta + " names " + names + ", expected " + classes);
    }
  }

  /** Writes every record of {@code src} into {@code dir}; returns the number of images. */
  static int expand(String dataset, Path src, List<String> classes, Path dir, Progress progress) {
    checkMeta(src, classes);
    // each batch is read (and checked) up front, so a bad file fails before any PNG is written
    List<CifarBatch> train = TRAIN.stream().map(f -> CifarBatch.read(src.resolve(f), classes.size())).toList();
    CifarBatch test = CifarBatch.read(src.resolve(TEST), classes.size());
    int total = test.count() + train.stream().mapToInt(CifarBatch::count).sum();
    RecordPngs out = new RecordPngs(dataset, classes, dir, total, progress);
    int first = 0;
    for (CifarBatch b : train) {
      out.write(IdxPngs.TRAIN_PREFIX, first, b.count(), b::image, b::label);
      first += b.count();
    }
    out.write(IdxPngs.TEST_PREFIX, 0, test.count(), test::image, test::label);
    return total;
  }
}
