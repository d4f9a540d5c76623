package kiln.augment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import kiln.api.KilnException;
import kiln.api.data.Dataset;

/**
 * The samples of one subset, as MLTK's {@code list_dataset_directory} chooses them: the files of
 * each named class in the subset ({@link SampleSplit}; sorted, at most {@code max_samples_per_class}); for
 * {@code _unknown_}, {@code unknown_class_percentage} x the average class size drawn evenly from
 * the dataset's other word folders (those not starting with '_', '~' or '.'); for
 * {@code _silence_}, {@code silence_class_percentage} x the average class size of empty clips
 * (file null).
 */
public final class SampleIndex {
  public static final String UNKNOWN = "_unknown_";
  public static final String SILENCE = "_silence_";

  /** Which split of the files to use. */
  public enum Subset { TRAINING, VALIDATION, ALL }

  private final List<Path> files = new ArrayList<>();
  private final List<Integer> classIds = new ArrayList<>();
  private final Map<String, Integer> counts = new LinkedHashMap<>();

  private SampleIndex() {}

  /** Lists the samples of {@code subset}; {@code maxSamplesPerClass} < 0 means no limit. */
  public static SampleIndex build(
      Dataset dataset, List<String> classes, DatagenSettings settings, Subset subset,
      int maxSamplesPerClass, long seed) {
    SampleIndex index = new SampleIndex();
    Map<String, List<Path>> byClass = new LinkedHashMap<>();
    int known = 0;
    int knownTotal = 0;
    for (String c : classes) {
      if (c.equals(UNKNOWN) || c.equals(SILENCE)) {
        continue;
      }
      List<Path> all = dataset.samplesByClass().get(c);
      if (all == null) {
        throw new KilnException("dataset " + dataset.name() + " has no class folder '" + c + "' (model classes "
            + classes + "); it has " + new TreeSet<>(dataset.samplesByClass().keySet()));
      }
      List<Path> chosen = limit(inSubset(dataset, all, settings.validationSplit, subset), maxSamplesPerClass);
      byClass.put(c, chosen);
      known++;
      knownTotal += chosen.size();
    }
    int average = known == 0 ? 0 : knownTotal / known;
    if (classes.contains(UNKNOWN) && settings.unknownClassPercentage > 0) {
      byClass.put(UNKNOWN, limit(unknowns(dataset, classes, settings, subset, average, seed), maxSamplesPerClass));
    }
    if (classes.contains(SILENCE) && settings.silenceClassPercentage > 0) {
      int n = Math.max(1, (int) (average * settings.silenceClassPercentage));
      byClass.put(SILENCE, limit(Collections.nCopies(n, (Path) null), maxSamplesPerClass));
    }
    List<String> empty = new ArrayList<>();
    for (String c : classes) {
      List<Path> list = byClass.getOrDefault(c, List.of());
      index.counts.put(c, list.size());
      if (list.isEmpty()) {
        empty.add(c);
      }
      for (Path p : list) {
        index.files.add(p);
        index.classIds.add(classes.indexOf(c));
      }
    }
    if (!empty.isEmpty()) {
      throw new KilnException("dataset " + dataset.name() + ": no " + subset.name().toLowerCase()
          + " samples for class(es) " + empty + " (" + SampleSplit.rule(dataset, settings.validationSplit) + ")");
    }
    return index;
  }

  private static List<Path> unknowns(
      Dataset dataset, List<String> classes, DatagenSettings settings, Subset subset, int average, long seed) {
    List<String> others = new ArrayList<>();
    for (String c : new TreeSet<>(dataset.samplesByClass().keySet())) {
      if (!classes.contains(c) && !c.startsWith("_") && !c.startsWith("~") && !c.startsWith(".")) {
        others.add(c);
      }
    }
    if (others.isEmpty()) {
      throw new KilnException("dataset " + dataset.name() + " has no other word folders to draw the "
          + UNKNOWN + " class from");
    }
    int wanted = Math.max(1, (int) (average * settings.unknownClassPercentage));
    int perClass = Math.max(1, wanted / others.size());
    List<Path> out = new ArrayList<>();
    for (String c : others) {
      List<Path> files = new ArrayList<>(
          inSubset(dataset, dataset.samplesByClass().get(c), settings.validationSplit, subset));
      Collections.shuffle(files, new Random(seed + c.hashCode()));
      out.addAll(files.subList(0, Math.min(files.size(), perClass)));
      if (out.size() >= wanted) {
        break;
      }
    }
    return out;
  }

  private static List<Path> inSubset(Dataset dataset, List<Path> files, double split, Subset subset) {
    List<Path> sorted = new ArrayList<>(files);
    Collections.sort(sorted);
    sorted.removeIf(p -> !SampleSplit.inSubset(dataset, p, split, subset));
    return sorted;
  }

  private static List<Path> limit(List<Path> files, int max) {
    return max >= 0 && files.size() > max ? new ArrayList<>(files.subList(0, max)) : files;
  }

  /** Sample count. */
  public int size() {
    return files.size();
  }

  /** The file of sample {@code i}; null for a silence sample. */
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
