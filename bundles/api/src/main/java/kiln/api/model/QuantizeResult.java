package kiln.api.model;

import java.util.Map;

/**
 * What a quantizer produced.
 *
 * @param tflite the quantized .tflite
 * @param float32Tflite the same graph as a float32 .tflite (what calibration ran), or null
 * @param layerOutputs layer name -> index of the tensor holding its output, the same in both files,
 *     in execution order (for per-layer float/int8 comparisons); may be empty
 * @param runtimeMemoryBytes the arena the quantized model needs, as stored in its parameters
 * @param calibrationSamples how many representative samples calibrated the activations
 */
public record QuantizeResult(
    byte[] tflite, byte[] float32Tflite, Map<String, Integer> layerOutputs, int runtimeMemoryBytes,
    int calibrationSamples) {
  public QuantizeResult {
    layerOutputs = layerOutputs == null ? Map.of() : java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(layerOutputs));
  }
}
