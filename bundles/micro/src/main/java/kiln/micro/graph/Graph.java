package kiln.micro.graph;

import java.util.List;

/**
 * A model's main subgraph as the micro runtime needs it: tensors, operators in execution order, and
 * the graph's input and output tensor indices. Built from a .tflite file by {@code ModelLoader}, or
 * by hand in tests.
 */
public record Graph(String name, List<TensorInfo> tensors, List<OpInfo> ops, int[] inputs, int[] outputs) {}
