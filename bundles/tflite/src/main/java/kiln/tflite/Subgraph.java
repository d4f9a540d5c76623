package kiln.tflite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A subgraph: its tensors, its operators in execution order, and its input and output tensors. */
public final class Subgraph {
  private String name;
  private final List<Tensor> tensors;
  private final List<Operator> operators;
  private int[] inputs;
  private int[] outputs;

  public Subgraph(String name, List<Tensor> tensors, List<Operator> operators, int[] inputs,
      int[] outputs) {
    this.name = name;
    this.tensors = new ArrayList<>(tensors);
    this.operators = new ArrayList<>(operators);
    this.inputs = inputs.clone();
    this.outputs = outputs.clone();
  }

  public Subgraph() {
    this(null, List.of(), List.of(), new int[0], new int[0]);
  }

  /** The name, null when the file has none. */
  public String name() {
    return name;
  }

  public Subgraph setName(String name) {
    this.name = name;
    return this;
  }

  /** The tensors (a live list: add to it to build a model). */
  public List<Tensor> tensors() {
    return tensors;
  }

  /** Adds a tensor and returns its index. */
  public int addTensor(Tensor t) {
    tensors.add(t);
    return tensors.size() - 1;
  }

  public Tensor tensor(int index) {
    return tensors.get(index);
  }

  /** The operators in execution order (a live list). */
  public List<Operator> operators() {
    return operators;
  }

  public int[] inputs() {
    return inputs.clone();
  }

  public Subgraph setInputs(int... inputs) {
    this.inputs = inputs.clone();
    return this;
  }

  public int[] outputs() {
    return outputs.clone();
  }

  public Subgraph setOutputs(int... outputs) {
    this.outputs = outputs.clone();
    return this;
  }

  /** The operator's i-th input tensor, null when that input is absent (-1). */
  public Tensor inputOf(Operator op, int i) {
    int t = op.input(i);
    return t < 0 ? null : tensors.get(t);
  }

  /** The operator's i-th output tensor, null when absent. */
  public Tensor outputOf(Operator op, int i) {
    int t = op.output(i);
    return t < 0 ? null : tensors.get(t);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Subgraph s
        && Objects.equals(s.name, name)
        && s.tensors.equals(tensors)
        && s.operators.equals(operators)
        && Arrays.equals(s.inputs, inputs)
        && Arrays.equals(s.outputs, outputs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, tensors.size(), operators.size());
  }
}
