package kiln.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.util.AtomicFiles;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.model.EvaluationJob;
import kiln.api.model.EvaluationResult;
import kiln.api.model.LayerGraph;
import kiln.api.model.LoadedModel;
import kiln.api.model.QuantizeJob;
import kiln.api.model.QuantizeResult;
import kiln.api.model.Weights;
import kiln.archive.ArchiveContents;
import kiln.archive.ArchiveLayout;
import kiln.archive.ArchiveReader;
import kiln.evaluate.FidelityReport;
import kiln.evaluate.ModelOutputs;
import kiln.spec.QuantizeJobs;
import kiln.spec.EvaluateAutoEncoderMixin;
import kiln.spec.ExportedModel;
import kiln.spec.KilnModel;
import kiln.spec.ModelEntry;
import kiln.spec.ModelFinder;
import kiln.tflite.TfliteModel;
import kiln.tflite.TfliteSummary;

/**
 * The logic of {@code kiln:quantize} and {@code kiln:evaluate} on a model archive, without OSGi.
 */
public final class ArchiveTasks {
  /** Where samples come from (the audio data generator in OSGi, fixed lists in tests). */
  public interface DataSource {
    ModelData.Samples samples(KilnModel model, boolean training, int max, long seed, Progress progress);
  }

  /**
   * The user's choices; nulls keep the spec's (or Kiln's default).
   *
   * @param seed the seed of sample selection (default: the seed the archive was trained with, from its
   *     provenance, else the spec's)
   * @param trustSpec compile and run the spec source the archive holds ({@code --trust-spec}); without
   *     it the spec must be on the user's own model path (or be one of Kiln's bundled specs)
   * @param dataset the dataset to draw samples from instead of the spec's ({@code --dataset}), or null
   */
  public record Choices(Long seed, String trainer, String quantizer, String interpreter, String evaluator,
      boolean trustSpec, String dataset) {
    public static final Choices DEFAULTS = new Choices(null, null, null, null, null, false, null);

    public Choices(Long seed, String trainer, String quantizer, String interpreter, String evaluator,
        boolean trustSpec) {
      this(seed, trainer, quantizer, interpreter, evaluator, trustSpec, null);
    }
  }

  private final ModelFinder finder;
  private final DataSource data;
  private final Catalog catalog;
  private final Choices choices;
  private final Path workingDir;

  public ArchiveTasks(ModelFinder finder, DataSource data, Catalog catalog, Choices choices, Path workingDir) {
    this.finder = finder;
    this.data = data;
    this.catalog = catalog;
    this.choices = choices == null ? Choices.DEFAULTS : choices;
    this.workingDir = workingDir;
  }

  private Steps steps(KilnModel model, boolean needTrainer) {
    return catalog.steps(first(choices.trainer(), model.trainer), first(choices.quantizer(), model.quantizer),
        first(choices.interpreter(), model.interpreter), first(choices.evaluator(), model.evaluator != null
            ? model.evaluator : model instanceof EvaluateAutoEncoderMixin ? "autoencoder" : "classifier"),
        needTrainer);
  }

  /**
   * The seed of sample selection (which files make the _unknown_ class): the user's, else the one the
   * archive was trained with (train --seed N), so evaluate sees the samples train evaluated on.
   */
  private long seed(Loaded l) {
    if (choices.seed() != null) {
      return choices.seed();
    }
    Long trained = l.reader().has(ArchiveLayout.PROVENANCE) ? l.reader().provenance().seed() : null;
    return trained != null ? trained : l.model().seed;
  }

  private static String first(String option, String spec) {
    return option != null && !option.isBlank() ? option : spec;
  }

  /** A model, its graph and its trained weights, read from an archive. */
  record Loaded(Path archive, ArchiveReader reader, KilnModel model, LayerGraph graph, Weights weights) {
    /** The trained weights; an error naming the archive when it holds none in Kiln's format. */
    Weights trained() {
      if (weights == null) {
        throw new KilnException(archive + ": holds no trained weights in Kiln's format ("
            + ArchiveLayout.weights(reader.model()) + "); for an MLTK archive, quantize its .h5 (kiln:quantize"
            + " FILE.mltk.zip) or evaluate its .tflite (--tflite)");
      }
      return weights;
    }
  }

  /** {@code kiln:quantize NAME [-o FILE]}. */
  public String quantize(String name, String output, Progress progress) {
    Loaded l = load(name);
    Steps steps = steps(l.model(), false);
    int max = QuantizeJobs.maxSamples(l.model());
    ModelData.Samples rep = data.samples(l.model(), true, max, seed(l), progress);
    // the network the spec exports (by default the trained model), on its own samples
    ExportedModel export = ExportedModel.of(l.model(), l.graph());
    List<float[]> representative = export.split(rep.x()).x();
    progress.message("quantizing " + l.model().name() + " with " + steps.quantizerName() + " ("
        + representative.size() + " representative training samples)");
    QuantizeResult q = steps.quantizer().quantize(new QuantizeJob(export.graph(), export.weights(l.trained()),
        representative,
        l.model().tfliteConverterSettings(), QuantizeJobs.parameters(l.model()), steps.interpreter(), progress));
    String model = l.reader().model(); // NAME-test archives hold NAME-test entries
    ArchiveContents c = new ArchiveContents(model).tflite(q.tflite())
        .tfliteSummary(TfliteSummary.summarize(TfliteModel.read(q.tflite(), model + ".tflite"),
            model + ".tflite", q.tflite().length));
    if (!Boolean.FALSE.equals(l.model().tfliteConverterSettings().get("generate_unquantized"))
        && q.float32Tflite() != null) {
      c.float32Tflite(q.float32Tflite());
    }
    StringBuilder out = new StringBuilder();
    ModelData.Samples eval = data.samples(l.model(), false, -1, seed(l), progress);
    if (eval.size() > 0) {
      FidelityReport f = fidelity(steps, q, eval, export, l.model() instanceof EvaluateAutoEncoderMixin);
      c.put(ArchiveLayout.EVAL_TFLITE + FidelityReport.TEXT_FILE, f.toText().getBytes(StandardCharsets.UTF_8));
      c.put(ArchiveLayout.EVAL_TFLITE + FidelityReport.JSON_FILE, f.toJson().getBytes(StandardCharsets.UTF_8));
      out.append(f.toText()).append('\n');
    }
    catalog.archive().update(l.archive(), c.entries());
    if (output != null && !output.isEmpty()) {
      Path file = workingDir.resolve(output);
      AtomicFiles.write(file, q.tflite());
      out.append("wrote ").append(file).append(" (").append(String.format(Locale.ROOT, "%,d", q.tflite().length))
          .append(" bytes)\n");
    }
    out.append("updated ").append(l.archive()).append(": ").append(ArchiveLayout.tflite(model))
        .append(" (").append(String.format(Locale.ROOT, "%,d", q.tflite().length)).append(" bytes, runtime memory ")
        .append(String.format(Locale.ROOT, "%,d", q.runtimeMemoryBytes())).append(" bytes, calibrated on ")
        .append(q.calibrationSamples()).append(" samples)");
    return out.toString();
  }

  /** {@code kiln:evaluate NAME [--tflite] [--count N] [--show]}. */
  public String evaluate(String name, boolean tflite, int count, boolean show, Progress progress) {
    Loaded l = load(name);
    KilnModel model = l.model();
    String entryName = l.reader().model();
    boolean ae = model instanceof EvaluateAutoEncoderMixin;
    Steps steps = steps(model, false);
    ModelData.Samples eval = data.samples(model, false, count, seed(l), progress);
    if (eval.size() == 0) {
      throw new KilnException(model.name() + ": the validation set is empty (validation_split is "
          + model.validationSplit() + ")");
    }
    // what was exported (by default the trained model) runs on its own samples; the spec turns its
    // outputs into one score per evaluation sample
    ExportedModel export = ExportedModel.of(model, l.graph());
    ExportedModel.Split split = export.split(eval.x());
    List<float[]> scores;
    String how;
    if (tflite) {
      byte[] bytes = l.reader().tflite();
      if (bytes == null) {
        throw new KilnException(l.archive() + ": holds no " + ArchiveLayout.tflite(entryName)
            + "; run kiln:quantize " + entryName + " first");
      }
      try (LoadedModel m = steps.interpreter().load(bytes, ArchiveLayout.tflite(entryName))) {
        scores = split.scores(ModelOutputs.run(m, split.x()));
      }
      how = ".tflite through the " + steps.interpreterName() + " interpreter";
    } else if (steps.trainer() != null) {
      scores = split.scores(steps.trainer().predict(export.graph(), export.weights(l.trained()), split.x(),
          List.of()).values().iterator().next());
      how = (export.isTrainedModel() ? "" : "exported ") + "float model through the " + steps.trainerChoice().name() + " trainer";
    } else {
      byte[] f32 = l.reader().float32Tflite();
      if (f32 == null) {
        throw new KilnException(l.archive() + ": no trainer is installed to run the float model, and the archive"
            + " holds no " + ArchiveLayout.float32Tflite(entryName) + "; install kiln.tensorflow or run"
            + " kiln:quantize " + entryName + " first");
      }
      try (LoadedModel m = steps.interpreter().load(f32, "float32")) {
        scores = split.scores(ModelOutputs.run(m, split.x()));
      }
      how = "float model through its float32 .tflite (no trainer installed)";
    }
    Path tmp = tempDir();
    try {
      EvaluationResult r = steps.evaluator().evaluate(new EvaluationJob(entryName,
          ae ? model.evalClasses : model.classes, scores, eval.labels(), tmp, ae ? eval.x() : null));
      ArchiveContents c = new ArchiveContents(entryName).evalDir(tflite, tmp);
      byte[] fidelityText = null;
      if (tflite) {
        // the fidelity report is part of eval/tflite: keep the one made when quantizing
        for (String f : List.of(FidelityReport.TEXT_FILE, FidelityReport.JSON_FILE)) {
          byte[] old = l.reader().bytes(ArchiveLayout.EVAL_TFLITE + f);
          if (old != null) {
            c.put(ArchiveLayout.EVAL_TFLITE + f, old);
            fidelityText = f.equals(FidelityReport.TEXT_FILE) ? old : fidelityText;
          }
        }
      }
      catalog.archive().update(l.archive(), c.entries());
      StringBuilder out = new StringBuilder();
      out.append("evaluated the ").append(how).append(" on ").append(eval.size()).append(" validation samples\n");
      out.append(r.summary().strip()).append('\n');
      if (show) {
        for (Path p : r.files()) {
          out.append("  ").append(ArchiveLayout.evalDir(tflite)).append(tmp.relativize(p)).append('\n');
        }
        if (fidelityText != null) {
          out.append(new String(fidelityText, StandardCharsets.UTF_8)).append('\n');
        }
      }
      out.append("results in ").append(l.archive()).append(" under ").append(ArchiveLayout.evalDir(tflite));
      return out.toString();
    } finally {
      ModelRuns.deleteTree(tmp);
    }
  }

  static FidelityReport fidelity(Steps steps, QuantizeResult q, ModelData.Samples eval, ExportedModel export,
      boolean autoencoder) {
    ModelRuns runs = ModelRuns.of(steps.interpreter(), q, export.split(eval.x()).x(), PostTraining.LAYER_SAMPLES);
    // an exported network other than the trained model has outputs that are not class scores
    return runs.fidelity(runs.floatOutputs(), autoencoder || !export.isTrainedModel() ? null : eval.labels());
  }

  /** Finds the archive, compiles the spec it holds (or the one on the search path), reads the weights. */
  Loaded load(String name) {
    Path archive = locate(name);
    ArchiveReader r = ArchiveReader.of(catalog.archive().read(archive), archive);
    String model = r.model();
    if (!model.matches("[A-Za-z0-9_][A-Za-z0-9_-]{0,127}")) {
      // the name becomes a file name below: never let an archive choose where files go
      throw new KilnException(archive + ": its model name '" + model + "' is not a model name (letters, digits,"
          + " underscore and dash)");
    }
    KilnModel spec;
    String source = r.specSource();
    ModelEntry own = ownSpec(model);
    // a trial of kiln:tune: the spec is rebuilt at the point of its search space it was trained at
    Map<String, String> hp = hyperparameters(r);
    if (own != null && !(choices.trustSpec() && source != null)) {
      spec = finder.load(model, hp);
    } else if (source != null && !choices.trustSpec()) {
      // an archive is data: its spec is Java code that would run here, so it runs only when asked
      throw new KilnException(archive + " holds the spec of " + model + " as Java source, and no spec of that"
          + " name is on your model path; Kiln runs code from an archive only when you ask: pass --trust-spec"
          + " if you trust whoever made the archive, or put " + model + ".java on your model path");
    } else if (source != null) {
      Path dir = tempDir();
      try {
        Path file = dir.resolve(model + ".java");
        Files.writeString(file, source);
        spec = finder.load(file.toString(), hp);
      } catch (IOException e) {
        throw new KilnException("cannot write the archive's spec to " + dir + ": " + e.getMessage(), e);
      } finally {
        ModelRuns.deleteTree(dir);
      }
    } else {
      throw new KilnException(archive + ": holds no spec source and no spec named " + model
          + " is on the model path");
    }
    if (choices.dataset() != null) {
      spec.dataset = choices.dataset();
    }
    // an MLTK archive holds Keras weights, not Kiln's: fine for what needs only its .tflite
    byte[] stored = r.bytes(ArchiveLayout.weights(model));
    return new Loaded(archive, r, spec, spec.buildGraph(), stored == null ? null : r.weights());
  }

  /** The hyper-parameter values the archive's model was trained with (provenance settings), as text. */
  private static Map<String, String> hyperparameters(ArchiveReader r) {
    if (!r.has(ArchiveLayout.PROVENANCE)) {
      return Map.of();
    }
    Object hp = r.provenance().settings().get("hyperparameters");
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (hp instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    }
    return out;
  }

  /** The spec of that name on the user's model path or among Kiln's bundled specs, or null. */
  private ModelEntry ownSpec(String model) {
    try {
      return finder.find(model);
    } catch (KilnException e) {
      return null;
    }
  }

  Path locate(String name) {
    return locate(finder, workingDir, name);
  }

  /**
   * The archive {@code name} names: a {@code .kiln.zip} or {@code .mltk.zip} file in {@code workingDir},
   * else {@code NAME.kiln.zip} next to the spec of that name, else in {@code workingDir}; an error
   * saying where it looked and to train the model first when none is there.
   */
  static Path locate(ModelFinder finder, Path workingDir, String name) {
    List<Path> tried = new ArrayList<>();
    Path direct = workingDir.resolve(name);
    if (name.endsWith(ArchiveLayout.SUFFIX) || name.endsWith(".mltk.zip")) {
      if (Files.isRegularFile(direct)) {
        return direct;
      }
      throw new KilnException("model archive " + direct + " not found");
    }
    String file = ArchiveLayout.archiveFileName(name);
    tried.add(workingDir.resolve(file));
    ModelEntry e = null;
    try {
      e = finder.find(name);
    } catch (KilnException ignored) {
      // not on the search path: the working directory is still tried
    }
    if (e != null && e.path() != null) {
      tried.add(0, e.path().getParent().resolve(file));
    }
    for (Path p : tried) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new KilnException("model archive " + file + " not found (looked at " + tried
        + "); train the model first: kiln:train " + name);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("kiln-quantize");
    } catch (IOException e) {
      throw new KilnException("cannot create a temporary folder: " + e.getMessage(), e);
    }
  }
}
