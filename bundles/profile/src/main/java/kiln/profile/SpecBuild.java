package kiln.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import kiln.api.KilnException;
import kiln.api.model.LayerGraph;
import kiln.api.model.LayerNode;
import kiln.api.model.QuantizeJob;
import kiln.api.model.Quantizer;
import kiln.api.model.TensorData;
import kiln.api.model.Weights;
import kiln.spec.ExportedModel;
import kiln.spec.QuantizeJobs;
import kiln.spec.KilnModel;
import kiln.spec.ModelFinder;

/**
 * {@code --build}: the layer graph the spec exports ({@link ExportedModel}: by default the model it
 * trains) with random (untrained) weights, quantized by the int8
 * quantizer with a few random calibration inputs, the way MLTK's {@code profile --build} does.
 */
final class SpecBuild implements SpecBuilder {
  /** The quantizer --build uses. */
  static final String QUANTIZER = "ptq-int8";
  /** Calibration inputs: enough for a range per tensor; the values do not change ops or cycles. */
  static final int SAMPLES = 4;
  static final long SEED = 20240101L;

  private final ModelFinder finder;
  private final Quantizer quantizer;

  /** Either may be null: {@link #build} then names what is missing. */
  SpecBuild(ModelFinder finder, Quantizer quantizer) {
    this.finder = finder;
    this.quantizer = quantizer;
  }

  @Override
  public Built build(String nameOrPath, java.util.Map<String, String> hyperparameters) {
    if (finder == null) {
      throw new KilnException("--build " + nameOrPath + ": no kiln.spec.ModelFinder service is"
          + " registered (install the kiln.spec bundle)");
    }
    if (quantizer == null) {
      throw new KilnException("--build " + nameOrPath + ": no kiln.api.model.Quantizer service named '"
          + QUANTIZER + "' is registered (install the kiln.quantize bundle)");
    }
    KilnModel model = finder.load(nameOrPath, hyperparameters);
    // what the spec exports after training (MLTK's on_save_keras_model; by default the model itself)
    LayerGraph graph = ExportedModel.of(model, model.buildGraph()).graph();
    Weights weights = RandomWeights.of(graph, SEED);
    // a model with several inputs (siamese_contrastive) calibrates on their values concatenated in order
    List<float[]> samples = randomInputs(graph.inputs().stream().map(graph::layer).toList(), SAMPLES, SEED);
    QuantizeJob job = QuantizeJobs.of(model, graph, weights, samples);
    byte[] tflite = quantizer.quantize(job).tflite();
    return new Built(model.name(), tflite,
        "spec " + nameOrPath + " (untrained: random weights, quantized by " + QUANTIZER + ")");
  }

  /** Uniform values in [-1, 1) for the input layers' shapes (no batch dimension), concatenated. */
  static List<float[]> randomInputs(List<LayerNode> inputs, int count, long seed) {
    int n = inputs.stream().mapToInt(in -> (int) TensorData.elementCount(in.outputShape())).sum();
    SplittableRandom r = new SplittableRandom(seed);
    List<float[]> out = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      float[] x = new float[n];
      for (int i = 0; i < n; i++) {
        x[i] = (float) (r.nextDouble() * 2 - 1);
      }
      out.add(x);
    }
    return out;
  }
}
