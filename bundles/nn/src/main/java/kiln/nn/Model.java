package kiln.nn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kiln.api.KilnException;
import kiln.api.model.LayerGraph;
import kiln.api.model.LayerNode;

/**
 * A functional model (Keras {@code Model(inputs, outputs)}): any graph of applied layers, e.g.
 * residual blocks with {@link Add} or autoencoders, with any number of inputs. A layer applied more
 * than once (a shared layer) becomes one graph node per application: the first named like the
 * layer, the k-th reuse {@code name.k}; all of them hold the first one's variables.
 */
public final class Model extends Network {
  private final List<Tensor> inputs;
  private final List<Tensor> outputs;

  public Model(String name, List<Tensor> inputs, List<Tensor> outputs) {
    super(name);
    if (inputs.isEmpty() || outputs.isEmpty()) {
      throw new KilnException("Model " + name + ": needs at least one input and one output");
    }
    for (Tensor t : inputs) {
      if (!(t.layer() instanceof InputLayer)) {
        throw new KilnException("Model " + name + ": inputs must come from Input.of(...), got the output of "
            + t.layer().className());
      }
    }
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    toGraph(); // reject disconnected graphs now, where the user builds the model
  }

  public Model(String name, Tensor input, Tensor output) {
    this(name, List.of(input), List.of(output));
  }

  @Override
  public LayerGraph toGraph() {
    Set<Tensor> reached = new LinkedHashSet<>();
    Deque<Tensor> todo = new ArrayDeque<>(outputs);
    while (!todo.isEmpty()) {
      Tensor t = todo.pop();
      if (reached.add(t)) {
        if (t.layer() instanceof InputLayer && !inputs.contains(t)) {
          throw new KilnException("Model " + name() + ": the graph reads an Input of shape "
              + shape(t.shape()) + " that is not among the model's inputs");
        }
        todo.addAll(t.inputs());
      }
    }
    for (Tensor in : inputs) {
      if (!reached.contains(in)) {
        throw new KilnException("Model " + name() + ": input of shape " + shape(in.shape())
            + " is not connected to any output");
      }
    }
    // tensors are numbered as they are created, so creation order is a topological order
    List<Tensor> ordered = new ArrayList<>(reached);
    ordered.sort(Comparator.comparingLong(Tensor::sequence));
    Namer namer = new Namer();
    for (Tensor in : inputs) {
      namer.nameOf(in.layer());
    }
    List<LayerNode> nodes = new ArrayList<>();
    for (Tensor t : ordered) {
      List<String> in = new ArrayList<>();
      List<int[]> inShapes = new ArrayList<>();
      for (Tensor i : t.inputs()) {
        in.add(namer.nameOf(i));
        inShapes.add(i.shape());
      }
      // a shared layer's nodes all hold the variables of its first application's name
      nodes.add(node(namer.nameOf(t), namer.nameOf(t.layer()), t.layer(), in, inShapes, t.shape()));
    }
    List<String> inNames = inputs.stream().map(namer::nameOf).toList();
    List<String> outNames = outputs.stream().map(namer::nameOf).toList();
    return new LayerGraph(name(), nodes, inNames, outNames);
  }
}
