package kiln.quantize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.ServiceNames;
import kiln.api.model.EvaluationJob;
import kiln.api.model.EvaluationResult;
import kiln.api.model.Evaluator;
import kiln.api.model.LayerGraph;
import kiln.api.model.Trainer;
import kiln.api.model.Weights;
import kiln.archive.ArchiveContents;
import kiln.archive.ArchiveLayout;
import kiln.evaluate.FidelityReport;
import kiln.quantize.internal.ModelRuns;
import kiln.quantize.internal.Ptq;
import kiln.spec.EvaluateAutoEncoderMixin;
import kiln.spec.KilnModel;
import kiln.tflite.TfliteModel;
import kiln.tflite.TfliteSummary;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * What follows training: quantize to int8, evaluate the float model and the .tflite on the same
 * samples, compare them (fidelity report), and put it all into the model archive.
 *
 * <p>In OSGi it is a component ({@code @Reference PostTraining postTraining;}); in plain code
 * {@code new PostTraining(trainerOrNull, classifierEvaluator, autoencoderEvaluatorOrNull)}.
 */
@Component(service = PostTraining.class)
public final class PostTraining {
  /** Per-layer errors use at most this many samples (every layer's values are held in memory). */
  public static final int LAYER_SAMPLES = 200;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile Trainer trainer;

  @Reference(target = "(" + ServiceNames.NAME + "=classifier)")
  private Evaluator classifier;

  @Reference(target = "(" + ServiceNames.NAME + "=autoencoder)", cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
  private volatile Evaluator autoencoder;

  /** For DS. */
  public PostTraining() {}

  /**
   * @param trainer runs the float model for the float evaluation; null uses Kiln's float32 .tflite
   *     (the same arithmetic, through the micro runtime's float kernels)
   * @param classifier the {@code classifier} evaluator
   * @param autoencoder the {@code autoencoder} evaluator, or null
   */
  public PostTraining(Trainer trainer, Evaluator classifier, Evaluator autoencoder) {
    this.trainer = trainer;
    this.classifier = classifier;
    this.autoencoder = autoencoder;
  }

  /**
   * Everything the step needs.
   *
   * @param model the specification (settings, classes, model parameters, frontend settings)
   * @param graph its layer graph
   * @param weights the trained weights
   * @param representative training samples without augmentation (at most
   *     {@code representative_dataset_max_samples} are used); null or empty = the evaluation samples
   * @param evalSamples the evaluation (validation) samples, no batch dimension
   * @param evalLabels the class index of each evaluation sample
   * @param archive the model archive to update ({@code NAME.kiln.zip}); null writes nothing
   * @param progress receives progress lines
   */
  public record Job(KilnModel model, LayerGraph graph, Weights weights, List<float[]> representative,
      List<float[]> evalSamples, int[] evalLabels, Path archive, Progress progress) {}

  /**
   * What the step produced.
   *
   * @param tflite the int8 .tflite
   * @param float32Tflite the float32 .tflite, or null when generate_unquantized is false
   * @param floatResult the float model's evaluation
   * @param tfliteResult the .tflite's evaluation
   * @param fidelity float versus int8, per layer
   */
  public record Result(byte[] tflite, byte[] float32Tflite, EvaluationResult floatResult,
      EvaluationResult tfliteResult, FidelityReport fidelity) {
    public double floatAccuracy() {
      return accuracy(floatResult);
    }

    public double tfliteAccuracy() {
      return accuracy(tfliteResult);
    }

    /** A few lines for the train log and the shell. */
    public String summary() {
      return String.format(Locale.ROOT,
          "float accuracy %.3f%%, .tflite (int8) accuracy %.3f%% (%+.3f points), top-class agreement %.2f%%,"
              + " .tflite %,d bytes",
          100 * floatAccuracy(), 100 * tfliteAccuracy(), 100 * (tfliteAccuracy() - floatAccuracy()),
          100 * fidelity.topClassAgreement(), tflite.length);
    }
  }

  public Result run(Job job) {
    Progress progress = job.progress() == null ? Progress.NONE : job.progress();
    KilnModel model = job.model();
    // entries are named after the archive (NAME-test.kiln.zip holds NAME-test.tflite)
    String name = job.archive() != null && job.archive().getFileName().toString().endsWith(ArchiveLayout.SUFFIX)
        ? ArchiveLayout.modelName(job.archive().getFileName().toString()) : model.name();
    List<float[]> rep = job.representative() == null || job.representative().isEmpty()
        ? job.evalSamples() : job.representative();
    progress.message("quantizing " + name + " to int8 (" + Math.min(rep.size(),
        maxSamples(model)) + " representative samples)");
    Ptq.Output q = Ptq.run(QuantizeJobs.of(model, job.graph(), job.weights(), rep), progress, Instant.now());
    boolean unquantized = !Boolean.FALSE.equals(model.tfliteConverterSettings().get("generate_unquantized"));

    progress.message("evaluating the float model and the .tflite on " + job.evalSamples().size() + " samples");
    ModelRuns runs = ModelRuns.of(q, job.evalSamples(), LAYER_SAMPLES);
    List<float[]> floatScores = runs.floatOutputs();
    if (trainer != null) {
      floatScores = trainer.predict(job.graph(), job.weights(), job.evalSamples(), List.of())
          .values().iterator().next();
    }
    Path tmp = tempDir();
    try {
      Path floatDir = tmp.resolve("float");
      Path tfliteDir = tmp.resolve("tflite");
      boolean ae = model instanceof EvaluateAutoEncoderMixin;
      Evaluator evaluator = ae ? autoencoder : classifier;
      if (evaluator == null) {
        throw new KilnException(name + ": no '" + (ae ? "autoencoder" : "classifier")
            + "' evaluator is installed (bundle kiln.evaluate)");
      }
      List<String> classes = ae ? model.evalClasses : model.classes;
      List<float[]> inputs = ae ? job.evalSamples() : null;
      EvaluationResult fr = evaluator.evaluate(
          new EvaluationJob(name, classes, floatScores, job.evalLabels(), floatDir, inputs));
      EvaluationResult tr = evaluator.evaluate(
          new EvaluationJob(name, classes, runs.int8Outputs(), job.evalLabels(), tfliteDir, inputs));
      FidelityReport fidelity = runs.fidelity(floatScores, ae ? null : job.evalLabels());
      fidelity.write(tfliteDir);
      Result result = new Result(q.tflite(), unquantized ? q.float32() : null, fr, tr, fidelity);
      if (job.archive() != null) {
        ArchiveContents c = new ArchiveContents(name).tflite(q.tflite())
            .tfliteSummary(TfliteSummary.summarize(TfliteModel.read(q.tflite(), name + ".tflite"),
                name + ".tflite", q.tflite().length))
            .evalDir(false, floatDir).evalDir(true, tfliteDir);
        if (unquantized) {
          c.float32Tflite(q.float32());
        }
        c.writeTo(job.archive());
        progress.message("wrote " + ArchiveLayout.tflite(name) + ", eval/float, eval/tflite and the "
            + "fidelity report into " + job.archive());
      }
      progress.message(result.summary());
      return result;
    } finally {
      ModelRuns.deleteTree(tmp);
    }
  }

  private static int maxSamples(KilnModel model) {
    Object v = model.tfliteConverterSettings().get("representative_dataset_max_samples");
    return v instanceof Number n ? n.intValue() : 1000;
  }

  static double accuracy(EvaluationResult r) {
    Object v = r.metrics().get("overall_accuracy");
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("kiln-eval");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }


}
