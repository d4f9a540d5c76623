package kiln.image;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import kiln.util.data.BatchWorkers;
import kiln.util.data.EpochOrders;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.data.Augmenter;
import kiln.api.data.Dataset;
import kiln.api.model.Batch;
import kiln.image.augment.ImageShape;

/**
 * Batches of images for training, as MLTK's {@code ParallelImageDataGenerator}: every image is read
 * once (resized to {@code target_size}, converted to the colour mode) and kept in memory; each
 * batch is made on a pool of worker threads that keeps at most {@code max_batches_pending} batches
 * ready: the augmentations (in {@link #ORDER}), then Keras' {@code standardize}: {@code rescale},
 * samplewise centre / std, featurewise centre / std (per channel, from the training images unless
 * given). A sample's random draws depend only on the seed, the epoch and the sample, so the same
 * seed gives the same batches whatever the thread count, and {@link #skip} is exact.
 */
public final class ParallelImageDataGenerator implements kiln.api.model.BatchSource, AutoCloseable {
  /** Which files to use. */
  public enum Subset { TRAINING, VALIDATION, ALL }

  /** The order augmentations run in (Keras' random_transform, then MLTK's extras); others run last, by name. */
  public static final List<String> ORDER = List.of(
      "rotation_range", "width_shift_range", "height_shift_range", "shear_range", "zoom_range",
      "channel_shift_range", "horizontal_flip", "vertical_flip", "brightness_range", "contrast_range", "noise");

  private final String name;
  private final ImageSampleIndex index;
  private final ImageSettings settings;
  private final Map<String, Object> augmentSettings;
  private final List<Map.Entry<String, Augmenter>> pipeline;
  private final boolean augment;
  private final int batchSize;
  private final long seed;
  private final EpochOrders orders;
  private final String classMode;
  private final int nClasses;
  private final float[] classWeights;
  private final float[][] images;
  private final ImageShape shape;
  private final float[] featureMean;
  private final float[] featureStd;
  private final BatchWorkers workers;
  private final ExecutorService pool;

  private ParallelImageDataGenerator(Builder b) {
    if (b.dataset == null || b.classes == null) {
      throw new IllegalStateException("dataset and classes are required");
    }
    settings = new ImageSettings(b.settings);
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
    index = ImageSampleIndex.build(b.dataset, b.classes, settings.validationSplit, b.subset, maxPerClass);
    name = b.dataset.name() + "/" + b.subset.name().toLowerCase(java.util.Locale.ROOT);
    boolean validation = b.subset == Subset.VALIDATION;
    boolean shuffle = !validation && b.shuffle;
    orders = new EpochOrders(index.size(), seed, shuffle);
    pipeline = pipeline(b.augmenters, settings.raw());
    augment = settings.randomTransformsEnabled && (!validation || settings.validationAugmentationEnabled)
        && !pipeline.isEmpty();
    classWeights = validation ? null : EpochOrders.classWeights(b.classWeights, b.classes, index.size(), index.counts());
    workers = new BatchWorkers("image-" + name, b.threads > 0 ? b.threads : settings.workerThreads(),
        settings.maxBatchesPending, this::makeBatch);
    pool = workers.pool();
    try {
      images = new float[index.size()][];
      shape = readImages(b);
      augmentSettings = shape.into(settings.raw());
      boolean featurewise = settings.featurewiseCenter || settings.featurewiseStdNormalization;
      float[][] stats = !featurewise ? null : b.featureMean != null ? new float[][] {b.featureMean, b.featureStd}
          : featureStats();
      featureMean = stats == null ? null : stats[0];
      featureStd = stats == null ? null : stats[1];
    } catch (RuntimeException e) {
      workers.close();
      throw e;
    }
  }

  /** A builder; augmenters are given by their {@code kiln.name}. */
  public static Builder builder() {
    return new Builder();
  }

  private static List<Map.Entry<String, Augmenter>> pipeline(Map<String, Augmenter> all, Map<String, Object> s) {
    List<Map.Entry<String, Augmenter>> out = EpochOrders.inOrder(all, ORDER, a -> a.enabled(s));
    return out;
  }


  /** Reads every image on the pool; all must have one shape (set target_size otherwise). */
  private ImageShape readImages(Builder b) {
    int n = index.size();
    AtomicInteger done = new AtomicInteger();
    String task = "reading " + name + " images";
    Image[] first = new Image[1];
    List<Future<?>> jobs = new ArrayList<>();
    int chunk = Math.max(1, n / 64);
    int[][] shapes = new int[n][];
    for (int from = 0; from < n; from += chunk) {
      int start = from;
      int end = Math.min(n, from + chunk);
      jobs.add(pool.submit(() -> {
        for (int i = start; i < end; i++) {
          Image img = ImageLoader.load(index.file(i), b.targetSize, b.colorMode, b.interpolation);
          images[i] = img.pixels();
          shapes[i] = new int[] {img.height(), img.width(), img.channels()};
          int d = done.incrementAndGet();
          if (d % 1000 == 0 || d == n) {
            b.progress.report(task, d, n);
          }
        }
      }));
    }
    for (Future<?> f : jobs) {
      await(f);
    }
    int[] s = shapes[0];
    for (int i = 1; i < n; i++) {
      if (!java.util.Arrays.equals(s, shapes[i])) {
        throw new KilnException("image " + index.file(i) + " is " + shapes[i][0] + "x" + shapes[i][1] + "x"
            + shapes[i][2] + " but " + index.file(0) + " is " + s[0] + "x" + s[1] + "x" + s[2]
            + "; set target_size (and color_mode) so every image has one shape");
      }
    }
    return new ImageShape(s[0], s[1], s[2]);
  }

  /** Per-channel mean and std of the rescaled images (Keras' {@code fit}). */
  private float[][] featureStats() {
    int ch = shape.channels();
    double[] sum = new double[ch];
    double[] sq = new double[ch];
    double scale = settings.rescale != 0 ? settings.rescale : 1;
    long per = (long) images.length * shape.height() * shape.width();
    for (float[] img : images) {
      for (int i = 0; i < img.length; i++) {
        double v = img[i] * scale;
        sum[i % ch] += v;
        sq[i % ch] += v * v;
      }
    }
    float[] mean = new float[ch];
    float[] std = new float[ch];
    for (int k = 0; k < ch; k++) {
      double m = sum[k] / per;
      mean[k] = (float) m;
      std[k] = (float) Math.sqrt(Math.max(0, sq[k] / per - m * m));
    }
    return new float[][] {mean, std};
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

  /** The shape of one sample: height, width, channels. */
  public int[] sampleShape() {
    return new int[] {shape.height(), shape.width(), shape.channels()};
  }

  /** The featurewise mean per channel (for the validation generator), or null when not used. */
  public float[] featureMean() {
    return featureMean == null ? null : featureMean.clone();
  }

  /** The featurewise std per channel, or null when not used. */
  public float[] featureStd() {
    return featureStd == null ? null : featureStd.clone();
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

  /** Moves past batches without making them: a batch depends only on its number. */
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
    int per = shape.height() * shape.width() * shape.channels();
    float[] x = new float[size * per];
    float[] y = new float[size * (classMode.equals("binary") ? 1 : nClasses)];
    float[] w = classWeights == null ? null : new float[size];
    for (int j = 0; j < size; j++) {
      int s = order[from + j];
      System.arraycopy(sample(s, epoch), 0, x, j * per, per);
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
    int[] yShape = classMode.equals("binary") ? new int[] {size, 1} : new int[] {size, nClasses};
    return new Batch(x, new int[] {size, shape.height(), shape.width(), shape.channels()}, y, yShape, w);
  }


  /** Sample {@code s} of {@code epoch}: augmented (when on), then standardized. */
  float[] sample(int s, int epoch) {
    float[] x = images[s].clone();
    if (augment) {
      SplittableRandom random = new SplittableRandom(EpochOrders.mix(seed, epoch, s));
      for (Map.Entry<String, Augmenter> a : pipeline) {
        x = a.getValue().apply(x, 0, augmentSettings, random);
      }
    }
    return standardize(x);
  }

  private float[] standardize(float[] x) {
    Samplewise.normalize(x, settings.rescale, settings.samplewiseCenter, settings.samplewiseStdNormalization);
    if (featureMean != null) {
      int ch = shape.channels();
      for (int i = 0; i < x.length; i++) {
        float v = settings.featurewiseCenter ? x[i] - featureMean[i % ch] : x[i];
        x[i] = settings.featurewiseStdNormalization ? v / (featureStd[i % ch] + 1e-6f) : v;
      }
    }
    return x;
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
    return "ParallelImageDataGenerator[" + name + ", " + index.size() + " images, augment=" + augmentations() + "]";
  }

  /** Settings of a generator. */
  public static final class Builder {
    private Dataset dataset;
    private List<String> classes;
    private Map<String, Object> settings = Map.of();
    private final Map<String, Augmenter> augmenters = new LinkedHashMap<>();
    private Subset subset = Subset.TRAINING;
    private int batchSize = 32;
    private long seed = 42;
    private boolean shuffle = true;
    private int maxSamplesPerClass = -1;
    private String classMode = "categorical";
    private Object classWeights;
    private int threads;
    private Progress progress = Progress.NONE;
    private int[] targetSize;
    private ColorMode colorMode = ColorMode.AUTO;
    private Interpolation interpolation = Interpolation.BILINEAR;
    private float[] featureMean;
    private float[] featureStd;

    public Builder dataset(Dataset d) {
      dataset = d;
      return this;
    }

    public Builder classes(List<String> c) {
      classes = List.copyOf(c);
      return this;
    }

    /** The datagen settings by MLTK name (a spec's {@code datagen.settings()}). */
    public Builder settings(Map<String, Object> s) {
      settings = new HashMap<>(s);
      return this;
    }

    public Builder augmenter(String name, Augmenter a) {
      augmenters.put(name, a);
      return this;
    }

    public Builder augmenters(Map<String, Augmenter> all) {
      augmenters.putAll(all);
      return this;
    }

    public Builder subset(Subset s) {
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

    /** At most this many images per class; a negative value keeps the setting's. */
    public Builder maxSamplesPerClass(int n) {
      maxSamplesPerClass = n;
      return this;
    }

    public Builder classMode(String m) {
      classMode = m;
      return this;
    }

    public Builder classWeights(Object w) {
      classWeights = w;
      return this;
    }

    /** Worker threads; 0 uses the {@code cores} setting. */
    public Builder threads(int n) {
      threads = n;
      return this;
    }

    public Builder progress(Progress p) {
      progress = p == null ? Progress.NONE : p;
      return this;
    }

    /** {height, width} every image is resized to, or null to keep the files' size. */
    public Builder targetSize(int[] hw) {
      if (hw != null && (hw.length < 2 || hw[0] < 1 || hw[1] < 1)) {
        throw new KilnException("target_size: expected (height, width) > 0, got " + java.util.Arrays.toString(hw));
      }
      targetSize = hw == null ? null : new int[] {hw[0], hw[1]};
      return this;
    }

    public Builder colorMode(ColorMode m) {
      colorMode = m;
      return this;
    }

    public Builder interpolation(Interpolation i) {
      interpolation = i;
      return this;
    }

    /** The training images' featurewise statistics, for a validation generator. */
    public Builder featurewiseStats(float[] mean, float[] std) {
      featureMean = mean == null ? null : mean.clone();
      featureStd = std == null ? null : std.clone();
      return this;
    }

    public ParallelImageDataGenerator build() {
      return new ParallelImageDataGenerator(this);
    }
  }
}
