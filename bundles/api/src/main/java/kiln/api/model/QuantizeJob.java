package kiln.api.model;

import java.util.List;
import java.util.Map;
import kiln.api.Progress;

/**
 * Everything a quantizer needs.
 *
 * @param graph the trained layer graph
 * @param weights its trained weights
 * @param representative calibration inputs (each one sample, no batch dimension), drawn from the
 *     training data and never from the data the model is evaluated on; for a model with several
 *     inputs each sample holds its inputs flattened and concatenated in the graph's input order
 * @param converterSettings the spec's {@code tflite_converter} settings
 * @param modelParameters parameters to store in the file's metadata, in order
 * @param interpreter runs the float model during calibration; null = the quantizer's default
 * @param progress receives progress, or null
 */
public record QuantizeJob(
    LayerGraph graph,
    Weights weights,
    List<float[]> representative,
    Map<String, Object> converterSettings,
    Map<String, Object> modelParameters,
    Interpreter interpreter,
    Progress progress) {

  /** A job calibrated by the quantizer's default interpreter, without progress. */
  public QuantizeJob(LayerGraph graph, Weights weights, List<float[]> representative,
      Map<String, Object> converterSettings, Map<String, Object> modelParameters) {
    this(graph, weights, representative, converterSettings, modelParameters, null, null);
  }
}
