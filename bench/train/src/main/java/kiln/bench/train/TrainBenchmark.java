package kiln.bench.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import kiln.api.data.DatasetProvider;
import kiln.api.model.Batch;
import kiln.api.model.LayerGraph;
import kiln.api.model.TrainJob;
import kiln.augment.ParallelAudioDataGenerator;
import kiln.augment.SampleIndex;
import kiln.augment.Spectrogram;
import kiln.augment.audio.BuiltinAugmenters;
import kiln.datasets.yesno.YesNoDatasetProvider;
import kiln.models.ReferenceSpecs;
import kiln.spec.KilnModel;
import kiln.spec.SearchPathModelFinder;
import kiln.tensorflow.train.LossConfig;
import kiln.tensorflow.train.ModelSession;
import kiln.tensorflow.train.OptimizerConfig;
import kiln.tensorflow.train.TensorFlowTrainer;
import kiln.pipeline.Catalog;
import kiln.pipeline.TrainCommand;
import kiln.archive.internal.ZipModelArchive;
import kiln.evaluate.internal.ClassifierEvaluator;
import kiln.micro.internal.MicroInterpreterService;
import kiln.quantize.internal.PtqInt8Quantizer;
import kiln.tensorflow.train.TrainStats;

/**
 * Training throughput of the tflite_micro_speech layout (conv 10x8/2 + BN + ReLU + dropout + dense,
 * 49x40 int8 micro_speech features, batch 32) on the embedded yes_no dataset with seed 004's
 * augmentations (offset, trim, background noise) and with every audio augmentation (TarsosDSP's
 * speed and pitch too): the raw TensorFlow step rate on pre-made batches, and for each set the
 * generator alone, the full data pipeline training, its ratio to the raw rate, and the fraction of
 * the training time spent waiting for data.
 *
 * <p>{@code mvn -q -pl bench/train exec:java} (the table); {@code -Dexec.args="yes_no"} trains
 * keyword_spotting_yes_no fully outside OSGi and prints its time and validation accuracy.
 */
public final class TrainBenchmark {
  private TrainBenchmark() {}

  public static void main(String[] args) throws Exception {
    int code = Relaunch.ifNeeded(TrainBenchmark.class, args);
    if (code >= 0) {
      System.exit(code);
    }
    Path tmp = Files.createTempDirectory("kiln-bench-train");
    try {
      if (args.length > 0 && args[0].equals("yes_no")) {
        trainYesNo(tmp, args.length > 1 ? args[1] : "keyword_spotting_yes_no");
      } else {
        table(tmp, args.length > 0 ? Double.parseDouble(args[0]) : 8, args.length > 1 ? Integer.parseInt(args[1]) : 3);
      }
    } finally {
      try (var s = Files.walk(tmp)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The augmentation sets of the table: seed 004's, and every audio augmentation (TarsosDSP's too). */
  static final List<String> SETS = List.of("seed004", "all");

  private static void table(Path tmp, double seconds, int epochs) {
    double loadBefore = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Dataset ds = new YesNoDatasetProvider().load(tmp.resolve("yes_no"), Progress.NONE);
    KilnModel model = SearchPathModelFinder.standard(ReferenceSpecs::all).load("keyword_spotting_yes_no");
    LayerGraph graph = model.buildGraph();
    OptimizerConfig adam = OptimizerConfig.parse("adam");

    // raw: the TensorFlow step alone on batches made beforehand
    double raw;
    double rawCpu;
    try (ParallelAudioDataGenerator gen = generator(model, ds, "seed004")) {
      List<Batch> batches = new ArrayList<>();
      for (int k = 0; k < Math.min(32, gen.batchesPerEpoch()); k++) {
        batches.add(gen.batch(0, k));
      }
      try (ModelSession s = ModelSession.forTraining(graph, null, 1, adam, LossConfig.CATEGORICAL_CROSSENTROPY)) {
        long step = 0;
        for (int i = 0; i < 20; i++) {
          s.trainStep(batches.get(i % batches.size()), 1e-3, ++step, 1, step);
        }
        long samples = 0;
        long cpu0 = processCpuNanos();
        long start = System.nanoTime();
        while ((System.nanoTime() - start) / 1e9 < seconds) {
          Batch b = batches.get((int) (step % batches.size()));
          s.trainStep(b, 1e-3, ++step, 1, step);
          samples += b.size();
        }
        raw = samples / ((System.nanoTime() - start) / 1e9);
        rawCpu = samples / ((processCpuNanos() - cpu0) / 1e9);
      }
    }

    List<String[]> rows = new ArrayList<>();
    List<String> budgets = new ArrayList<>();
    rows.add(new String[] {"raw TensorFlow steps on pre-made batches (samples/s)", String.format(Locale.ROOT, "%,.0f", raw)});
    rows.add(new String[] {"raw: samples per CPU-second of this process", String.format(Locale.ROOT, "%,.0f", rawCpu)});
    for (String set : SETS) {
      // the generator alone, no trainer, one worker per core (it has the machine to itself)
      double alone;
      double aloneCpu;
      try (ParallelAudioDataGenerator gen = generator(model, ds, set)) {
        gen.workerThreads(Runtime.getRuntime().availableProcessors());
        long warm = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warm) {
          gen.next();
        }
        long samples = 0;
        long start = System.nanoTime();
        while ((System.nanoTime() - start) / 1e9 < seconds) {
          samples += gen.next().size();
        }
        alone = samples / ((System.nanoTime() - start) / 1e9);
        aloneCpu = 1 / gen.cpuSecondsPerSample(); // warm-up included: the JIT's first batches count
      }
      // full pipeline: the trainer pulling augmented batches from the parallel generator
      TrainStats stats;
      double fullCpu;
      try (ParallelAudioDataGenerator gen = generator(model, ds, set)) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("epochs", epochs);
        settings.put("optimizer", "adam");
        settings.put("loss", "categorical_crossentropy");
        TensorFlowTrainer trainer = new TensorFlowTrainer();
        List<String> budget = new ArrayList<>();
        Progress log = new Progress() {
          @Override
          public void report(String task, long done, long total) {}

          @Override
          public void message(String line) {
            if (line.startsWith("Core budget")) {
              budget.add(line);
            }
          }
        };
        long cpu0 = processCpuNanos();
        trainer.train(new TrainJob(graph, settings, gen, null, null, 0, null, 1, log));
        fullCpu = gen.sampleCount() * (double) epochs / ((processCpuNanos() - cpu0) / 1e9);
        budgets.add(set + ": " + String.join("; ", budget));
        stats = trainer.lastStats();
      }
      double full = stats.samplesPerSecond();
      rows.add(new String[] {set + ": generator alone, a worker per core (samples/s)", String.format(Locale.ROOT, "%,.0f", alone)});
      rows.add(new String[] {set + ": generator, samples per worker CPU-second",
          String.format(Locale.ROOT, "%,.0f", aloneCpu)});
      rows.add(new String[] {set + ": full pipeline (samples/s)", String.format(Locale.ROOT, "%,.0f", full)});
      rows.add(new String[] {set + ": ratio full / raw", String.format(Locale.ROOT, "%.3f", full / raw)});
      rows.add(new String[] {set + ": full pipeline, samples per CPU-second", String.format(Locale.ROOT, "%,.0f", fullCpu)});
      rows.add(new String[] {set + ": CPU ratio (full / raw samples per CPU-second)",
          String.format(Locale.ROOT, "%.3f", fullCpu / rawCpu)});
      rows.add(new String[] {set + ": fraction of training time waiting for data",
          String.format(Locale.ROOT, "%.1f%%", stats.waitFraction() * 100)});
    }
    // the same trainings without the core budget (TensorFlow a thread per CPU beside the spec's workers)
    for (String set : SETS) {
      try (ParallelAudioDataGenerator gen = generator(model, ds, set)) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("epochs", epochs);
        settings.put("core_budget", false);
        TensorFlowTrainer trainer = new TensorFlowTrainer();
        trainer.train(new TrainJob(graph, settings, gen, null, null, 0, null, 1, Progress.NONE));
        double full = trainer.lastStats().samplesPerSecond();
        rows.add(new String[] {set + ", core_budget false: full pipeline (samples/s)", String.format(Locale.ROOT, "%,.0f", full)});
        rows.add(new String[] {set + ", core_budget false: ratio full / raw", String.format(Locale.ROOT, "%.3f", full / raw)});
      }
    }
    double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    System.out.printf(Locale.ROOT, "system load average before: %.1f%n", loadBefore);
    System.out.printf(Locale.ROOT, "Training tflite_micro_speech layout on yes_no (49x40 int8 features, batch 32,"
        + " adam), %d CPUs, system load average %.1f%n", Runtime.getRuntime().availableProcessors(), load);
    System.out.printf(Locale.ROOT, "%-58s %12s%n", "measurement", "value");
    for (String[] r : rows) {
      System.out.printf(Locale.ROOT, "%-58s %12s%n", r[0], r[1]);
    }
    budgets.forEach(System.out::println);
    System.out.printf(Locale.ROOT, "seed004 = offset + trim + background noise + frontend; all = seed004 + loudness,"
        + " noise colours, vtlp, speed, pitch%n(measured wall-clock rates, %.0f s each alone, %d epochs of the full"
        + " pipeline; the machine is shared, so compare ratios within one run)%n", seconds, epochs);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static ParallelAudioDataGenerator generator(KilnModel model, Dataset ds, String set) {
    // seed 004's augmentations on, whatever the reference spec tunes for its own training
    Map<String, Object> settings = new LinkedHashMap<>(model.audioDatagen().settings());
    settings.put("disable_random_transforms", false);
    if (set.equals("all")) {
      settings.put("loudness_range", List.of(0.6, 3.0));
      settings.put("noise_colors", "all");
      settings.put("noise_color_range", List.of(0.0, 0.1));
      settings.put("vtlp_range", List.of(0.7, 1.4));
      settings.put("speed_range", List.of(0.6, 1.9));
      settings.put("pitch_range", List.of(-3, 4));
    }
    Map<String, kiln.api.data.Augmenter> augmenters = new LinkedHashMap<>(BuiltinAugmenters.all());
    augmenters.putAll(kiln.augment.tarsos.TarsosAugmenters.all());
    return ParallelAudioDataGenerator.builder().augmenters(augmenters)
        .frontend(model.frontendSettings(), Spectrogram.microFrontend(model.frontendSettings()))
        .dataset(ds).classes(model.classes).settings(settings).subset(SampleIndex.Subset.TRAINING)
        .batchSize(32).seed(1).classWeights(model.classWeights).classMode("categorical").build();
  }

  /** The README's main job, outside OSGi: prints the training log, its time and accuracy. */
  private static void trainYesNo(Path tmp, String name) {
    YesNoDatasetProvider real = new YesNoDatasetProvider();
    DatasetProvider yesNo = new DatasetProvider() {
      @Override
      public String description() {
        return real.description();
      }

      @Override
      public Dataset load(Progress progress) {
        return real.load(tmp.resolve("yes_no"), progress);
      }
    };
    // the services DS would register, by their kiln.name
    Catalog steps = new Catalog();
    MicroInterpreterService micro = new MicroInterpreterService();
    steps.trainers.put(Catalog.TRAINER, new TensorFlowTrainer());
    steps.quantizers.put(Catalog.QUANTIZER, new PtqInt8Quantizer(micro));
    steps.interpreters.put(Catalog.INTERPRETER, micro);
    steps.evaluators.put("classifier", new ClassifierEvaluator());
    steps.archives.put(Catalog.ARCHIVE, new ZipModelArchive());
    TrainCommand cmd = new TrainCommand(new TrainCommand.Services(SearchPathModelFinder.standard(ReferenceSpecs::all),
        Map.of("yes_no", yesNo),
        fe -> ParallelAudioDataGenerator.builder().augmenters(BuiltinAugmenters.all())
            .frontend(fe, Spectrogram.microFrontend(fe)), steps), tmp, tmp.resolve("work"));
    long start = System.nanoTime();
    String report = cmd.run(name, 0, false, false, new Progress() {
      @Override
      public void report(String task, long done, long total) {}

      @Override
      public void message(String line) {
        System.out.println(line);
      }
    });
    System.out.println(report);
    System.out.printf(Locale.ROOT, "wall-clock time of the command: %.1f s%n", (System.nanoTime() - start) / 1e9);
  }
}
