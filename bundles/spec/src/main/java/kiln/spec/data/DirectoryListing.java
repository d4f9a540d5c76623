package kiln.spec.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import kiln.api.KilnException;

/**
 * The sample files of a folder of class sub-folders ({@code <dir>/<class>/**}), chosen as MLTK's
 * {@code list_dataset_directory} chooses them (mltk/core/preprocess/utils/list_directory.py, used by
 * {@code tf_dataset.load_image_directory} and {@code load_audio_directory}):
 * <ol>
 *   <li>each named class lists the files below its folder whose names end in one of the extensions,
 *       sorted by their path relative to {@code dir};
 *   <li>{@code split (start, stop)} keeps files {@code [0, ceil(stop * n))} when start is 0, else
 *       {@code [ceil(start * n), n)};
 *   <li>at most {@code maxSamplesPerClass} of each class (the first ones);
 *   <li>{@code _unknown_} in the classes takes {@code max(1, int(average * unknownClassPercentage))}
 *       files from the other class folders (not starting with {@code _ ~ .}, sorted by name), each
 *       folder's split files shuffled with the seed and up to {@code max(1, count / folders)} taken
 *       from each until there are enough; {@code _silence_} gets {@code max(1, int(average *
 *       silenceClassPercentage))} null entries (all-zero samples), where {@code average} is the
 *       number of listed files of the named classes divided by their number;
 *   <li>with {@code shuffle}, the files of all classes are shuffled together with the seed.
 * </ol>
 * Shuffles use {@code java.util.Random(seed)}: the same order on every run, not NumPy's order. A
 * class without files is an error naming it.
 *
 * @param files the sample files in order; null entries are {@code _silence_} samples
 * @param labels the class index of each file (its position in the classes)
 * @param classCounts the number of files of each class, in the classes' order
 */
public record DirectoryListing(List<Path> files, int[] labels, Map<String, Integer> classCounts) {
  /** MLTK's label for samples drawn from the class folders not named in the classes. */
  public static final String UNKNOWN = "_unknown_";
  /** MLTK's label for all-zero samples. */
  public static final String SILENCE = "_silence_";
  /** The image files MLTK's {@code load_image_directory} lists by default. */
  public static final List<String> IMAGES = List.of(".png", ".jpg", ".jpeg", ".bmp");
  /** The audio files MLTK's {@code load_audio_directory} lists by default. */
  public static final List<String> WAV = List.of(".wav");

  public DirectoryListing {
    files = Collections.unmodifiableList(new ArrayList<>(files));
    classCounts = Collections.unmodifiableMap(new LinkedHashMap<>(classCounts));
  }

  /** How to list a folder; {@link #of(List, List)} gives MLTK's defaults. */
  public record Options(List<String> classes, List<String> extensions, double[] split, int maxSamplesPerClass,
      boolean shuffle, long seed, double unknownClassPercentage, double silenceClassPercentage) {
    /** All files of these classes, in order: no split, no limit, no shuffle, percentages 1.0. */
    public static Options of(List<String> classes, List<String> extensions) {
      return new Options(classes, extensions, null, -1, false, 43, 1.0, 1.0);
    }

    /** The files of {@code [start, stop)} of each class (MLTK's {@code split=(start, stop)}). */
    public Options split(double start, double stop) {
      if (!(start >= 0 && stop <= 1 && start < stop)) {
        throw new KilnException("directory split: expected 0 <= start < stop <= 1, got (" + start + ", " + stop + ")");
      }
      return new Options(classes, extensions, new double[] {start, stop}, maxSamplesPerClass, shuffle, seed,
          unknownClassPercentage, silenceClassPercentage);
    }

    /** At most {@code n} files per class ({@code -1}: all). */
    public Options maxSamplesPerClass(int n) {
      return new Options(classes, extensions, split, n, shuffle, seed, unknownClassPercentage, silenceClassPercentage);
    }

    /** Shuffles the files of all classes together with {@code seed}. */
    public Options shuffle(long seed) {
      return new Options(classes, extensions, split, maxSamplesPerClass, true, seed, unknownClassPercentage,
          silenceClassPercentage);
    }

    /** The size of {@code _unknown_} relative to the average named class. */
    public Options unknownClassPercentage(double p) {
      return new Options(classes, extensions, split, maxSamplesPerClass, shuffle, seed, p, silenceClassPercentage);
    }

    /** The size of {@code _silence_} relative to the average named class. */
    public Options silenceClassPercentage(double p) {
      return new Options(classes, extensions, split, maxSamplesPerClass, shuffle, seed, unknownClassPercentage, p);
    }
  }

  /** The number of samples. */
  public int size() {
    return files.size();
  }

  /** Lists {@code dir} (see the class comment). */
  public static DirectoryListing list(Path dir, Options o) {
    if (o.classes() == null || o.classes().isEmpty()) {
      throw new KilnException("directory " + dir + ": expected a list of classes, got none");
    }
    if (!Files.isDirectory(dir)) {
      throw new KilnException("directory " + dir + " does not exist (expected a folder of class sub-folders)");
    }
    List<String> classes = o.classes();
    boolean unknown = o.unknownClassPercentage() > 0 && classes.contains(UNKNOWN);
    boolean silence = o.silenceClassPercentage() > 0 && classes.contains(SILENCE);
    Map<String, List<Path>> byClass = new LinkedHashMap<>();
    int named = 0;
    int total = 0;
    for (String c : classes) {
      byClass.put(c, new ArrayList<>());
      if (c.equals(UNKNOWN) && unknown || c.equals(SILENCE) && silence) {
        continue;
      }
      List<Path> f = split(listClass(dir, c, o.extensions()), o.split());
      if (o.maxSamplesPerClass() >= 0 && f.size() > o.maxSamplesPerClass()) {
        f = f.subList(0, o.maxSamplesPerClass());
      }
      byClass.put(c, new ArrayList<>(f));
      named++;
      total += f.size();
    }
    int average = named == 0 ? 0 : total / named;
    if (unknown) {
      byClass.put(UNKNOWN, unknownFiles(dir, classes, o, average));
    }
    if (silence) {
      int n = Math.max(1, (int) (average * o.silenceClassPercentage()));
      byClass.put(SILENCE, new ArrayList<>(Collections.nCopies(n, (Path) null)));
    }
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    List<String> empty = new ArrayList<>();
    for (Map.Entry<String, List<Path>> e : byClass.entrySet()) {
      List<Path> f = e.getValue();
      if (o.maxSamplesPerClass() >= 0 && f.size() > o.maxSamplesPerClass()) {
        f = f.subList(0, o.maxSamplesPerClass());
      }
      counts.put(e.getKey(), f.size());
      if (f.isEmpty()) {
        empty.add(e.getKey());
      }
      files.addAll(f);
      for (int i = 0; i < f.size(); i++) {
        labels.add(classes.indexOf(e.getKey()));
      }
    }
    if (!empty.isEmpty()) {
      throw new KilnException("directory " + dir + ": no " + String.join("/", o.extensions()) + " files for class"
          + (empty.size() > 1 ? "es " : " ") + String.join(", ", empty) + " (expected them in "
          + dir.resolve(empty.get(0)) + ")");
    }
    if (o.shuffle()) {
      // one permutation for files and labels together
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        order.add(i);
      }
      Collections.shuffle(order, new Random(o.seed()));
      List<Path> f = new ArrayList<>();
      List<Integer> l = new ArrayList<>();
      for (int i : order) {
        f.add(files.get(i));
        l.add(labels.get(i));
      }
      files = f;
      labels = l;
    }
    return new DirectoryListing(files, labels.stream().mapToInt(Integer::intValue).toArray(), counts);
  }

  /** {@code _unknown_}'s files: the other class folders' split files, a few from each. */
  private static List<Path> unknownFiles(Path dir, List<String> classes, Options o, int average) {
    List<String> others = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(Files::isDirectory).sorted().toList()) {
        String n = p.getFileName().toString();
        if (!classes.contains(n) && !n.startsWith("_") && !n.startsWith("~") && !n.startsWith(".")) {
          others.add(n);
        }
      }
    } catch (IOException e) {
      throw new KilnException("directory " + dir + ": cannot list it: " + e.getMessage(), e);
    }
    List<List<Path>> lists = new ArrayList<>();
    for (String c : others) {
      List<Path> f = split(listClass(dir, c, o.extensions()), o.split());
      if (!f.isEmpty()) {
        lists.add(new ArrayList<>(f));
      }
    }
    if (lists.isEmpty()) {
      throw new KilnException("directory " + dir + ": class " + UNKNOWN + " needs other class folders to draw from;"
          + " found none besides " + classes);
    }
    int want = Math.max(1, (int) (average * o.unknownClassPercentage()));
    int perFolder = Math.max(1, want / lists.size());
    List<Path> out = new ArrayList<>();
    for (List<Path> f : lists) {
      Collections.shuffle(f, new Random(o.seed()));
      out.addAll(f.subList(0, Math.min(f.size(), perFolder)));
      if (out.size() >= want) {
        break;
      }
    }
    return out;
  }

  /** The files below {@code dir/cls} with one of the extensions, sorted by relative path. */
  private static List<Path> listClass(Path dir, String cls, List<String> extensions) {
    Path folder = dir.resolve(cls);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(folder)) {
      return s.filter(Files::isRegularFile).filter(p -> {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return extensions.stream().anyMatch(n::endsWith);
      }).sorted((a, b) -> dir.relativize(a).toString().replace('\\', '/')
          .compareTo(dir.relativize(b).toString().replace('\\', '/'))).toList();
    } catch (IOException e) {
      throw new KilnException("directory " + dir + ": cannot list class folder " + folder + ": " + e.getMessage(), e);
    }
  }

  /** MLTK's split_file_list. */
  static List<Path> split(List<Path> files, double[] split) {
    if (split == null) {
      return files;
    }
    int n = files.size();
    int start = split[0] == 0 ? 0 : (int) Math.ceil(split[0] * n);
    int stop = split[0] == 0 ? (int) Math.ceil(split[1] * n) : n;
    return files.subList(Math.min(start, n), Math.min(stop, n));
  }
}
