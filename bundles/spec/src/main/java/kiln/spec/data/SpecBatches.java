package kiln.spec.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import kiln.api.KilnException;
import kiln.api.model.Batch;
import kiln.api.model.BatchSource;

/**
 * A {@link SpecDataset} as the trainer's batches: consecutive elements grouped by the batch size (the
 * last batch of an epoch may be smaller, as with tf.data's {@code drop_remainder=False}), targets in
 * the class mode, per-sample class weights. A finite dataset gives a fresh pass each epoch; one that
 * repeats without end is read on and on, {@code stepsPerEpoch} batches an epoch.
 */
public final class SpecBatches implements BatchSource, AutoCloseable {
  /** How to make the batches. */
  public record Settings(int batchSize, int[] inputShape, ClassMode classMode, int classes, float[] classWeights,
      Integer stepsPerEpoch) {}

  private final SpecDataset data;
  private final Settings s;
  private final int perSample;
  private final int batches;
  private final int samples;
  private int epoch;
  private int k;
  private Iterator<Sample> it;
  private Thread producer;
  private BlockingQueue<Object> queue;
  /** Digest of the first epoch's samples while next() makes them; null once done. */
  private java.security.MessageDigest firstPass = sha256();
  private volatile String firstPassHash;

  /** Counts the batches: from the dataset's known labels, else by reading it once (finite). */
  public SpecBatches(SpecDataset data, Settings settings) {
    this.data = data;
    this.s = settings;
    this.perSample = Arrays.stream(settings.inputShape()).reduce(1, (a, b) -> a * b);
    if (data.infinite()) {
      if (settings.stepsPerEpoch() == null || settings.stepsPerEpoch() < 1) {
        throw new KilnException("the dataset repeats without end (repeat()); set stepsPerEpoch to say how many "
            + "batches make an epoch");
      }
      this.batches = settings.stepsPerEpoch();
      this.samples = batches * settings.batchSize();
    } else {
      int[] known = data.knownLabels();
      int n = 0;
      if (known != null) {
        n = known.length;
      } else {
        for (Iterator<Sample> i = data.iterator(0); i.hasNext(); i.next()) {
          n++;
        }
      }
      if (n == 0) {
        throw new KilnException("the dataset has no samples");
      }
      int all = (n + settings.batchSize() - 1) / settings.batchSize();
      this.batches = settings.stepsPerEpoch() == null ? all : Math.min(all, settings.stepsPerEpoch());
      this.samples = Math.min(n, batches * settings.batchSize());
    }
  }

  /** Samples per epoch. */
  public int sampleCount() {
    return samples;
  }

  @Override
  public int batchesPerEpoch() {
    return batches;
  }

  @Override
  public synchronized Batch next() {
    if (data.prefetchBatches() == 0) {
      return make();
    }
    if (queue == null) {
      queue = new ArrayBlockingQueue<>(data.prefetchBatches());
      producer = new Thread(() -> {
        try {
          while (!Thread.currentThread().isInterrupted()) {
            queue.put(make());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
          try {
            queue.put(e); // waits for room: the consumer must see the error, or it would wait forever
          } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
          }
        }
      }, "kiln-spec-data-prefetch");
      producer.setDaemon(true);
      producer.start();
    }
    try {
      Object o = queue.take();
      if (o instanceof RuntimeException e) {
        throw e;
      }
      if (o instanceof Error e) {
        throw e;
      }
      return (Batch) o;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KilnException("interrupted while waiting for the spec's data", e);
    }
  }

  /** The next batch in order; epochs follow on (a finite dataset starts its next epoch's pass). */
  private Batch make() {
    if (it == null) {
      it = data.iterator(0);
    } else if (k == batches) {
      k = 0;
      epoch++;
      if (!data.infinite()) {
        it = data.iterator(epoch);
      }
    }
    k++;
    List<Sample> group = take(it);
    if (epoch == 0 && firstPass != null) {
      digest(firstPass, group);
      if (k == batches) {
        firstPassHash = java.util.HexFormat.of().formatHex(firstPass.digest());
        firstPass = null;
      }
    }
    return toBatch(group);
  }

  /**
   * The SHA-256 of the first epoch's samples (each sample's x then y as little-endian float32, in
   * order) once {@link #next()} has made them all, else null: the dataset's content hash without
   * decoding it a second time.
   */
  public String firstPassHash() {
    return firstPassHash;
  }

  /** Adds each sample's x then y, little-endian float32, to the digest. */
  public static void digest(java.security.MessageDigest md, List<Sample> samples) {
    for (Sample e : samples) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * (e.x().length + e.y().length))
          .order(java.nio.ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(e.x()).put(e.y());
      md.update(b);
    }
  }

  private static java.security.MessageDigest sha256() {
    try {
      return java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Batch group(Iterator<Sample> from) {
    return toBatch(take(from));
  }

  /** Up to a batch of the next samples. */
  private List<Sample> take(Iterator<Sample> from) {
    List<Sample> group = new ArrayList<>(s.batchSize());
    while (group.size() < s.batchSize() && from.hasNext()) {
      group.add(from.next());
    }
    return group;
  }

  private Iterator<Sample> readIt;
  private long readAt = -1;

  /**
   * Batch {@code k} of {@code epoch}, the same one {@link #next()} gives there, read on its own
   * cursor (in order it costs one batch; out of order it re-reads from the epoch's start).
   */
  public synchronized Batch batch(int epoch, int k) {
    long first = data.infinite() ? ((long) epoch * batches + k) * s.batchSize() : (long) k * s.batchSize();
    long key = data.infinite() ? first : ((long) epoch << 32) | first;
    if (readIt == null || readAt != key) {
      readIt = data.iterator(data.infinite() ? 0 : epoch);
      for (long i = 0; i < first && readIt.hasNext(); i++) {
        readIt.next();
      }
    }
    Batch b = group(readIt);
    readAt = data.infinite() ? first + s.batchSize() : ((long) epoch << 32) | (first + s.batchSize());
    return b;
  }

  /** The batch of these samples. */
  public Batch toBatch(List<Sample> group) {
    int n = group.size();
    if (n == 0) {
      throw new KilnException("the dataset gave fewer samples than its first pass (" + samples + "); a generator must"
          + " give the same number every epoch");
    }
    int perY = switch (s.classMode()) {
      case CATEGORICAL -> s.classes();
      case SPARSE, BINARY -> 1;
      case INPUT -> perSample;
    };
    float[] x = new float[n * perSample];
    float[] y = new float[n * perY];
    float[] w = s.classWeights() == null || s.classMode() == ClassMode.INPUT ? null : new float[n];
    for (int i = 0; i < n; i++) {
      Sample e = group.get(i);
      if (e.x().length != perSample) {
        throw new KilnException("a sample has " + e.x().length + " features; the model's input "
            + Arrays.toString(s.inputShape()) + " takes " + perSample);
      }
      System.arraycopy(e.x(), 0, x, i * perSample, perSample);
      if (s.classMode() == ClassMode.INPUT) {
        System.arraycopy(e.x(), 0, y, i * perSample, perSample);
        continue;
      }
      int label = e.label();
      int bound = s.classMode() == ClassMode.BINARY ? 2 : s.classes();
      if (label < 0 || label >= bound) {
        throw new KilnException("a sample's label is " + label + "; expected a class index 0.." + (bound - 1));
      }
      if (s.classMode() == ClassMode.CATEGORICAL) {
        y[i * perY + label] = 1f;
      } else {
        y[i] = label;
      }
      if (w != null) {
        w[i] = s.classWeights()[label];
      }
    }
    int[] xShape = new int[s.inputShape().length + 1];
    xShape[0] = n;
    System.arraycopy(s.inputShape(), 0, xShape, 1, s.inputShape().length);
    int[] yShape = s.classMode() == ClassMode.INPUT ? xShape : new int[] {n, perY};
    return new Batch(x, xShape, y, yShape, w);
  }

  /** Samples per class index over one epoch of a finite dataset (for balanced class weights). */
  public static int[] classCounts(SpecDataset data, int classes) {
    if (data.infinite()) {
      throw new KilnException("class_weights \"balanced\" counts the classes of one pass; the dataset repeats"
          + " without end: repeat() after counting is not supported, give the weights as a map");
    }
    int[] counts = new int[Math.max(classes, 1)];
    int[] known = data.knownLabels();
    // with known labels no iterator is made (a directory source's would start decoding)
    Iterator<Sample> it = known != null ? null : data.iterator(0);
    for (int k = 0; known != null ? k < known.length : it.hasNext(); k++) {
      int c = known != null ? known[k] : it.next().label();
      if (c < 0 || c >= counts.length) {
        throw new KilnException("a sample's label is " + c + "; expected a class index 0.." + (counts.length - 1));
      }
      counts[c]++;
    }
    return counts;
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.interrupt();
    }
  }
}
