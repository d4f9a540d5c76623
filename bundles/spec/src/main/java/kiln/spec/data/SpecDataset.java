package kiln.spec.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import kiln.api.KilnException;
import kiln.util.data.NumpyFiles;

/**
 * A stream of {@link Sample}s a spec supplies for training, validation or evaluation: Kiln's small
 * counterpart of {@code tf.data.Dataset}. A dataset is immutable; each transform returns a new one.
 * Iterating epoch {@code e} gives the same elements in the same order every time (shuffles draw from
 * their seed and the epoch), so a run is repeatable.
 */
public final class SpecDataset {
  private final IntFunction<Iterator<Sample>> epochs;
  private final boolean infinite;
  private final Integer batchSize;
  private final int prefetch;
  /** The labels of one pass when the source knows them without reading its elements, else null. */
  private final int[] labels;

  private SpecDataset(IntFunction<Iterator<Sample>> epochs, boolean infinite, Integer batchSize, int prefetch,
      int[] labels) {
    this.epochs = epochs;
    this.infinite = infinite;
    this.batchSize = batchSize;
    this.prefetch = prefetch;
    this.labels = labels;
  }

  // ---- sources

  /** Sample {@code i} is {@code x[i]} with class index {@code y[i]}. */
  public static SpecDataset fromArrays(float[][] x, int[] y) {
    if (x == null || y == null || x.length != y.length) {
      throw new KilnException("SpecDataset.fromArrays: expected as many labels as samples, got "
          + (x == null ? "no x" : x.length + " samples") + " and " + (y == null ? "no y" : y.length + " labels"));
    }
    List<Sample> all = new ArrayList<>(x.length);
    for (int i = 0; i < x.length; i++) {
      all.add(Sample.of(x[i], y[i]));
    }
    return of(all);
  }

  /** The samples of a list, in its order. */
  public static SpecDataset of(List<Sample> samples) {
    List<Sample> copy = List.copyOf(samples);
    return new SpecDataset(e -> copy.iterator(), false, null, 0, copy.stream().mapToInt(Sample::label).toArray());
  }

  /**
   * A fresh iterator from {@code generator} for every epoch (MLTK's dataset function). The
   * generator's elements should not depend on the call count if runs are to be repeatable.
   */
  public static SpecDataset fromGenerator(Supplier<Iterator<Sample>> generator) {
    return new SpecDataset(e -> generator.get(), false, null, 0, null);
  }

  /**
   * Features from one {@code .npy} file (first axis: samples) and labels from another (shape
   * {@code [n]}: class indices; {@code [n, c]}: one-hot rows).
   */
  public static SpecDataset fromNpy(Path x, Path y) {
    return fromNumpy(NumpyFiles.readNpy(read(x), x.toString()), x.toString(),
        NumpyFiles.readNpy(read(y), y.toString()), y.toString());
  }

  /** {@link #fromNpy} with both arrays from one {@code .npz} file, by name (e.g. "x", "y"). */
  public static SpecDataset fromNpz(Path npz, String xName, String yName) {
    Map<String, NumpyFiles.Array> arrays = NumpyFiles.readNpz(read(npz), npz.toString());
    for (String k : List.of(xName, yName)) {
      if (!arrays.containsKey(k)) {
        throw new KilnException(npz + ": no array '" + k + "'; it holds " + arrays.keySet());
      }
    }
    return fromNumpy(arrays.get(xName), npz + ":" + xName, arrays.get(yName), npz + ":" + yName);
  }

  private static SpecDataset fromNumpy(NumpyFiles.Array x, String xWhere, NumpyFiles.Array y, String yWhere) {
    if (x.shape().length < 1 || y.shape().length < 1 || y.shape().length > 2 || x.shape()[0] != y.shape()[0]) {
      throw new KilnException(xWhere + " and " + yWhere + ": expected features [n, ...] and labels [n] or [n, classes]"
          + " with the same n, got " + Arrays.toString(x.shape()) + " and " + Arrays.toString(y.shape()));
    }
    int n = x.shape()[0];
    int per = n == 0 ? 0 : x.values().length / n;
    int perY = n == 0 ? 0 : y.values().length / n;
    List<Sample> all = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      all.add(new Sample(floats(x.values(), i * per, per), floats(y.values(), i * perY, perY)));
    }
    return of(all);
  }

  /**
   * A CSV file with a header row: every column but {@code labelColumn} is a feature, the label
   * column holds class indices. Numbers only; a bad cell names its file, line and column.
   */
  public static SpecDataset fromCsv(Path csv, String labelColumn) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv);
    } catch (IOException e) {
      throw new KilnException("cannot read " + csv + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty()) {
      throw new KilnException(csv + ": expected a header row, the file is empty");
    }
    String[] header = lines.get(0).split(",", -1);
    int label = Arrays.asList(header).indexOf(labelColumn);
    if (label < 0) {
      throw new KilnException(csv + ": no label column '" + labelColumn + "'; the columns are " + Arrays.toString(header));
    }
    List<Sample> all = new ArrayList<>();
    for (int r = 1; r < lines.size(); r++) {
      if (lines.get(r).isBlank()) {
        continue;
      }
      String[] cells = lines.get(r).split(",", -1);
      if (cells.length != header.length) {
        throw new KilnException(csv + " line " + (r + 1) + ": expected " + header.length + " cells, got " + cells.length);
      }
      float[] x = new float[header.length - 1];
      int y = 0;
      for (int c = 0, j = 0; c < cells.length; c++) {
        float v;
        try {
          v = Float.parseFloat(cells[c].trim());
        } catch (NumberFormatException e) {
          throw new KilnException(csv + " line " + (r + 1) + ", column " + header[c] + ": expected a number, got '"
              + cells[c] + "'");
        }
        if (c == label) {
          y = Math.round(v);
        } else {
          x[j++] = v;
        }
      }
      all.add(Sample.of(x, y));
    }
    return of(all);
  }

  /**
   * The files of a {@link DirectoryListing}, each decoded by {@code decoder} on {@code threads}
   * worker threads (in the listing's order, see {@link #map(Function, int)}); element {@code i} is
   * decoded with seed {@code i} in every epoch and labelled with the listing's class index. For
   * MLTK's {@code load_image_directory} / {@code load_audio_directory} followed by a parallel map,
   * whose counter restarts each epoch, e.g.
   * {@code fromDirectory(DirectoryListing.list(dir, options), (f, seed) -> ImageFiles.read(f, 96, 96, 3), 4)}.
   */
  public static SpecDataset fromDirectory(DirectoryListing listing, FileDecoder decoder, int threads) {
    return fromDirectory(listing, decoder, threads, false);
  }

  /**
   * {@link #fromDirectory(DirectoryListing, FileDecoder, int)}, with {@code freshEachEpoch} true:
   * element {@code i} of epoch {@code e} is decoded with seed {@code i + e * size}, so random
   * augmentations drawn from the seed differ from epoch to epoch (as MLTK's data generators draw
   * them), and each epoch is still the same on every run.
   */
  public static SpecDataset fromDirectory(DirectoryListing listing, FileDecoder decoder, int threads,
      boolean freshEachEpoch) {
    int n = listing.size();
    int[] labels = listing.labels().clone();
    SpecDataset index = new SpecDataset(e -> {
      List<Sample> numbers = new ArrayList<>(n);
      // the element's number in two exact halves and the epoch (a float holds integers exactly only
      // up to 2^24)
      float epoch = freshEachEpoch ? e : 0;
      for (int i = 0; i < n; i++) {
        numbers.add(Sample.of(new float[] {i >>> 12, i & 0xfff, epoch}, labels[i]));
      }
      return numbers.iterator();
    }, false, null, 0, null);
    SpecDataset decoded = index.map(s -> {
      int i = ((int) s.x()[0] << 12) | (int) s.x()[1];
      long seed = i + (long) s.x()[2] * n;
      return new Sample(decoder.decode(listing.files().get(i), seed), s.y());
    }, threads);
    // the listing knows the labels: counting batches and classes needs no decoding
    return new SpecDataset(decoded.epochs, false, null, 0, labels);
  }

  // ---- transforms

  /** Applies {@code fn} to every element. */
  public SpecDataset map(Function<Sample, Sample> fn) {
    IntFunction<Iterator<Sample>> in = epochs;
    return new SpecDataset(e -> {
      Iterator<Sample> it = in.apply(e);
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public Sample next() {
          return fn.apply(it.next());
        }
      };
    }, infinite, batchSize, prefetch, null);
  }

  /**
   * {@link #map(Function)} on {@code threads} worker threads (tf.data's {@code num_parallel_calls}),
   * the elements in their input order: up to {@code 2 * threads} elements are in work at a time. The
   * result is the same as the sequential map's when {@code fn} depends only on its element (draw
   * random augmentations from a seed carried by the element, not from a shared generator).
   */
  public SpecDataset map(Function<Sample, Sample> fn, int threads) {
    if (threads < 1) {
      throw new KilnException("map: expected at least 1 thread, got " + threads);
    }
    if (threads == 1) {
      return map(fn);
    }
    IntFunction<Iterator<Sample>> in = epochs;
    return new SpecDataset(e -> new ParallelMapped(in.apply(e), fn, threads), infinite, batchSize, prefetch, null);
  }

  /**
   * tf.data's buffered shuffle: fill a buffer with the first {@code bufferSize} elements; then, for
   * each output, draw {@code i = random.nextInt(buffer size)}, emit {@code buffer[i]} and put the
   * next input element in its place, or, once the input is exhausted, move the buffer's last element
   * there. Epoch {@code e} draws from {@code new java.util.Random(seed + e)} (a new order every epoch,
   * the same one every run).
   */
  public SpecDataset shuffle(int bufferSize, long seed) {
    if (bufferSize < 1) {
      throw new KilnException("shuffle: expected a buffer size of at least 1, got " + bufferSize);
    }
    IntFunction<Iterator<Sample>> in = epochs;
    return new SpecDataset(e -> new Shuffled(in.apply(e), bufferSize, new Random(seed + e)), infinite, batchSize,
        prefetch, labels);
  }

  /** The trainer's batch size for this dataset (without it, the spec's {@code batchSize}). */
  public SpecDataset batch(int n) {
    if (n < 1) {
      throw new KilnException("batch: expected a batch size of at least 1, got " + n);
    }
    return new SpecDataset(epochs, infinite, n, prefetch, labels);
  }

  /** The elements {@code count} times over per epoch (each pass is the inner dataset's next epoch). */
  public SpecDataset repeat(int count) {
    if (count < 1) {
      throw new KilnException("repeat: expected a count of at least 1, got " + count);
    }
    IntFunction<Iterator<Sample>> in = epochs;
    int[] repeated = null;
    if (labels != null) {
      repeated = new int[labels.length * count];
      for (int k = 0; k < count; k++) {
        System.arraycopy(labels, 0, repeated, k * labels.length, labels.length);
      }
    }
    return new SpecDataset(e -> new Repeated(in, e * count, e * count + count), infinite, batchSize, prefetch,
        repeated);
  }

  /**
   * The elements over and over, without end (each pass is the inner dataset's next epoch): the
   * spec's {@code stepsPerEpoch} then says how many batches make an epoch, and epochs follow on.
   */
  public SpecDataset repeat() {
    IntFunction<Iterator<Sample>> in = epochs;
    return new SpecDataset(e -> new Repeated(in, 0, Integer.MAX_VALUE), true, batchSize, prefetch, null);
  }

  /** Makes up to {@code n} batches ahead on a background thread while the trainer works. */
  public SpecDataset prefetch(int n) {
    if (n < 0) {
      throw new KilnException("prefetch: expected 0 or more batches, got " + n);
    }
    return new SpecDataset(epochs, infinite, batchSize, n, labels);
  }

  // ---- reading

  /** The elements of epoch {@code epoch}. */
  public Iterator<Sample> iterator(int epoch) {
    return epochs.apply(epoch);
  }

  /** Whether the dataset repeats without end ({@link #repeat()}). */
  public boolean infinite() {
    return infinite;
  }

  /** The batch size set by {@link #batch}, or null. */
  public Integer batchSize() {
    return batchSize;
  }

  /**
   * The class labels of one pass (in no particular order) when the source knows them without
   * reading its elements (in-memory sources, {@link #fromDirectory}, and shuffles, batches,
   * prefetches and counted repeats of them), else null: after a {@link #map} the targets may have
   * changed. Counting samples and classes then needs no pass over the (decoded) elements.
   */
  public int[] knownLabels() {
    return labels == null ? null : labels.clone();
  }

  /** Batches made ahead ({@link #prefetch}). */
  public int prefetchBatches() {
    return prefetch;
  }

  /** The first {@code max} elements of epoch 0 (all of them for {@code max < 0} on a finite dataset). */
  public List<Sample> toList(int max) {
    if (max < 0 && infinite) {
      throw new KilnException("toList: the dataset repeats without end; give a number of samples");
    }
    List<Sample> out = new ArrayList<>();
    Iterator<Sample> it = iterator(0);
    while ((max < 0 || out.size() < max) && it.hasNext()) {
      out.add(it.next());
    }
    return out;
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new KilnException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  private static float[] floats(double[] v, int from, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) v[from + i];
    }
    return out;
  }

  /** The ordered parallel map documented on {@link #map(Function, int)}. */
  private static final class ParallelMapped implements Iterator<Sample> {
    private final Iterator<Sample> in;
    private final Function<Sample, Sample> fn;
    private final java.util.concurrent.ExecutorService pool;
    private final java.util.ArrayDeque<java.util.concurrent.Future<Sample>> pending = new java.util.ArrayDeque<>();
    private final int ahead;

    ParallelMapped(Iterator<Sample> in, Function<Sample, Sample> fn, int threads) {
      this.in = in;
      this.fn = fn;
      this.ahead = 2 * threads;
      java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
      this.pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "kiln-spec-data-map-" + n.incrementAndGet());
        t.setDaemon(true); // an epoch left unfinished must not keep the JVM alive
        return t;
      });
      fill();
    }

    private void fill() {
      while (pending.size() < ahead && in.hasNext()) {
        Sample s = in.next();
        pending.add(pool.submit(() -> fn.apply(s)));
      }
      if (pending.isEmpty()) {
        pool.shutdown();
      }
    }

    @Override
    public boolean hasNext() {
      return !pending.isEmpty();
    }

    @Override
    public Sample next() {
      if (pending.isEmpty()) {
        throw new NoSuchElementException();
      }
      try {
        Sample out = pending.poll().get();
        fill();
        return out;
      } catch (InterruptedException e) {
        pool.shutdownNow();
        Thread.currentThread().interrupt();
        throw new KilnException("interrupted while mapping the dataset", e);
      } catch (java.util.concurrent.ExecutionException e) {
        pool.shutdownNow();
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new KilnException("map: " + e.getCause(), e.getCause());
      }
    }
  }

  /** The buffered shuffle documented on {@link #shuffle}. */
  private static final class Shuffled implements Iterator<Sample> {
    private final Iterator<Sample> in;
    private final List<Sample> buffer = new ArrayList<>();
    private final Random random;

    Shuffled(Iterator<Sample> in, int size, Random random) {
      this.in = in;
      this.random = random;
      while (buffer.size() < size && in.hasNext()) {
        buffer.add(in.next());
      }
    }

    @Override
    public boolean hasNext() {
      return !buffer.isEmpty();
    }

    @Override
    public Sample next() {
      if (buffer.isEmpty()) {
        throw new NoSuchElementException();
      }
      int i = random.nextInt(buffer.size());
      Sample out = buffer.get(i);
      if (in.hasNext()) {
        buffer.set(i, in.next());
      } else {
        buffer.set(i, buffer.get(buffer.size() - 1));
        buffer.remove(buffer.size() - 1);
      }
      return out;
    }
  }

  /** Inner epochs {@code from} (inclusive) to {@code to} (exclusive), one after another. */
  private static final class Repeated implements Iterator<Sample> {
    private final IntFunction<Iterator<Sample>> inner;
    private final int to;
    private int pass;
    private Iterator<Sample> current;

    Repeated(IntFunction<Iterator<Sample>> inner, int from, int to) {
      this.inner = inner;
      this.pass = from;
      this.to = to;
      this.current = inner.apply(from);
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext()) {
        if (++pass >= to) {
          return false;
        }
        Iterator<Sample> next = inner.apply(pass);
        if (!next.hasNext() && to == Integer.MAX_VALUE) {
          throw new KilnException("repeat: the dataset is empty, so repeating it gives no elements");
        }
        current = next;
      }
      return true;
    }

    @Override
    public Sample next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }
}
