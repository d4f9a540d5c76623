package kiln.micro;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kiln.api.KilnException;
import kiln.api.model.ElementType;
import kiln.api.model.LoadedModel;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.micro.graph.Graph;
import kiln.micro.graph.OpInfo;
import kiln.micro.graph.TensorInfo;
import kiln.micro.kernels.Kernel;
import kiln.micro.kernels.Kernels;
import kiln.micro.kernels.ModelContext;
import kiln.micro.kernels.Prep;
import kiln.micro.kernels.Tensor;

/**
 * A model prepared for the micro runtime: every op validated and its kernel built with
 * precomputed multipliers. {@link #invoke()} runs the kernels in order with no checks and no
 * allocation. Not thread-safe.
 */
public final class MicroModel implements LoadedModel {
  private final Graph graph;
  private final Tensor[] tensors;
  private final Kernel[] kernels;
  private final Tensor[] inputs;
  private final Tensor[] outputs;
  /** The other subgraphs and the resource variables, which ops like CALL_ONCE reach. */
  private final ModelContext context;
  /** Every subgraph's tensors, the main one's first (variables among them are reset together). */
  private final List<Tensor[]> allTensors;
  /** Every subgraph, the main one first (the arena allocates them all). */
  private final List<Graph> graphs;

  private MicroModel(List<Graph> graphs, Tensor[] tensors, Kernel[] kernels,
      ModelContext context, List<Tensor[]> allTensors) {
    this.graphs = List.copyOf(graphs);
    this.graph = graphs.get(0);
    this.tensors = tensors;
    this.kernels = kernels;
    this.context = context;
    this.allTensors = allTensors;
    this.inputs = Arrays.stream(graph.inputs()).mapToObj(i -> tensors[i]).toArray(Tensor[]::new);
    this.outputs = Arrays.stream(graph.outputs()).mapToObj(i -> tensors[i]).toArray(Tensor[]::new);
  }

  /** Validates every op (unsupported ones by name first) and builds the kernels. */
  public static MicroModel prepare(Graph graph) {
    return prepare(List.of(graph), false);
  }

  /**
   * Validates and prepares a model of several subgraphs (main first): every subgraph's ops are
   * prepared in order before any runs, as TFLite Micro does, so ops reach the others through
   * their {@link ModelContext}.
   */
  public static MicroModel prepare(List<Graph> graphs) {
    return prepare(graphs, false);
  }

  /**
   * Validates every op the runtime has a kernel for, as {@link #prepare(Graph)} does, and returns the
   * names of those it has none for instead of refusing them.
   */
  public static List<String> check(Graph graph) {
    return check(List.of(graph));
  }

  /** {@link #check(Graph)} over every subgraph of a model. */
  public static List<String> check(List<Graph> graphs) {
    List<String> unsupported = unsupported(graphs);
    prepare(graphs, true);
    return unsupported;
  }

  private static List<String> unsupported(List<Graph> graphs) {
    List<String> unsupported = new ArrayList<>();
    for (Graph graph : graphs) {
      for (OpInfo op : graph.ops()) {
        if (!Kernels.isSupported(op.name()) && !unsupported.contains(op.name())) {
          unsupported.add(op.name());
        }
      }
    }
    return unsupported;
  }

  private static MicroModel prepare(List<Graph> graphs, boolean skipUnsupported) {
    Graph main = graphs.get(0);
    List<String> unsupported = unsupported(graphs);
    if (!unsupported.isEmpty() && !skipUnsupported) {
      throw new KilnException(main.name() + ": operators not supported by the micro runtime: "
          + String.join(", ", unsupported) + " (supported: "
          + String.join(", ", Kernels.supported()) + ")");
    }
    ModelContext context = new ModelContext(main.name(), graphs);
    List<Tensor[]> allTensors = new ArrayList<>();
    Kernel[] mainKernels = null;
    for (int g = 0; g < graphs.size(); g++) {
      Tensor[] tensors = tensors(graphs.get(g));
      allTensors.add(tensors);
      context.setTensors(g, tensors);
      Kernel[] kernels = kernels(graphs.get(g), tensors, context, skipUnsupported);
      context.setKernels(g, kernels);
      if (g == 0) {
        mainKernels = kernels;
      }
    }
    return new MicroModel(graphs, allTensors.get(0), mainKernels, context, allTensors);
  }

  private static Tensor[] tensors(Graph graph) {
    List<TensorInfo> infos = graph.tensors();
    Tensor[] tensors = new Tensor[infos.size()];
    for (int i = 0; i < tensors.length; i++) {
      TensorInfo t = infos.get(i);
      try {
        tensors[i] = new Tensor(i, t);
      } catch (IllegalArgumentException e) {
        throw new KilnException(graph.name() + ": tensor #" + i + " '" + t.name() + "': "
            + e.getMessage() + " (supported: INT8, INT16, FLOAT32, INT32, BOOL, INT64 constants)");
      }
      if (t.variable()) {
        tensors[i].resetVariable();
      }
    }
    return tensors;
  }

  private static Kernel[] kernels(Graph graph, Tensor[] tensors, ModelContext context,
      boolean skipUnsupported) {
    Kernel[] kernels = new Kernel[graph.ops().size()];
    for (OpInfo op : graph.ops()) {
      for (int idx : op.inputs()) {
        if (idx >= tensors.length) {
          throw new KilnException(graph.name() + ": op #" + op.index() + " " + op.name()
              + ": input tensor index " + idx + " is out of range (" + tensors.length + " tensors)");
        }
      }
      for (int idx : op.outputs()) {
        if (idx < 0 || idx >= tensors.length) {
          throw new KilnException(graph.name() + ": op #" + op.index() + " " + op.name()
              + ": output tensor index " + idx + " is out of range (" + tensors.length + " tensors)");
        }
      }
      if (!skipUnsupported || Kernels.isSupported(op.name())) {
        kernels[op.index()] = Kernels.prepare(new Prep(graph.name(), op, tensors, context));
      }
    }
    return kernels;
  }

  public Graph graph() {
    return graph;
  }

  /** The kernel of op i (tests inspect accumulators through it). */
  public Kernel kernel(int i) {
    return kernels[i];
  }

  /** Runtime tensor i, whose arrays kernels read and write. */
  public Tensor tensor(int i) {
    return tensors[i];
  }

  @Override
  public int tensorCount() {
    return tensors.length;
  }

  @Override
  public TensorSpec tensorInfo(int index) {
    Tensor t = tensors[index];
    return new TensorSpec(t.name(), t.type(), t.shape, t.scale(), t.zeroPoint());
  }

  @Override
  public TensorData tensorValue(int index) {
    return toData(tensors[index]);
  }

  /** The arena, 32-bit TFLM reference kernels ({@link MicroRuntime#arenaSize(List)}). */
  @Override
  public int arenaBytes() {
    return MicroRuntime.arenaSize(graphs);
  }

  public Tensor input(int i) {
    return inputs[i];
  }

  public Tensor output(int i) {
    return outputs[i];
  }

  /**
   * Sets every variable tensor (SVDF and LSTM state) and resource variable back to its start
   * value, as TFLite Micro's {@code MicroInterpreter::Reset} does; they start so and keep their
   * values across invokes.
   */
  public void resetVariables() {
    for (Tensor[] ts : allTensors) {
      for (Tensor t : ts) {
        if (t.info.variable()) {
          t.resetVariable();
        }
      }
    }
    context.resources.resetAll();
  }

  /** Runs every kernel once on the current input arrays. */
  public void invoke() {
    try {
      for (Kernel k : kernels) {
        k.eval();
      }
    } catch (Kernel.EndRun end) {
      // an op (CIRCULAR_BUFFER) ended this run early, as TFLite Micro's kTfLiteAbort: the ops after
      // it keep their last outputs
    }
  }

  @Override
  public List<TensorSpec> inputs() {
    return specs(inputs);
  }

  @Override
  public List<TensorSpec> outputs() {
    return specs(outputs);
  }

  private static List<TensorSpec> specs(Tensor[] ts) {
    List<TensorSpec> r = new ArrayList<>();
    for (Tensor t : ts) {
      r.add(new TensorSpec(t.name(), t.type(), t.shape, t.scale(), t.zeroPoint()));
    }
    return r;
  }

  @Override
  public List<TensorData> run(List<TensorData> in) {
    if (in.size() != inputs.length) {
      throw new KilnException(graph.name() + ": expected " + inputs.length + " inputs, got "
          + in.size());
    }
    for (int i = 0; i < inputs.length; i++) {
      setInput(i, in.get(i));
    }
    invoke();
    List<TensorData> r = new ArrayList<>();
    for (Tensor t : outputs) {
      r.add(toData(t));
    }
    return r;
  }

  /** Copies a TensorData into input i, checking its type and element count. */
  public void setInput(int i, TensorData d) {
    Tensor t = inputs[i];
    if (d.type() != t.type() || d.elementCount() != t.elementCount()) {
      throw new KilnException(graph.name() + ": input '" + t.name() + "' must be " + t.type()
          + Arrays.toString(t.shape) + ", got " + d.type() + Arrays.toString(d.shape()));
    }
    byte[] b = d.bytes();
    switch (t.type()) {
      case INT8, BOOL -> System.arraycopy(b, 0, t.i8, 0, b.length);
      case FLOAT32 -> java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN)
          .asFloatBuffer().get(t.f32);
      case INT32 -> java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN)
          .asIntBuffer().get(t.i32);
      case INT16 -> java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN)
          .asShortBuffer().get(t.i16);
      default -> throw new KilnException("input type " + t.type() + " is not supported");
    }
  }

  static TensorData toData(Tensor t) {
    if (t.type() == ElementType.INT8) {
      return TensorData.ofInt8(t.shape, t.i8);
    } else if (t.type() == ElementType.BOOL) {
      return new TensorData(ElementType.BOOL, t.shape, t.i8.clone());
    } else if (t.type() == ElementType.FLOAT32) {
      return TensorData.ofFloat32(t.shape, t.f32);
    } else if (t.type() == ElementType.INT16) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(t.i16.length * 2)
          .order(java.nio.ByteOrder.LITTLE_ENDIAN);
      b.asShortBuffer().put(t.i16);
      return new TensorData(ElementType.INT16, t.shape, b.array());
    }
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(t.i32.length * 4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(t.i32);
    return new TensorData(ElementType.INT32, t.shape, b.array());
  }
}
