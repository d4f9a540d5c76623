package kiln.augment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import kiln.util.data.BatchWorkers;
import kiln.util.data.EpochOrders;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.data.Augmenter;
import kiln.api.data.Dataset;
import kiln.api.data.FrontendSettings;
import kiln.api.model.Batch;
import kiln.audio.Pcm;
import kiln.audio.WavReader;

/**
 * Batches of spectrograms for training, as MLTK's {@code ParallelAudioDataGenerator}: each sample is
 * read (once; decoded audio stays in memory unless {@code cache_audio} is false), augmented (speed, pitch, vtlp, trim, offset,
 * loudness, noise colour or background noise), passed through the audio frontend, converted to the
 * dtype and normalized, on a pool of worker threads that keeps at most {@code max_batches_pending}
 * batches ready. A sample's random draws depend only on the seed, the epoch and the sample, so the
 * same seed gives the same batches whatever the thread count. Samples whose pipeline has no random
 * step (validation without augmentation) are computed once and cached.
 */
public final class ParallelAudioDataGenerator implements kiln.api.model.BatchSource, AutoCloseable {
  /** The order augmentations run in (MLTK's {@code apply_transform}); other names run last, by name. */
  public static final List<String> ORDER = List.of(
      "speed_range", "pitch_range", "vtlp_range", "trim_threshold_db", "offset_range",
      "loudness_range", "noise_colors", "bg_noise_range");

  private final String name;
  private final SampleIndex index;
  private final DatagenSettings settings;
  private final Map<String, Object> augmentSettings;
  private final List<Map.Entry<String, Augmenter>> pipeline;
  private final boolean augment;
  private final Spectrogram spectrogram;
  private final int sampleRateHz;
  private final int sampleLength;
  private final int batchSize;
  private final long seed;
  private final EpochOrders orders;
  private final String classMode;
  private final int nClasses;
  private final float[] classWeights;
  private final short[][] audio;
  private final boolean cacheAudio;
  private final AtomicReferenceArray<float[]> featureCache;
  /**
   * Each clip's trim bounds ({@link AudioOps#trimBounds} + 1, 0 while unknown) when the built-in
   * trim runs first in the pipeline: it depends on the clip alone, so it is computed once, not
   * every epoch. Null when trim is not first (after speed, pitch or vtlp) or not Kiln's own.
   */
  private final AtomicLongArray trimCache;
  private final double trimDb;
  private final BatchWorkers workers;
  private final ExecutorService pool;

  private ParallelAudioDataGenerator(Builder b) {
    if (b.dataset == null || b.classes == null || b.spectrogram == null) {
      throw new IllegalStateException("dataset, classes and frontend are required");
    }
    settings = new DatagenSettings(b.settings);
    sampleRateHz = b.frontendSettings.sampleRateHz();
    sampleLength = sampleRateHz * b.frontendSettings.sampleLengthMs() / 1000;
    augmentSettings = settings.augmentSettings(b.frontendSettings.sampleLengthMs(), b.dataset.root());
    spectrogram = b.spectrogram;
    batchSize = b.batchSize;
    seed = b.seed;
    classMode = b.classMode;
    nClasses = b.classes.size();
    if (!classMode.equals("categorical") && !classMode.equals("binary")) {
      throw new KilnException("class_mode must be categorical or binary, found " + classMode);
    }
    if (classMode.equals("binary") && nClasses != 2) {
      throw new KilnException("class_mode binary needs exactly 2 classes, found " + b.classes);
    }
    int maxPerClass = b.maxSamplesPerClass >= 0 ? b.maxSamplesPerClass : settings.maxSamplesPerClass;
    index = SampleIndex.build(b.dataset, b.classes, settings, b.subset, maxPerClass, seed);
    name = b.dataset.name() + "/" + b.subset.name().toLowerCase();
    boolean validation = b.subset == SampleIndex.Subset.VALIDATION;
    boolean shuffle = !validation && b.shuffle;
    orders = new EpochOrders(index.size(), seed, shuffle);
    pipeline = pipeline(b.augmenters, augmentSettings);
    augment = !settings.disableRandomTransforms
        && (!validation || settings.validationAugmentationEnabled)
        && pipeline.stream().anyMatch(e -> !e.getKey().equals("trim_threshold_db"));
    classWeights = validation ? null : EpochOrders.classWeights(b.classWeights, b.classes, index.size(), index.counts());
    audio = new short[index.size()][];
    featureCache = augment ? null : new AtomicReferenceArray<>(index.size());
    boolean trimFirst = augment && !pipeline.isEmpty() && pipeline.get(0).getKey().equals("trim_threshold_db")
        && pipeline.get(0).getValue() instanceof kiln.augment.audio.TrimAugmenter;
    trimCache = trimFirst ? new AtomicLongArray(index.size()) : null;
    trimDb = SettingValues.number(augmentSettings, "trim_threshold_db", 20);
    workers = new BatchWorkers(name, b.threads > 0 ? b.threads : settings.workerThreads(), settings.maxBatchesPending, this::makeBatch);
    pool = workers.pool();
    cacheAudio = SettingValues.flag(b.settings, "cache_audio", true);
    if (cacheAudio) {
      try {
        readAudio(b.progress);
      } catch (RuntimeException e) {
        workers.close();
        throw e;
      }
    }
  }

  /** A builder; augmenters are given by their {@code kiln.name}. */
  public static Builder builder() {
    return new Builder();
  }

  private static List<Map.Entry<String, Augmenter>> pipeline(Map<String, Augmenter> all, Map<String, Object> s) {
    List<Map.Entry<String, Augmenter>> out = EpochOrders.inOrder(all, ORDER, a -> a.enabled(s));
    for (String n : List.of("speed_range", "pitch_range")) {
      if (SettingValues.isSet(s, n) && !all.containsKey(n)) {
        throw new KilnException("datagen setting " + n + " needs the augmenter bundle kiln.augment-tarsos,"
            + " which is not installed");
      }
    }
    return out;
  }


  /** Sample {@code i}'s audio as 16-bit PCM at the frontend's rate; empty for silence. */
  private short[] read(int i) {
    Path file = index.file(i);
    return file == null ? new short[0] : Pcm.toPcm16(WavReader.read(file, sampleRateHz).samples());
  }

  private void readAudio(Progress progress) {
    int n = index.size();
    AtomicInteger done = new AtomicInteger();
    String task = "reading " + name + " audio";
    List<Future<?>> jobs = new ArrayList<>();
    int chunk = Math.max(1, n / 64);
    for (int from = 0; from < n; from += chunk) {
      int start = from;
      int end = Math.min(n, from + chunk);
      jobs.add(pool.submit(() -> {
        for (int i = start; i < end; i++) {
          audio[i] = read(i);
          int d = done.incrementAndGet();
          if (d % 500 == 0 || d == n) {
            progress.report(task, d, n);
          }
        }
      }));
    }
    for (Future<?> f : jobs) {
      await(f);
    }
  }

  @Override
  public int batchesPerEpoch() {
    return (index.size() + batchSize - 1) / batchSize;
  }

  /** Samples per epoch. */
  public int sampleCount() {
    return index.size();
  }

  /** Samples per class in the model's class order. */
  public Map<String, Integer> classCounts() {
    return index.counts();
  }

  /** The per-class weights put on training batches, or null. */
  public float[] classWeights() {
    return classWeights == null ? null : classWeights.clone();
  }

  /** The shape of one sample: frames, channels (and 1 with {@code add_channel_dimension}). */
  public int[] sampleShape() {
    return settings.addChannelDimension
        ? new int[] {spectrogram.frames(), spectrogram.channels(), 1}
        : new int[] {spectrogram.frames(), spectrogram.channels()};
  }

  /** Whether random augmentation is applied to this subset. */
  public boolean augmenting() {
    return augment;
  }

  /** The names of the augmentations this generator runs, in order. */
  public List<String> augmentations() {
    return pipeline.stream().map(Map.Entry::getKey).toList();
  }

  @Override
  public Batch next() {
    return workers.next();
  }

  @Override
  public int workerThreads() {
    return workers.threads();
  }

  @Override
  public void workerThreads(int n) {
    workers.threads(n);
  }

  @Override
  public double cpuSecondsPerSample() {
    return workers.cpuSecondsPerSample();
  }

  /**
   * Moves past batches without making them: a batch depends only on its number (the seed, its
   * epoch and position), so a resumed run gets exactly the batches of the straight run.
   */
  @Override
  public void skip(long batches) {
    workers.skip(batches);
  }

  /** Batch {@code k} of epoch {@code epoch}, computed on the calling thread. */
  public Batch batch(int epoch, int k) {
    return makeBatch((long) epoch * batchesPerEpoch() + k);
  }

  private Batch makeBatch(long global) {
    int bpe = batchesPerEpoch();
    int epoch = (int) (global / bpe);
    int k = (int) (global % bpe);
    int[] order = orders.of(epoch);
    int from = k * batchSize;
    int size = Math.min(batchSize, index.size() - from);
    int featureSize = spectrogram.frames() * spectrogram.channels();
    float[] x = new float[size * featureSize];
    float[] y = new float[size * (classMode.equals("binary") ? 1 : nClasses)];
    float[] w = classWeights == null ? null : new float[size];
    for (int j = 0; j < size; j++) {
      int s = order[from + j];
      features(s, epoch, x, j * featureSize);
      int c = index.classId(s);
      if (classMode.equals("binary")) {
        y[j] = c;
      } else {
        y[j * nClasses + c] = 1f;
      }
      if (w != null) {
        w[j] = classWeights[c];
      }
    }
    int[] shape = sampleShape();
    int[] xShape = new int[shape.length + 1];
    xShape[0] = size;
    System.arraycopy(shape, 0, xShape, 1, shape.length);
    int[] yShape = classMode.equals("binary") ? new int[] {size, 1} : new int[] {size, nClasses};
    return new Batch(x, xShape, y, yShape, w);
  }


  /** Sample {@code s}'s features for {@code epoch}, written to {@code out} at {@code offset}. */
  private void features(int s, int epoch, float[] out, int offset) {
    if (featureCache != null) {
      float[] cached = featureCache.get(s);
      if (cached == null) {
        // deterministic: two threads computing the same sample store equal arrays
        cached = new float[spectrogram.frames() * spectrogram.channels()];
        compute(s, null, cached, 0);
        featureCache.set(s, cached);
      }
      System.arraycopy(cached, 0, out, offset, cached.length);
      return;
    }
    compute(s, new SplittableRandom(EpochOrders.mix(seed, epoch, s)), out, offset);
  }

  /**
   * One sample's final features into {@code out} at {@code offset}; {@code random} null for the
   * deterministic (no augmentation) path.
   */
  private void compute(int s, SplittableRandom random, float[] out, int offset) {
    short[] pcm = cacheAudio ? audio[s] : read(s);
    float[] x;
    if (random == null) {
      x = pcm.length == 0 ? new float[sampleLength] : Pcm.toFloat(pcm);
      if (settings.trimThresholdDb > 0) {
        x = AudioOps.trim(x, settings.trimThresholdDb);
      }
      x = AudioOps.adjustLength(x, sampleLength, 0.0);
    } else if (trimCache != null) {
      x = augmentAudio(trimmed(s, pcm), random, 1);
    } else {
      x = augmentAudio(pcm.length == 0 ? new float[sampleLength] : Pcm.toFloat(pcm), random, 0);
    }
    int[] raw = spectrogram.apply(toPcm16(x, PCM.get()));
    normalize(raw, out, offset);
  }

  /** Clip {@code s} trimmed as {@link AudioOps#trim} does, from its cached bounds. */
  private float[] trimmed(int s, short[] pcm) {
    long b = trimCache.get(s);
    if (b == 0) {
      float[] full = pcm.length == 0 ? new float[sampleLength] : Pcm.toFloat(pcm);
      b = AudioOps.trimBounds(full, trimDb) + 1; // + 1: 0 stays "unknown" (bounds of a silent clip are 0)
      trimCache.set(s, b);
    }
    int start = (int) ((b - 1) >>> 32);
    int end = (int) (b - 1);
    float[] x = new float[end - start];
    for (int i = start; i < end; i++) {
      x[i - start] = pcm[i] / 32768f; // as Pcm.toFloat
    }
    return x;
  }

  /** Each worker's 16-bit buffer for the frontend's input (the frontend reads it, keeps nothing). */
  private static final ThreadLocal<short[][]> PCM = ThreadLocal.withInitial(() -> new short[1][0]);

  /** Runs the pipeline from step {@code first} on (the steps before it were applied already). */
  private float[] augmentAudio(float[] x, SplittableRandom random, int first) {
    boolean bothNoises = pipeline.stream().filter(e -> e.getKey().equals("noise_colors")
        || e.getKey().equals("bg_noise_range")).count() == 2;
    // MLTK applies either a noise colour or a background noise when both are configured
    String skip = bothNoises ? (random.nextBoolean() ? "bg_noise_range" : "noise_colors") : null;
    long base = random.nextLong();
    boolean lengthDone = false;
    int offsetPosition = ORDER.indexOf("offset_range");
    for (Map.Entry<String, Augmenter> e : pipeline.subList(first, pipeline.size())) {
      String n = e.getKey();
      int position = ORDER.contains(n) ? ORDER.indexOf(n) : ORDER.size();
      if (!lengthDone && position > offsetPosition) {
        // later steps work on clips of the sample length, as after MLTK's adjust_length
        x = AudioOps.adjustLength(x, sampleLength, 0.0);
        lengthDone = true;
      }
      if (n.equals(skip)) {
        continue;
      }
      // each augmenter draws from its own stream, so enabling one does not change another's draws
      x = e.getValue().apply(x, sampleRateHz, augmentSettings, new SplittableRandom(base ^ EpochOrders.mix(n.hashCode(), 0, 0)));
      lengthDone |= n.equals("offset_range");
    }
    return x.length == sampleLength ? x : AudioOps.adjustLength(x, sampleLength, 0.0);
  }

  /** The dtype conversion and sample-wise normalization of {@code raw}, into {@code f[o, o + raw.length)}. */
  private void normalize(int[] raw, float[] f, int o) {
    int n = raw.length;
    int end = o + n;
    boolean int8 = settings.frontendDtype.equals("int8");
    for (int i = 0; i < n; i++) {
      f[o + i] = int8 ? toInt8(raw[i]) : raw[i];
    }
    if (settings.rescale != 0) {
      for (int i = o; i < end; i++) {
        f[i] *= (float) settings.rescale;
      }
    }
    if (settings.samplewiseCenter) {
      double mean = 0;
      for (int i = o; i < end; i++) {
        mean += f[i];
      }
      mean /= n;
      double var = 0;
      for (int i = o; i < end; i++) {
        f[i] -= (float) mean;
        var += (double) f[i] * f[i];
      }
      if (settings.samplewiseStdNormalization) {
        float std = (float) Math.sqrt(var / n);
        for (int i = o; i < end; i++) {
          f[i] /= std + 1e-6f;
        }
      }
    }
    if (settings.samplewiseNormalizeRange != null) {
      float min = Float.MAX_VALUE;
      float max = -Float.MAX_VALUE;
      for (int i = o; i < end; i++) {
        min = Math.min(min, f[i]);
        max = Math.max(max, f[i]);
      }
      double lower = settings.samplewiseNormalizeRange[0];
      double diff = settings.samplewiseNormalizeRange[1] - lower;
      for (int i = o; i < end; i++) {
        // MLTK: diff * (x - min) / ptp + lower (a constant sample maps to lower)
        f[i] = (float) (max > min ? diff * (f[i] - min) / (max - min) + lower : lower);
      }
    }
  }

  /**
   * {@link Pcm#toPcm16(float[])} without the double arithmetic: v * 32768 is exact in float, so
   * rounding it as a float gives the same samples, faster.
   */
  static short[] toPcm16(float[] x) {
    short[] out = new short[x.length];
    convert(x, out);
    return out;
  }

  /** {@link #toPcm16(float[])} into {@code holder[0]}, replaced when its length is not the clip's. */
  static short[] toPcm16(float[] x, short[][] holder) {
    if (holder[0].length != x.length) {
      holder[0] = new short[x.length];
    }
    convert(x, holder[0]);
    return holder[0];
  }

  private static void convert(float[] x, short[] out) {
    for (int i = 0; i < x.length; i++) {
      int s = Math.round(x[i] * 32768f);
      out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, s));
    }
  }

  /** TFLite Micro's uint16 -> int8 feature mapping: {@code ((v * 256) + 333) / 666 - 128}, clamped. */
  public static int toInt8(int v) {
    int q = (v * 256 + 333) / 666 - 128;
    return Math.max(-128, Math.min(127, q));
  }


  private static <T> T await(Future<T> f) {
    return BatchWorkers.await(f);
  }

  @Override
  public void close() {
    workers.close();
  }

  @Override
  public String toString() {
    return name + " " + index.size() + " samples " + index.counts() + ", " + batchesPerEpoch()
        + " batches of " + batchSize + (augment ? ", augmented by " + augmentations() : ", no augmentation");
  }

  /** Settings of a generator. */
  public static final class Builder {
    private Dataset dataset;
    private List<String> classes;
    private Map<String, Object> settings = Map.of();
    private FrontendSettings frontendSettings = FrontendSettings.defaults();
    private Spectrogram spectrogram;
    private final Map<String, Augmenter> augmenters = new LinkedHashMap<>();
    private SampleIndex.Subset subset = SampleIndex.Subset.TRAINING;
    private int batchSize = 32;
    private long seed = 42;
    private boolean shuffle = true;
    private int maxSamplesPerClass = -1;
    private String classMode = "categorical";
    private Object classWeights;
    private int threads;
    private Progress progress = Progress.NONE;

    public Builder dataset(Dataset d) {
      dataset = d;
      return this;
    }

    /** The model's classes, e.g. yes, no, _unknown_, _silence_. */
    public Builder classes(List<String> c) {
      classes = List.copyOf(c);
      return this;
    }

    /** The datagen settings, MLTK names (cores, validation_split, offset_range, ...). */
    public Builder settings(Map<String, Object> s) {
      settings = s;
      return this;
    }

    /** The frontend settings and the function computing the features. */
    public Builder frontend(FrontendSettings fe, Spectrogram s) {
      frontendSettings = fe;
      spectrogram = s;
      return this;
    }

    /** Adds an augmenter under its {@code kiln.name}. */
    public Builder augmenter(String name, Augmenter a) {
      augmenters.put(name, a);
      return this;
    }

    public Builder augmenters(Map<String, Augmenter> all) {
      augmenters.putAll(all);
      return this;
    }

    public Builder subset(SampleIndex.Subset s) {
      subset = s;
      return this;
    }

    public Builder batchSize(int n) {
      if (n < 1) {
        throw new KilnException("batch_size must be >= 1, found " + n);
      }
      batchSize = n;
      return this;
    }

    public Builder seed(long s) {
      seed = s;
      return this;
    }

    public Builder shuffle(boolean s) {
      shuffle = s;
      return this;
    }

    /** At most this many samples per class (the {@code -test} dry run uses 3); negative: all. */
    public Builder maxSamplesPerClass(int n) {
      maxSamplesPerClass = n;
      return this;
    }

    /** categorical (one-hot) or binary. */
    public Builder classMode(String m) {
      classMode = m;
      return this;
    }

    /** 'balanced', null, or a map of class name (or index) to weight. */
    public Builder classWeights(Object w) {
      classWeights = w;
      return this;
    }

    /** Worker threads, overriding the {@code cores} setting. */
    public Builder threads(int n) {
      threads = n;
      return this;
    }

    public Builder progress(Progress p) {
      progress = p;
      return this;
    }

    public ParallelAudioDataGenerator build() {
      return new ParallelAudioDataGenerator(this);
    }
  }
}
