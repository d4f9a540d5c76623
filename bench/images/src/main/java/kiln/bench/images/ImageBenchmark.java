package kiln.bench.images;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.api.data.Dataset;
import kiln.api.model.Batch;
import kiln.bench.train.Relaunch;
import kiln.image.ColorMode;
import kiln.image.ParallelImageDataGenerator;
import kiln.image.augment.ImageAugmenters;
import kiln.models.ReferenceSpecs;
import kiln.spec.KilnModel;
import kiln.spec.SearchPathModelFinder;
import kiln.tensorflow.train.LossConfig;
import kiln.tensorflow.train.ModelSession;
import kiln.tensorflow.train.OptimizerConfig;
import kiln.util.data.DatasetFolders;

/**
 * Samples per second of the parallel image data generator with fashion_mnist_example's settings
 * (28x28 gray, batch 64, rescale 1/255), augmentations off and on, and the raw TensorFlow training
 * step rate of that spec's layout on pre-made batches, measured in the same run, with their ratio
 * (above 1: the generator outpaces the trainer). Usage:
 * {@code mvn -q -pl bench/images exec:java [-Dexec.args="THREADS SECONDS PER_CLASS"]}.
 */
public final class ImageBenchmark {
  private ImageBenchmark() {}

  public static void main(String[] args) throws Exception {
    int code = Relaunch.ifNeeded(ImageBenchmark.class, args);
    if (code >= 0) {
      System.exit(code);
    }
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 6;
    int perClass = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    Path tmp = Files.createTempDirectory("kiln-bench-images");
    try {
      table(tmp, threads, seconds, perClass);
    } finally {
      DatasetFolders.deleteQuietly(tmp);
    }
  }

  private static void table(Path tmp, int threads, double seconds, int perClass) throws Exception {
    KilnModel model = SearchPathModelFinder.standard(ReferenceSpecs::all).load("fashion_mnist_example");
    Dataset ds = BenchImages.load(model.classes, perClass, tmp);
    Map<String, Object> off = new LinkedHashMap<>(model.imageDatagen().settings());
    Map<String, Object> on = new LinkedHashMap<>(off);
    on.put("rotation_range", 15);
    on.put("width_shift_range", 0.1);
    on.put("height_shift_range", 0.1);
    on.put("zoom_range", 0.1);
    on.put("horizontal_flip", true);

    double genOff = generatorRate(model, ds, off, threads, seconds, perClass);
    double genOn = generatorRate(model, ds, on, threads, seconds, perClass);
    double raw = rawStepRate(model, ds, off, threads, seconds, perClass);

    double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    System.out.printf(Locale.ROOT, "Image data generator, fashion_mnist_example settings (28x28 gray, batch %d), %s,"
        + " %d images per class, %d worker threads, %d CPUs, system load average %.1f%n", model.batchSize,
        BenchImages.fashionMnistPresent() ? "Fashion-MNIST" : "generated images", perClass, threads,
        Runtime.getRuntime().availableProcessors(), load);
    String f = "%-62s %12s%n";
    System.out.printf(Locale.ROOT, f, "measurement", "samples/s");
    System.out.printf(Locale.ROOT, f, "generator, augmentations off", String.format(Locale.ROOT, "%,.0f", genOff));
    System.out.printf(Locale.ROOT, f, "generator, rotation+shifts+zoom+horizontal flip",
        String.format(Locale.ROOT, "%,.0f", genOn));
    System.out.printf(Locale.ROOT, f, "raw TensorFlow steps, fashion_mnist_example, pre-made batches",
        String.format(Locale.ROOT, "%,.0f", raw));
    System.out.printf(Locale.ROOT, f, "ratio generator (off) / raw steps", String.format(Locale.ROOT, "%.2f", genOff / raw));
    System.out.printf(Locale.ROOT, f, "ratio generator (on) / raw steps", String.format(Locale.ROOT, "%.2f", genOn / raw));
    System.out.printf(Locale.ROOT, "(wall-clock rates over %.0f s each after warm-up; generator alone, no trainer;"
        + " the machine is shared)%n", seconds);
  }

  private static ParallelImageDataGenerator generator(KilnModel model, Dataset ds, Map<String, Object> settings,
      int threads, int perClass) {
    return ParallelImageDataGenerator.builder().augmenters(ImageAugmenters.all())
        .dataset(ds).classes(model.classes).settings(settings).subset(ParallelImageDataGenerator.Subset.TRAINING)
        .batchSize(model.batchSize).seed(1).classMode(model.classMode).targetSize(model.targetSize)
        .colorMode(ColorMode.of(model.colorMode)).maxSamplesPerClass(perClass).threads(threads).build();
  }

  private static double generatorRate(KilnModel model, Dataset ds, Map<String, Object> settings, int threads,
      double seconds, int perClass) {
    try (ParallelImageDataGenerator gen = generator(model, ds, settings, threads, perClass)) {
      for (int i = 0; i < 20; i++) { // warm the JIT
        gen.next();
      }
      long samples = 0;
      long start = System.nanoTime();
      while ((System.nanoTime() - start) / 1e9 < seconds) {
        samples += gen.next().size();
      }
      return samples / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** The TensorFlow step alone on batches made beforehand, as bench/train measures it. */
  private static double rawStepRate(KilnModel model, Dataset ds, Map<String, Object> settings, int threads,
      double seconds, int perClass) {
    List<Batch> batches = new ArrayList<>();
    try (ParallelImageDataGenerator gen = generator(model, ds, settings, threads, perClass)) {
      for (int k = 0; k < Math.min(32, gen.batchesPerEpoch()); k++) {
        batches.add(gen.batch(0, k));
      }
    }
    try (ModelSession s = ModelSession.forTraining(model.buildGraph(), null, 1, OptimizerConfig.parse("adam"),
        LossConfig.CATEGORICAL_CROSSENTROPY)) {
      long step = 0;
      for (int i = 0; i < 20; i++) {
        s.trainStep(batches.get(i % batches.size()), 1e-3, ++step, 1, step);
      }
      long samples = 0;
      long start = System.nanoTime();
      while ((System.nanoTime() - start) / 1e9 < seconds) {
        Batch b = batches.get((int) (step % batches.size()));
        s.trainStep(b, 1e-3, ++step, 1, step);
        samples += b.size();
      }
      return samples / ((System.nanoTime() - start) / 1e9);
    }
  }
}
