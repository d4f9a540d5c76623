package kiln.tflite;

import java.util.List;

/**
 * A named entry point of a model: which subgraph runs and the names of its input and output
 * tensors.
 *
 * @param key the signature key (e.g. {@code serving_default})
 * @param subgraphIndex the subgraph it runs
 * @param inputs input names with tensor indices
 * @param outputs output names with tensor indices
 */
public record SignatureDef(String key, int subgraphIndex, List<TensorMap> inputs,
    List<TensorMap> outputs) {
  public SignatureDef {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** A signature's name for a tensor. */
  public record TensorMap(String name, int tensorIndex) {}
}
