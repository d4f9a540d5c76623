package kiln.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.model.EvaluationJob;
import kiln.api.model.EvaluationResult;
import kiln.api.model.Evaluator;
import kiln.api.model.Interpreter;
import kiln.api.model.LayerGraph;
import kiln.api.model.QuantizeJob;
import kiln.api.model.QuantizeResult;
import kiln.api.model.Quantizer;
import kiln.api.model.Trainer;
import kiln.api.model.Weights;
import kiln.archive.ArchiveContents;
import kiln.evaluate.FidelityReport;
import kiln.spec.EvaluateAutoEncoderMixin;
import kiln.spec.ExportedModel;
import kiln.spec.KilnModel;
import kiln.spec.QuantizeJobs;
import kiln.tflite.TfliteModel;
import kiln.tflite.TfliteSummary;

/**
 * What follows training: quantize (the {@link Quantizer} service, calibrated on training samples),
 * evaluate the float model (the {@link Trainer}'s predict) and the .tflite (the {@link Interpreter})
 * on the evaluation samples with the {@link Evaluator}, compare them per layer (fidelity report), and
 * return it all as archive entries (the caller writes the archive once, so a killed run never leaves
 * half of one). Every step is a service the caller picked by name. What is quantized and evaluated
 * is the network the spec exports ({@link ExportedModel}: by default the trained model).
 */
public final class PostTraining {
  /** Per-layer errors use at most this many samples (every layer's values are held in memory). */
  public static final int LAYER_SAMPLES = 200;

  private final Steps steps;

  public PostTraining(Steps steps) {
    this.steps = steps;
  }

  /**
   * Everything the step needs.
   *
   * @param model the specification (settings, classes, model parameters, frontend settings)
   * @param graph its layer graph
   * @param weights the trained weights
   * @param representative un-augmented TRAINING samples that calibrate the int8 activations (at most
   *     {@code representative_dataset_max_samples} are used); never the evaluation samples
   * @param evalSamples the evaluation (validation) samples, no batch dimension
   * @param evalLabels the class index of each evaluation sample
   * @param name the model's name in the archive ({@code NAME-test} for dry runs); null = the spec's
   * @param progress receives progress lines
   */
  public record Job(KilnModel model, LayerGraph graph, Weights weights, List<float[]> representative,
      List<float[]> evalSamples, int[] evalLabels, String name, Progress progress) {
    public Job {
      if (representative == null || representative.isEmpty()) {
        throw new KilnException(model.name() + ": post-training quantization needs representative training"
            + " samples; none were given");
      }
      for (float[] r : representative) {
        for (float[] e : evalSamples) {
          if (r == e) {
            throw new KilnException(model.name() + ": a representative (calibration) sample is also an"
                + " evaluation sample; calibrate on training data only");
          }
        }
      }
    }
  }

  /**
   * What the step produced.
   *
   * @param quantized the quantizer's output (int8 and float32 .tflite)
   * @param floatResult the float model's evaluation
   * @param tfliteResult the .tflite's evaluation
   * @param fidelity float versus int8, per layer
   * @param archiveEntries the .tflite files, their summary, eval/float and eval/tflite as archive entries
   */
  public record Result(QuantizeResult quantized, EvaluationResult floatResult, EvaluationResult tfliteResult,
      FidelityReport fidelity, java.util.Map<String, byte[]> archiveEntries) {
    public byte[] tflite() {
      return quantized.tflite();
    }

    public byte[] float32Tflite() {
      return quantized.float32Tflite();
    }

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
          100 * fidelity.topClassAgreement(), tflite().length);
    }
  }

  public Result run(Job job) {
    Progress progress = job.progress() == null ? Progress.NONE : job.progress();
    KilnModel model = job.model();
    // entries are named after the archive (NAME-test.kiln.zip holds NAME-test.tflite)
    String name = job.name() != null ? job.name() : model.name();
    // what the spec exports (MLTK's on_save_keras_model; by default the trained model) is quantized
    // and evaluated, on its own samples made from the trained model's
    ExportedModel export = ExportedModel.of(model, job.graph());
    LayerGraph graph = export.graph();
    Weights weights = export.weights(job.weights());
    List<float[]> representative = export.split(job.representative()).x();
    ExportedModel.Split eval = export.split(job.evalSamples());
    if (!export.isTrainedModel()) {
      progress.message("exporting " + graph.name() + " (the spec's exportModel()) from the trained model "
          + job.graph().name());
    }
    progress.message("quantizing " + name + " with " + steps.quantizerName() + " ("
        + Math.min(representative.size(), QuantizeJobs.maxSamples(model))
        + " representative training samples)");
    QuantizeResult q = steps.quantizer().quantize(new QuantizeJob(graph, weights,
        representative, model.tfliteConverterSettings(), QuantizeJobs.parameters(model),
        steps.interpreter(), progress));
    boolean unquantized = !Boolean.FALSE.equals(model.tfliteConverterSettings().get("generate_unquantized"));

    progress.message("evaluating the float model and the .tflite on " + job.evalSamples().size()
        + " evaluation samples");
    ModelRuns runs = ModelRuns.of(steps.interpreter(), q, eval.x(), LAYER_SAMPLES);
    List<float[]> floatOutputs = steps.trainer() != null
        ? steps.trainer().predict(graph, weights, eval.x(), List.of()).values().iterator().next()
        : runs.floatOutputs();
    List<float[]> floatScores = eval.scores(floatOutputs);
    Path tmp = tempDir();
    try {
      Path floatDir = tmp.resolve("float");
      Path tfliteDir = tmp.resolve("tflite");
      boolean ae = model instanceof EvaluateAutoEncoderMixin;
      Evaluator evaluator = steps.evaluator();
      List<String> classes = ae ? model.evalClasses : model.classes;
      List<float[]> inputs = ae ? job.evalSamples() : null;
      EvaluationResult fr = evaluator.evaluate(
          new EvaluationJob(name, classes, floatScores, job.evalLabels(), floatDir, inputs));
      EvaluationResult tr = evaluator.evaluate(
          new EvaluationJob(name, classes, eval.scores(runs.int8Outputs()), job.evalLabels(), tfliteDir, inputs));
      // per layer and output, float versus int8 on the exported network's own samples; its outputs are
      // class scores only when it is the trained model
      FidelityReport fidelity = runs.fidelity(floatOutputs, ae || !export.isTrainedModel() ? null : job.evalLabels());
      fidelity.write(tfliteDir);
      ArchiveContents c = new ArchiveContents(name).tflite(q.tflite())
          .tfliteSummary(TfliteSummary.summarize(TfliteModel.read(q.tflite(), name + ".tflite"),
              name + ".tflite", q.tflite().length))
          .evalDir(false, floatDir).evalDir(true, tfliteDir);
      if (unquantized && q.float32Tflite() != null) {
        c.float32Tflite(q.float32Tflite());
      }
      Result result = new Result(q, fr, tr, fidelity, c.entries());
      progress.message(result.summary());
      return result;
    } finally {
      ModelRuns.deleteTree(tmp);
    }
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
