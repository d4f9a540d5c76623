package kiln.micro.kernels;

import java.util.List;
import kiln.api.KilnException;
import kiln.micro.graph.Graph;

/**
 * What a kernel may reach beyond its own op: the model's other subgraphs (CALL_ONCE runs one) and
 * its resource variables (VAR_HANDLE, READ_VARIABLE, ASSIGN_VARIABLE), shared by all subgraphs.
 */
public final class ModelContext {
  private final String model;
  private final List<Graph> graphs;
  private final Kernel[][] subgraphs;
  private final Tensor[][] tensors;
  public final ResourceVariables resources = new ResourceVariables();
  /** CIRCULAR_BUFFER ops prepared without a period so far (TFLite Micro's guess counts them). */
  int circularBuffers;

  /** @param graphs the model's subgraphs, main first; their kernels are set once prepared */
  public ModelContext(String model, List<Graph> graphs) {
    this.model = model;
    this.graphs = List.copyOf(graphs);
    this.subgraphs = new Kernel[graphs.size()][];
    this.tensors = new Tensor[graphs.size()][];
  }

  /** The run-time tensors of subgraph {@code index}, set before any of its ops is prepared. */
  public void setTensors(int index, Tensor[] ts) {
    tensors[index] = ts;
  }

  /** Tensor {@code tensor} of subgraph {@code index} (null before that subgraph is built). */
  Tensor tensor(int index, int tensor) {
    return tensors[index] == null ? null : tensors[index][tensor];
  }

  public Graph graph(int index) {
    return graphs.get(index);
  }

  /** The kernels of subgraph {@code index}, in order, once it is prepared. */
  public void setKernels(int index, Kernel[] kernels) {
    subgraphs[index] = kernels;
  }

  public int subgraphCount() {
    return subgraphs.length;
  }

  /** Runs every kernel of subgraph {@code index} once (prepared by then: all are, before any run). */
  public void invoke(int index) {
    Kernel[] ks = subgraphs[index];
    if (ks == null) {
      throw new KilnException(model + ": subgraph " + index + " is not prepared");
    }
    for (Kernel k : ks) {
      if (k != null) {
        k.eval();
      }
    }
  }
}
