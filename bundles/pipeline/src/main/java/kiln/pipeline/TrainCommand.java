package kiln.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import kiln.util.AtomicFiles;
import kiln.api.KilnException;
import kiln.util.KilnHome;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import kiln.api.data.DatasetProvider;
import kiln.api.data.FrontendSettings;
import kiln.api.model.Batch;
import kiln.api.model.LayerGraph;
import kiln.api.model.TrainCallback;
import kiln.api.model.TrainJob;
import kiln.api.model.TrainResult;
import kiln.api.model.TrainStats;
import kiln.api.model.Trainer;
import kiln.api.model.Weights;
import kiln.archive.ArchiveContents;
import kiln.archive.ArchiveLayout;
import kiln.archive.Provenance;
import kiln.archive.TrainingHistory;
import kiln.augment.ParallelAudioDataGenerator;
import kiln.augment.SampleIndex;
import kiln.image.ColorMode;
import kiln.image.Interpolation;
import kiln.image.ParallelImageDataGenerator;
import kiln.evaluate.plot.TrainingHistoryPlot;
import kiln.nn.ModelSummary;
import kiln.spec.KilnModel;
import kiln.spec.ModelEntry;
import kiln.spec.ModelFinder;
import kiln.spec.QuantizeJobs;

/**
 * {@code kiln:train NAME[-test] [--epochs N] [--resume] [--clean] [--seed N] [--trainer T]
 * [--quantizer Q] [--interpreter I] [--device cpu|gpu]}: loads the spec, makes the training and validation generators
 * from its dataset and datagen settings, trains with the {@code Trainer} service, writes
 * {@code NAME.kiln.zip} (next to the spec, or in the current directory for bundled specs), then
 * quantizes (calibrated on un-augmented training samples) and evaluates on the validation samples
 * through the {@code Quantizer}, {@code Interpreter} and {@code Evaluator} services.
 */
public final class TrainCommand {
  /**
   * What the command uses.
   *
   * @param generators makes the audio data generator for a frontend, or null when not installed
   * @param catalog the trainer, quantizer, interpreter, evaluator and archive services by name
   * @param imageGenerators makes the image data generator (with the image augmenters), or null when
   *     kiln.image is not installed
   */
  public record Services(
      ModelFinder finder,
      Map<String, DatasetProvider> datasets,
      Function<FrontendSettings, ParallelAudioDataGenerator.Builder> generators,
      Catalog catalog,
      Supplier<ParallelImageDataGenerator.Builder> imageGenerators) {
    /** Services without the image data generator. */
    public Services(ModelFinder finder, Map<String, DatasetProvider> datasets,
        Function<FrontendSettings, ParallelAudioDataGenerator.Builder> generators, Catalog catalog) {
      this(finder, datasets, generators, catalog, null);
    }
  }

  /** Per-run choices on the command line; nulls keep the spec's (or Kiln's default). */
  /**
   * @param hyperparameters a point of the spec's search space ({@code --hp}); empty: every default
   * @param output where the archive and the work folder (checkpoints, logs) go ({@code -o}); null:
   *     next to the spec and under {@code ~/.kiln/models/NAME}
   */
  public record Options(int epochs, boolean resume, boolean clean, Long seed, String trainer, String quantizer,
      String interpreter, String evaluator, String device, Map<String, String> hyperparameters, Path output) {
    public Options {
      hyperparameters = hyperparameters == null ? Map.of() : Map.copyOf(hyperparameters);
    }

    /** Without a search-space point or output folder. */
    public Options(int epochs, boolean resume, boolean clean, Long seed, String trainer, String quantizer,
        String interpreter, String evaluator, String device) {
      this(epochs, resume, clean, seed, trainer, quantizer, interpreter, evaluator, device, Map.of(), null);
    }

    /** Without a device choice: the trainer's own placement. */
    public Options(int epochs, boolean resume, boolean clean, Long seed, String trainer, String quantizer,
        String interpreter, String evaluator) {
      this(epochs, resume, clean, seed, trainer, quantizer, interpreter, evaluator, null);
    }

    public static Options of(int epochs, boolean resume, boolean clean) {
      return new Options(epochs, resume, clean, null, null, null, null, null);
    }
  }

  private final Services services;
  private final Path currentDir;
  private final Path workRoot;

  public TrainCommand(Services services) {
    this(services, Paths.get("").toAbsolutePath(), KilnHome.dir().resolve("models"));
  }

  /** For tests: where bundled specs' archives and the work folders go. */
  public TrainCommand(Services services, Path currentDir, Path workRoot) {
    this.services = services;
    this.currentDir = currentDir;
    this.workRoot = workRoot;
  }

  private TrainStats lastStats;

  /** The timing of the last run's training, or null. */
  public TrainStats lastStats() {
    return lastStats;
  }

  /** {@link #run(String, Options, Progress)} with the spec's seed and services. */
  public String run(String nameOrPath, int epochsOverride, boolean resume, boolean clean, Progress out) {
    return run(nameOrPath, Options.of(epochsOverride, resume, clean), out);
  }

  /**
   * Runs the command and returns its closing report.
   *
   * @param options a positive {@code epochs} replaces the spec's epochs; 0 or less keeps them
   * @param out receives the progress lines as they happen
   */
  public String run(String nameOrPath, Options options, Progress out) {
    int epochsOverride = options.epochs();
    boolean resume = options.resume();
    boolean clean = options.clean();
    Instant started = Instant.now();
    StringBuilder log = new StringBuilder();
    Progress progress = new Progress() {
      @Override
      public void report(String task, long done, long total) {
        out.report(task, done, total);
      }

      @Override
      public void message(String line) {
        log.append(line).append('\n');
        out.message(line);
      }
    };
    if (resume && clean) {
      throw new KilnException("--resume and --clean: choose one (--clean deletes the checkpoints --resume needs)");
    }
    KilnModel model = services.finder().load(nameOrPath, options.hyperparameters());
    ModelEntry entry = services.finder().find(nameOrPath);
    String name = model.name() + (model.testMode() ? "-test" : "");
    Path output = options.output() == null ? null : options.output().toAbsolutePath();
    Path archiveDir = output != null ? output
        : entry != null && entry.path() != null ? entry.path().toAbsolutePath().getParent() : currentDir;
    Path archive = archiveDir.resolve(ArchiveLayout.archiveFileName(name));
    // with -o the checkpoints stay beside the archive, so runs of one spec with different
    // hyper-parameters (kiln:tune's trials) never share a work folder
    Path workDir = output != null ? output.resolve("work") : workRoot.resolve(name);
    if (output != null) {
      try {
        Files.createDirectories(output);
      } catch (IOException e) {
        throw new KilnException("-o " + output + ": cannot create the folder: " + e.getMessage(), e);
      }
    }
    // one run of a model in a folder at a time (two runs would mix their archive and checkpoints)
    try (RunLock runLock = RunLock.acquire(archiveDir, name)) {
      if (clean) {
        deleteTree(workDir);
      }

      LayerGraph graph = model.buildGraph();
      Map<String, Object> settings = new LinkedHashMap<>(model.trainSettings());
      if (model.testMode()) {
        settings.put("epochs", 1);
      }
      if (epochsOverride > 0) {
        settings.put("epochs", epochsOverride);
      }
      if (options.device() != null) {
        settings.put("device", options.device()); // read by the trainer: cpu, gpu or auto
      }
      long seed = options.seed() != null ? options.seed() : model.seed;
      // every step is a service picked by name: option, else the spec's setting, else Kiln's default
      Steps steps = services.catalog().steps(first(options.trainer(), model.trainer),
          first(options.quantizer(), model.quantizer), first(options.interpreter(), model.interpreter),
          first(options.evaluator(), model.evaluator != null ? model.evaluator
              : model instanceof kiln.spec.EvaluateAutoEncoderMixin ? "autoencoder" : "classifier"), true);
      Trainer trainer = steps.trainer();

      Weights initial = null;
      int initialEpoch = 0;
      TrainingHistory previous = null;
      Path historyFile = workDir.resolve(ArchiveLayout.TRAINING_HISTORY);
      if (resume) {
        initialEpoch = trainer.resumeEpoch(workDir);
        if (initialEpoch == 0) {
          throw new KilnException("--resume: trainer " + steps.trainerChoice().name() + " has no checkpoint of "
              + name + " in " + workDir + " (train without --resume first)");
        }
        if (Files.isRegularFile(historyFile)) {
          previous = TrainingHistory.fromJson(read(historyFile), historyFile.toString());
        }
        progress.message("Resuming " + name + " from checkpoint epoch " + initialEpoch);
      }
      // the spec's initialWeights: another model's trained weights by name (a resumed run has its checkpoint)
      InitialWeights.Loaded start = null;
      if (!resume && model.initialWeights != null) {
        start = InitialWeights.load(model, name, graph, services.finder(), services.catalog().archive(),
            currentDir, progress);
        initial = start.weights();
      }

      // data the spec supplies itself (DatasetMixin.trainingData()), else the named dataset provider's
      SpecData specData = SpecData.of(model);
      Dataset dataset = specData != null ? null : Datasets.load(model, services.datasets(), progress);
      progress.message(specData != null ? "Dataset: supplied by the spec (trainingData()"
          + (specData.hasValidation() ? ", validationData()" : "")
          + (specData.canEvaluate() ? ", evaluation from " + specData.evaluationSource() : "") + ")"
          : "Dataset " + dataset.name() + " (" + dataset.root() + ")");
      boolean image = model.datagen instanceof kiln.spec.ParallelImageDataGenerator;
      try (TrainData train = specData != null ? specData.trainingBatches()
              : image ? imageGenerator(model, dataset, false, seed, null, progress)
              : TrainData.audio(generator(model, dataset, SampleIndex.Subset.TRAINING, seed, progress));
          // an image dataset with its own split (Fashion-MNIST's test images) always has validation data
          TrainData validation = specData != null ? specData.validationBatches()
              : image && (model.validationSplit() > 0 || dataset.split() != null)
              ? imageGenerator(model, dataset, true, seed, train, progress)
              : !image && model.validationSplit() > 0
              ? TrainData.audio(generator(model, dataset, SampleIndex.Subset.VALIDATION, seed, progress)) : null) {
        progress.message(String.format(Locale.ROOT, "Training %s: %d training samples%s, batch size %d, seed %d,"
                + " trainer %s (%s)", name, train.sampleCount(),
            validation == null ? "" : ", " + validation.sampleCount() + " validation samples", model.batchSize, seed,
            steps.trainerChoice().name(), trainer.description()));
        List<TrainCallback> callbacks = new ArrayList<>(castCallbacks(settings.get("train_callbacks")));
        callbacks.add(new HistoryWriter(historyFile, previous, initialEpoch));
        settings.put("train_callbacks", callbacks);

        TrainResult result = trainer.train(new TrainJob(graph, settings, train.source(),
            validation == null ? null : validation.source(), initial, initialEpoch,
            workDir, seed, progress));
        TrainingHistory history = TrainingHistory.of(result.history(), initialEpoch, params(settings, train));
        if (previous != null) {
          history = previous.append(history);
        }
        TrainStats stats = result.stats();
        lastStats = stats;
        progress.message(String.format(Locale.ROOT, "Trained %d epochs in %.1f s (%.0f samples/s, %.0f%% of the"
                + " step time waiting for data)", result.epochs() - initialEpoch, stats.totalSeconds(),
            stats.samplesPerSecond(), stats.waitFraction() * 100));

        Provenance.Builder provenanceBuilder = Provenance.builder(name)
            .specSource(source(model).getBytes(StandardCharsets.UTF_8))
            .dataset(specData != null ? "spec:" + model.name() : dataset.name(),
                specData != null ? specData.contentHash(train.sampleCount()) : dataset.contentHash())
            .extra("dataset_version", specData != null ? model.version : dataset.version())
            .seed(seed)
            .settings(model.settings())
            .setting("epochs", settings.get("epochs"))
            .tensorflowVersion(trainer.description())
            .extra("trainer", steps.trainerChoice().name())
            .extra("quantizer", steps.quantizerName())
            .extra("interpreter", steps.interpreterName())
            .kilnBundlesOf(getClass())
            .started(started)
            .extra("resumed_from_epoch", initialEpoch);
        if (start != null) {
          provenanceBuilder.extra("initial_weights", start.provenance());
        }
        Provenance provenance = provenanceBuilder.build().finishedAt(Instant.now());
        ArchiveContents contents = new ArchiveContents(name)
            .spec(source(model))
            .weights(result.weights())
            .summary(ModelSummary.of(graph).format())
            .trainLog(log.toString())
            .history(history, TrainingHistoryPlot.render(name, history.history(), history.plotFirstEpoch()))
            .provenance(provenance);

        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Trained %s: %d epochs, archive %s", name, result.epochs(), archive));
        List<float[]> samples = new ArrayList<>();
        List<Integer> labelList = new ArrayList<>();
        if (validation != null) {
          if (specData != null) {
            ModelData.Samples v = specData.validationSamples();
            samples.addAll(v.x());
            java.util.Arrays.stream(v.labels()).forEach(labelList::add);
          } else {
            collect(validation, samples, labelList);
          }
          int[] labels = labelList.stream().mapToInt(Integer::intValue).toArray();
          double acc = accuracy(trainer.predict(graph, result.weights(), samples, List.of()).values().iterator().next(),
              labels);
          String line = String.format(Locale.ROOT, "Validation accuracy of the archived weights: %.4f (%d samples%s)",
              acc, labels.length, augmenting(validation) ? ", augmented as during training" : "");
          progress.message(line);
          report.append('\n').append(line);
        }
        if (specData != null && specData.canEvaluate()) {
          // the spec's own data: calibrate on its training data, evaluate on its evaluation (else validation) data
          ModelData.Samples rep = specData.representative(QuantizeJobs.maxSamples(model));
          ModelData.Samples eval = specData.evaluationSamples(-1);
          progress.message("Evaluation samples: " + eval.size() + " from the spec's " + specData.evaluationSource());
          PostTraining.Result r = new PostTraining(steps).run(new PostTraining.Job(model, graph, result.weights(),
              rep.x(), eval.x(), eval.labels(), name, progress));
          r.archiveEntries().forEach(contents::put);
          report.append('\n').append(r.summary());
        } else if (specData != null) {
          String line = "Skipped quantization (.tflite) and evaluation (eval/): the spec supplies training data only;"
              + " evaluation needs held-out samples from evaluationData() or validationData()";
          progress.message(line);
          report.append('\n').append(line);
        } else if (validation != null) {
          // calibration data: un-augmented TRAINING samples (MLTK's rule), never the evaluation set
          ModelData.Samples rep = image
              ? ModelData.image(imageBuilder(), dataset, model, true, QuantizeJobs.maxSamples(model), seed, progress)
              : ModelData.audio(services.generators().apply(model.frontendSettings()), dataset,
              model, true, QuantizeJobs.maxSamples(model), seed, progress);
          // evaluation data: the validation subset WITHOUT augmentation (MLTK's 'evaluation' subset), made
          // exactly as kiln:evaluate makes it; the training-time validation generator above augments when
          // validation_augmentation_enabled (the default) and a random step such as offset_range is set
          ModelData.Samples eval = image
              ? ModelData.image(imageBuilder(), dataset, model, false, -1, seed, progress)
              : ModelData.audio(services.generators().apply(model.frontendSettings()), dataset,
              model, false, -1, seed, progress);
          PostTraining.Result r = new PostTraining(steps).run(new PostTraining.Job(model, graph, result.weights(),
              rep.x(), eval.x(), eval.labels(), name, progress));
          r.archiveEntries().forEach(contents::put);
          report.append('\n').append(r.summary());
        } else {
          String line = "Skipped quantization (.tflite) and evaluation (eval/): the spec has no validation data";
          progress.message(line);
          report.append('\n').append(line);
        }
        // one write of the complete archive (its log holds the post-training lines too): a run killed at
        // any moment leaves the previous archive, never a mix of two runs
        contents.trainLog(log.toString());
        services.catalog().archive().write(archive, contents.entries());
        progress.message("wrote " + archive);
        return report.toString();
      }
    }
  }

  private ParallelAudioDataGenerator generator(KilnModel model, Dataset dataset, SampleIndex.Subset subset, long seed,
      Progress progress) {
    if (services.generators() == null) {
      throw new KilnException("datagen: the audio data generator (bundle kiln.augment) is not installed");
    }
    var spec = model.audioDatagen();
    int max = model.testMode() ? 3 : spec.maxSamplesPerClass;
    return services.generators().apply(model.frontendSettings())
        .dataset(dataset).classes(model.classes).settings(spec.settings())
        .subset(subset).batchSize(model.batchSize).seed(seed)
        .shuffle(model.shuffle)
        .classWeights(model.classWeights).classMode(model.classMode)
        .maxSamplesPerClass(max).progress(progress).build();
  }

  private ParallelImageDataGenerator.Builder imageBuilder() {
    if (services.imageGenerators() == null) {
      throw new KilnException("datagen: the image data generator (bundle kiln.image) is not installed");
    }
    return services.imageGenerators().get();
  }

  /** The image generator of the training or validation subset (validation: the training featurewise stats). */
  private TrainData imageGenerator(KilnModel model, Dataset dataset, boolean validation, long seed, TrainData train,
      Progress progress) {
    var spec = (kiln.spec.ParallelImageDataGenerator) model.datagen;
    int max = model.testMode() ? 3 : spec.maxSamplesPerClass;
    ParallelImageDataGenerator.Builder b = imageBuilder()
        .dataset(dataset).classes(model.classes).settings(spec.settings())
        .subset(validation ? ParallelImageDataGenerator.Subset.VALIDATION : ParallelImageDataGenerator.Subset.TRAINING)
        .batchSize(model.batchSize).seed(seed).shuffle(model.shuffle)
        .classWeights(model.classWeights).classMode(model.classMode)
        .targetSize(model.targetSize).colorMode(ColorMode.of(model.colorMode))
        .interpolation(Interpolation.of(model.interpolation))
        .maxSamplesPerClass(max).progress(progress);
    if (train != null && train.source() instanceof ParallelImageDataGenerator t) {
      b.featurewiseStats(t.featureMean(), t.featureStd());
    }
    return TrainData.image(b.build());
  }

  /** Whether the training-time validation generator augments its samples (then it is not the evaluation set). */
  private static boolean augmenting(TrainData validation) {
    return validation.source() instanceof ParallelAudioDataGenerator a ? a.augmenting()
        : validation.source() instanceof ParallelImageDataGenerator i && i.augmenting();
  }

  /** Every validation sample (features without batch dimension) and its class index. */
  private static void collect(TrainData gen, List<float[]> samples, List<Integer> labels) {
    for (int k = 0; k < gen.batchesPerEpoch(); k++) {
      Batch b = gen.batch(0, k);
      int n = b.size();
      int per = b.x().length / n;
      int classes = b.y().length / n;
      for (int i = 0; i < n; i++) {
        samples.add(java.util.Arrays.copyOfRange(b.x(), i * per, (i + 1) * per));
        int best = 0;
        for (int c = 1; c < classes; c++) {
          if (b.y()[i * classes + c] > b.y()[i * classes + best]) {
            best = c;
          }
        }
        labels.add(classes == 1 ? (b.y()[i] > 0.5f ? 1 : 0) : best);
      }
    }
  }

  /** The share of samples whose highest score is their label. */
  static double accuracy(List<float[]> scores, int[] labels) {
    int hits = 0;
    for (int i = 0; i < labels.length; i++) {
      float[] s = scores.get(i);
      int best = 0;
      for (int c = 1; c < s.length; c++) {
        if (s[c] > s[best]) {
          best = c;
        }
      }
      if ((s.length == 1 ? (s[0] > 0.5f ? 1 : 0) : best) == labels[i]) {
        hits++;
      }
    }
    return labels.length == 0 ? 0 : (double) hits / labels.length;
  }

  private static Map<String, Object> params(Map<String, Object> settings, TrainData train) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("verbose", 2);
    p.put("epochs", settings.get("epochs"));
    p.put("steps", train.batchesPerEpoch());
    return p;
  }

  private static String source(KilnModel model) {
    String s = model.specSource();
    return s != null ? s : "// the source of " + model.name() + " is not available (bundled spec " + model.getClass().getName() + ")\n";
  }

  private static String first(String option, String spec) {
    return option != null && !option.isBlank() ? option : spec;
  }

  private static List<TrainCallback> castCallbacks(Object o) {
    List<TrainCallback> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object c : l) {
        if (c instanceof TrainCallback t) {
          out.add(t);
        }
      }
    }
    return out;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new KilnException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new KilnException("--clean: cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Keeps train/training-history.json in the work folder current after every epoch (for --resume). */
  private static final class HistoryWriter implements TrainCallback {
    private final Path file;
    private final TrainingHistory previous;
    private final int firstEpoch;
    private final Map<String, List<Double>> history = new LinkedHashMap<>();

    HistoryWriter(Path file, TrainingHistory previous, int firstEpoch) {
      this.file = file;
      this.previous = previous;
      this.firstEpoch = firstEpoch;
    }

    @Override
    public boolean onEpochEnd(int epoch, Map<String, Double> logs) {
      logs.forEach((k, v) -> history.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
      TrainingHistory h = TrainingHistory.of(history, firstEpoch, Map.of());
      if (previous != null) {
        h = previous.append(h);
      }
      AtomicFiles.write(file, h.toJson());
      return false;
    }
  }
}
