package kiln.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import kiln.api.KilnException;
import kiln.api.data.Dataset;
import kiln.util.data.SampleSplit;

/**
 * The image files of one subset: for each model class, its folder's PNG, JPEG and BMP files in the
 * subset ({@link SampleSplit}: the dataset's own split, else {@code validation_split}), sorted, at
 * most {@code max_samples_per_class}.
 */
public final class ImageSampleIndex {
  /** The image file extensions read. */
  public static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp");

  private final List<Path> files = new ArrayList<>();
  private final List<Integer> classIds = new ArrayList<>();
  private final Map<String, Integer> counts = new LinkedHashMap<>();

  private ImageSampleIndex() {}

  /** Lists the samples of {@code subset}; {@code maxPerClass} < 0 means no limit. */
  public static ImageSampleIndex build(Dataset dataset, List<String> classes, double validationSplit,
      ParallelImageDataGenerator.Subset subset, int maxPerClass) {
    ImageSampleIndex index = new ImageSampleIndex();
    List<String> empty = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      String name = classes.get(c);
      List<Path> all = dataset.samplesByClass().get(name);
      if (all == null) {
        throw new KilnException("dataset " + dataset.name() + " has no class folder '" + name + "' (model classes "
            + classes + "); it has " + new TreeSet<>(dataset.samplesByClass().keySet()));
      }
      List<Path> chosen = new ArrayList<>();
      for (Path p : all) {
        if (isImage(p) && inSubset(dataset, p, validationSplit, subset)) {
          chosen.add(p);
        }
      }
      Collections.sort(chosen);
      if (maxPerClass >= 0 && chosen.size() > maxPerClass) {
        chosen = new ArrayList<>(chosen.subList(0, maxPerClass));
      }
      if (chosen.isEmpty()) {
        empty.add(name);
      }
      index.counts.put(name, chosen.size());
      for (Path p : chosen) {
        index.files.add(p);
        index.classIds.add(c);
      }
    }
    if (!empty.isEmpty()) {
      throw new KilnException("dataset " + dataset.name() + ": no " + subset.name().toLowerCase(Locale.ROOT)
          + " images (" + EXTENSIONS + ") for class(es) " + empty + " (" + SampleSplit.rule(dataset, validationSplit)
          + ")");
    }
    return index;
  }

  private static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(n::endsWith);
  }

  private static boolean inSubset(Dataset d, Path p, double split, ParallelImageDataGenerator.Subset subset) {
    if (subset == ParallelImageDataGenerator.Subset.ALL) {
      return true;
    }
    SampleSplit.Side side = SampleSplit.side(d, p, split);
    return side == (subset == ParallelImageDataGenerator.Subset.VALIDATION
        ? SampleSplit.Side.VALIDATION : SampleSplit.Side.TRAINING);
  }

  public int size() {
    return files.size();
  }

  public Path file(int i) {
    return files.get(i);
  }

  /** The class index (position in the model's classes) of sample {@code i}. */
  public int classId(int i) {
    return classIds.get(i);
  }

  /** Samples per class, in the model's class order. */
  public Map<String, Integer> counts() {
    return Collections.unmodifiableMap(counts);
  }
}
