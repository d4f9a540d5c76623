package kiln.pipeline;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import kiln.api.KilnException;
import kiln.api.model.Batch;
import kiln.api.model.BatchSource;
import kiln.api.model.LayerGraph;
import kiln.api.model.TensorData;
import kiln.spec.DatasetMixin;
import kiln.spec.KilnModel;
import kiln.spec.data.ClassMode;
import kiln.spec.data.ClassWeights;
import kiln.spec.data.Sample;
import kiln.spec.data.SpecBatches;
import kiln.spec.data.SpecDataset;

/**
 * The data a spec supplies itself ({@link DatasetMixin#trainingData()} and the others) for train,
 * quantize and evaluate. Calibration reads training data only; evaluation reads the evaluation data,
 * else the validation data, never the training data. A failure inside the spec's data code is
 * reported with the spec's name and the line of the spec it came from.
 */
final class SpecData {
  private final KilnModel model;
  private final SpecDataset training;
  private final SpecDataset validation;
  private final SpecDataset evaluation;
  /** The batches trainingBatches() made last (their first pass's digest is the content hash). */
  private SpecBatches trainingBatches;

  private SpecData(KilnModel model, SpecDataset training, SpecDataset validation, SpecDataset evaluation) {
    this.model = model;
    this.training = training;
    this.validation = validation;
    this.evaluation = evaluation;
  }

  /** The spec's own data, or null when the spec names a dataset provider instead. */
  static SpecData of(KilnModel model) {
    if (!(model instanceof DatasetMixin d)) {
      return null;
    }
    SpecDataset train = guard(model, "trainingData()", d::trainingData);
    if (train == null) {
      return null;
    }
    return new SpecData(model, train, guard(model, "validationData()", d::validationData),
        guard(model, "evaluationData()", d::evaluationData));
  }

  boolean hasValidation() {
    return validation != null;
  }

  /** Whether there is held-out data to evaluate on (evaluation, else validation). */
  boolean canEvaluate() {
    return evaluation != null || validation != null;
  }

  /** Which method supplies the evaluation samples. */
  String evaluationSource() {
    return evaluation != null ? "evaluationData()" : "validationData()";
  }

  /** The training batches, with the spec's class weights. */
  TrainData trainingBatches() {
    float[] weights = null;
    if (model.classWeights != null && !"none".equals(model.classWeights) && ClassMode.of(model.classMode) != ClassMode.INPUT) {
      int[] counts = guard(model, "trainingData()", () -> SpecBatches.classCounts(training, model.nClasses()));
      weights = ClassWeights.resolve(model.classWeights, model.classes, counts);
    }
    trainingBatches = specBatches(training, "trainingData()", weights, model.stepsPerEpoch, model.batchSize);
    return adapter("trainingData()", trainingBatches);
  }

  /** The validation batches, or null. */
  TrainData validationBatches() {
    if (validation == null) {
      return null;
    }
    int size = model.validationBatchSize != null ? model.validationBatchSize : model.batchSize;
    return adapter("validationData()", specBatches(validation, "validationData()", null, model.validationSteps, size));
  }

  /** Up to {@code max} training samples (all for a negative max), for calibration. */
  ModelData.Samples representative(int max) {
    return samples(training, "trainingData()", max);
  }

  /** The validation samples. */
  ModelData.Samples validationSamples() {
    return samples(validation, "validationData()", -1);
  }

  /** The evaluation samples (evaluation, else validation data); a spec without either is told so. */
  ModelData.Samples evaluationSamples(int max) {
    if (!canEvaluate()) {
      throw new KilnException(model.name() + ": the spec supplies training data only; evaluation needs held-out "
          + "samples from evaluationData() or validationData() (it never evaluates on the training data)");
    }
    return samples(evaluation != null ? evaluation : validation, evaluationSource(), max);
  }

  /**
   * A SHA-256 of the training samples of epoch 0 (the provenance's dataset hash): the digest the
   * training batches took while training read them, else (training stopped early, or never read
   * them through next()) a second pass over the spec's data.
   */
  String contentHash(int samples) {
    String seen = trainingBatches != null ? trainingBatches.firstPassHash() : null;
    if (seen != null) {
      return seen;
    }
    MessageDigest md = sha256();
    SpecBatches.digest(md, guard(model, "trainingData()", () -> training.toList(samples)));
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The samples for quantize or evaluate: training data when {@code training}, else held-out data. */
  static ModelData.Samples samples(KilnModel model, boolean training, int max) {
    SpecData d = of(model);
    if (d == null) {
      return null;
    }
    return training ? d.representative(max) : d.evaluationSamples(max);
  }

  private ModelData.Samples samples(SpecDataset data, String method, int max) {
    int limit = max >= 0 ? max : data.infinite()
        ? (model.validationSteps != null ? model.validationSteps : 1) * model.batchSize : -1;
    List<Sample> all = guard(model, method, () -> data.toList(limit));
    List<float[]> x = new ArrayList<>(all.size());
    int[] labels = new int[all.size()];
    for (int i = 0; i < all.size(); i++) {
      x.add(all.get(i).x());
      labels[i] = all.get(i).label();
    }
    return new ModelData.Samples(x, labels);
  }

  private SpecBatches specBatches(SpecDataset data, String method, float[] weights, Integer steps, int batchSize) {
    int size = data.batchSize() != null ? data.batchSize() : batchSize;
    ClassMode mode = guard(model, "classMode", () -> ClassMode.of(model.classMode));
    int classes = mode == ClassMode.INPUT ? 0 : model.nClasses();
    return guard(model, method, () -> new SpecBatches(data,
        new SpecBatches.Settings(size, sampleShape(), mode, classes, weights, steps)));
  }

  /** The batches as the trainer's data, errors named by the spec and line. */
  private TrainData adapter(String method, SpecBatches b) {
    return new TrainData.Adapter(new Guarded(model, method, b), b::sampleCount,
        (e, k) -> guard(model, method, () -> b.batch(e, k)), b::close);
  }

  /**
   * The shape of one sample: the spec's input shape, unless the model has several inputs that together
   * take more (MLTK's fingerprint_signature_generator: two 180x180x1 inputs and an input_shape of one),
   * then the inputs' shapes one after the other ({@code [count, ...shape]} when they are alike).
   */
  private int[] sampleShape() {
    int[] spec = model.inputShape();
    LayerGraph g = model.buildGraph();
    if (g.inputs().size() < 2) {
      return spec;
    }
    long total = 0;
    boolean alike = true;
    int[] first = g.layer(g.inputs().get(0)).outputShape();
    for (String in : g.inputs()) {
      int[] shape = g.layer(in).outputShape();
      total += TensorData.elementCount(shape);
      alike &= java.util.Arrays.equals(shape, first);
    }
    if (total == TensorData.elementCount(spec)) {
      return spec;
    }
    if (!alike) {
      return new int[] {(int) total};
    }
    int[] out = new int[first.length + 1];
    out[0] = g.inputs().size();
    System.arraycopy(first, 0, out, 1, first.length);
    return out;
  }

  /** The batches, with errors named by the spec and line. */
  private record Guarded(KilnModel model, String method, SpecBatches b) implements BatchSource {
    @Override
    public int batchesPerEpoch() {
      return b.batchesPerEpoch();
    }

    @Override
    public Batch next() {
      return guard(model, method, b::next);
    }
  }

  /** Runs the spec's data code; a failure names the spec, the method and the spec's line. */
  static <T> T guard(KilnModel model, String method, Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      String at = specLine(model, e);
      throw new KilnException(model.name() + ": the spec's " + method + " failed" + (at == null ? "" : " at " + at)
          + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getName()), e);
    }
  }

  /** The first frame of the spec's own class (or its lambdas and inner classes) in the error's chain. */
  static String specLine(KilnModel model, Throwable e) {
    String cls = model.getClass().getName();
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (StackTraceElement f : t.getStackTrace()) {
        if ((f.getClassName().equals(cls) || f.getClassName().startsWith(cls + "$")) && f.getLineNumber() > 0) {
          return (f.getFileName() != null ? f.getFileName() : cls) + ":" + f.getLineNumber();
        }
      }
    }
    return null;
  }
}
