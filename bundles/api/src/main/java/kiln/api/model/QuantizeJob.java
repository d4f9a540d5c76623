package kiln.api.model;

import java.util.List;
import java.util.Map;

/**
 * Everything a quantizer needs.
 *
 * @param graph the trained layer graph
 * @param weights its trained weights
 * @param representative calibration inputs (each one sample, no batch dimension)
 * @param converterSettings the spec's {@code tflite_converter} settings
 * @param modelParameters parameters to store in the file's metadata, in order
 */
public record QuantizeJob(
    LayerGraph graph,
    Weights weights,
    List<float[]> representative,
    Map<String, Object> converterSettings,
    Map<String, Object> modelParameters) {}
