package kiln.quantize.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kiln.util.AtomicFiles;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.model.EvaluationJob;
import kiln.api.model.EvaluationResult;
import kiln.api.model.Evaluator;
import kiln.api.model.LayerGraph;
import kiln.api.model.Trainer;
import kiln.api.model.Weights;
import kiln.archive.ArchiveContents;
import kiln.archive.ArchiveLayout;
import kiln.archive.ArchiveReader;
import kiln.evaluate.FidelityReport;
import kiln.evaluate.ModelOutputs;
import kiln.micro.MicroRuntime;
import kiln.quantize.ModelData.Samples;
import kiln.quantize.QuantizeJobs;
import kiln.spec.EvaluateAutoEncoderMixin;
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
    Samples samples(KilnModel model, boolean training, int max, Progress progress);
  }

  private final ModelFinder finder;
  private final DataSource data;
  private final Trainer trainer;
  private final Evaluator classifier;
  private final Evaluator autoencoder;
  private final Path workingDir;

  public ArchiveTasks(ModelFinder finder, DataSource data, Trainer trainer, Evaluator classifier,
      Evaluator autoencoder, Path workingDir) {
    this.finder = finder;
    this.data = data;
    this.trainer = trainer;
    this.classifier = classifier;
    this.autoencoder = autoencoder;
    this.workingDir = workingDir;
  }

  /** A model, its graph and its trained weights, read from an archive. */
  record Loaded(Path archive, ArchiveReader reader, KilnModel model, LayerGraph graph, Weights weights) {}

  /** {@code kiln:quantize NAME [-o FILE]}. */
  public String quantize(String name, String output, Progress progress) {
    Loaded l = load(name);
    int max = maxSamples(l.model());
    Samples rep = data.samples(l.model(), true, max, progress);
    progress.message("quantizing " + l.model().name() + " (" + rep.size() + " representative samples)");
    Ptq.Output q = Ptq.run(QuantizeJobs.of(l.model(), l.graph(), l.weights(), rep.x()), progress, Instant.now());
    String model = l.reader().model(); // NAME-test archives hold NAME-test entries
    ArchiveContents c = new ArchiveContents(model).tflite(q.tflite())
        .tfliteSummary(TfliteSummary.summarize(TfliteModel.read(q.tflite(), model + ".tflite"),
            model + ".tflite", q.tflite().length));
    if (!Boolean.FALSE.equals(l.model().tfliteConverterSettings().get("generate_unquantized"))) {
      c.float32Tflite(q.float32());
    }
    StringBuilder out = new StringBuilder();
    Samples eval = data.samples(l.model(), false, -1, progress);
    if (eval.size() > 0) {
      FidelityReport f = fidelity(q, eval, l.model() instanceof EvaluateAutoEncoderMixin);
      c.put(ArchiveLayout.EVAL_TFLITE + FidelityReport.TEXT_FILE, f.toText().getBytes(StandardCharsets.UTF_8));
      c.put(ArchiveLayout.EVAL_TFLITE + FidelityReport.JSON_FILE, f.toJson().getBytes(StandardCharsets.UTF_8));
      out.append(f.toText()).append('\n');
    }
    c.writeTo(l.archive());
    if (output != null && !output.isEmpty()) {
      Path file = workingDir.resolve(output);
      AtomicFiles.write(file, q.tflite());
      out.append("wrote ").append(file).append(" (").append(String.format(Locale.ROOT, "%,d", q.tflite().length))
          .append(" bytes)\n");
    }
    out.append("updated ").append(l.archive()).append(": ").append(ArchiveLayout.tflite(model))
        .append(" (").append(String.format(Locale.ROOT, "%,d", q.tflite().length)).append(" bytes, runtime memory ")
        .append(String.format(Locale.ROOT, "%,d", q.runtimeMemorySize())).append(" bytes, calibrated on ")
        .append(q.calibrationSamples()).append(" samples)");
    return out.toString();
  }

  /** {@code kiln:evaluate NAME [--tflite] [--count N] [--show]}. */
  public String evaluate(String name, boolean tflite, int count, boolean show, Progress progress) {
    Loaded l = load(name);
    KilnModel model = l.model();
    String entryName = l.reader().model();
    boolean ae = model instanceof EvaluateAutoEncoderMixin;
    Evaluator evaluator = ae ? autoencoder : classifier;
    if (evaluator == null) {
      throw new KilnException("no '" + (ae ? "autoencoder" : "classifier") + "' evaluator is installed (kiln.evaluate)");
    }
    Samples eval = data.samples(model, false, count, progress);
    if (eval.size() == 0) {
      throw new KilnException(model.name() + ": the validation set is empty (validation_split is "
          + model.validationSplit() + ")");
    }
    List<float[]> scores;
    String how;
    if (tflite) {
      byte[] bytes = l.reader().tflite();
      if (bytes == null) {
        throw new KilnException(l.archive() + ": holds no " + ArchiveLayout.tflite(entryName)
            + "; run kiln:quantize " + entryName + " first");
      }
      scores = ModelOutputs.run(MicroRuntime.load(bytes, ArchiveLayout.tflite(entryName)), eval.x());
      how = ".tflite through the kiln-micro interpreter";
    } else if (trainer != null) {
      scores = trainer.predict(l.graph(), l.weights(), eval.x(), List.of()).values().iterator().next();
      how = "float model through the trainer";
    } else {
      byte[] f32 = l.reader().float32Tflite();
      if (f32 == null) {
        f32 = Ptq.run(QuantizeJobs.of(model, l.graph(), l.weights(), eval.x()), Progress.NONE, Instant.now()).float32();
      }
      scores = ModelOutputs.run(MicroRuntime.load(f32, "float32"), eval.x());
      how = "float model through Kiln's float32 .tflite (no trainer installed)";
    }
    Path tmp = tempDir();
    try {
      EvaluationResult r = evaluator.evaluate(new EvaluationJob(entryName,
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
      c.writeTo(l.archive());
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

  static FidelityReport fidelity(Ptq.Output q, Samples eval, boolean autoencoder) {
    ModelRuns runs = ModelRuns.of(q, eval.x(), kiln.quantize.PostTraining.LAYER_SAMPLES);
    return runs.fidelity(runs.floatOutputs(), autoencoder ? null : eval.labels());
  }

  /** Finds the archive, compiles the spec it holds (or the one on the search path), reads the weights. */
  Loaded load(String name) {
    Path archive = locate(name);
    ArchiveReader r = ArchiveReader.open(archive);
    String model = r.model();
    KilnModel spec;
    String source = r.specSource();
    if (source != null) {
      Path dir = tempDir();
      try {
        Path file = dir.resolve(model + ".java");
        Files.writeString(file, source);
        spec = finder.load(file.toString());
      } catch (IOException e) {
        throw new KilnException("cannot write the archive's spec to " + dir + ": " + e.getMessage(), e);
      } finally {
        ModelRuns.deleteTree(dir);
      }
    } else {
      spec = finder.load(model);
    }
    Weights w = r.weights();
    if (w == null) {
      throw new KilnException(archive + ": holds no trained weights (" + ArchiveLayout.weights(model) + ")");
    }
    return new Loaded(archive, r, spec, spec.buildGraph(), w);
  }

  Path locate(String name) {
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

  private static int maxSamples(KilnModel model) {
    Object v = model.tfliteConverterSettings().get("representative_dataset_max_samples");
    return v instanceof Number n ? n.intValue() : 1000;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("kiln-quantize");
    } catch (IOException e) {
      throw new KilnException("cannot create a temporary folder: " + e.getMessage(), e);
    }
  }
}
