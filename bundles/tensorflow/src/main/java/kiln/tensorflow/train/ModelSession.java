package kiln.tensorflow.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.model.Batch;
import kiln.api.model.LayerGraph;
import kiln.api.model.TensorData;
import kiln.api.model.Weights;

import kiln.api.model.WeightSpec;
import kiln.tensorflow.TensorFlowDevices;
import kiln.tensorflow.TensorFlowRuntime;
import kiln.util.init.Initializer;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * One TensorFlow graph and session for a layer graph: its variables, the inference lowering and,
 * for training, the training lowering with loss, gradients of the trainable variables and the
 * optimizer's updates grouped with the batch-normalization moving averages. Native failures are
 * reported as {@link KilnException}s.
 */
public final class ModelSession implements AutoCloseable {
  /** Samples per session run in {@link #predict}. */
  static final int PREDICT_BATCH = 256;

  private final LayerGraph layers;
  private final Graph graph;
  private Session session;
  private final String device;
  private int intraOpThreads;
  /** Reusable input tensors by batch shape (training steps). */
  private final BatchTensors feed = new BatchTensors(FEED_SLOTS);
  private final Ops tf;
  private final List<WeightSpec> specs;
  private final Map<String, Variable<TFloat32>> vars = new LinkedHashMap<>();
  private final Map<String, Placeholder<TFloat32>> assignValues = new LinkedHashMap<>();
  private final Map<String, Op> assigns = new LinkedHashMap<>();
  /** The optimizer's slot variables by {@code <weight>/<slot>} name (training only). */
  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final GraphLowering inference;
  private final String outputName;

  // training only
  private GraphLowering training;
  private Placeholder<TFloat32> labels;
  private Placeholder<TFloat32> sampleWeights;
  private Placeholder<TFloat32> learningRate;
  private Placeholder<TFloat32> beta1Power;
  private Placeholder<TFloat32> beta2Power;
  private Placeholder<TInt64> dropoutSeed;
  private Operand<TFloat32> trainLoss;
  private Operand<TFloat32> trainCorrect;
  private Op trainOp;
  private Operand<TFloat32> evalLoss;
  private Operand<TFloat32> evalCorrect;
  private Placeholder<TFloat32> evalLabels;
  private Placeholder<TFloat32> evalWeights;
  private OptimizerConfig optimizer;

  private ModelSession(LayerGraph layers, Weights initial, long seed, TrainSpec train, String device, int threads) {
    TensorFlowRuntime.version();
    this.device = device;
    this.intraOpThreads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    // before building anything: --device gpu without a GPU fails here, naming what was found
    ConfigProto config = TensorFlowDevices.config(device, intraOpThreads, 1);
    this.layers = layers;
    if (layers.outputs().size() != 1) {
      throw new KilnException("model " + layers.name() + ": the TensorFlow trainer supports one output layer, found "
          + layers.outputs());
    }
    this.outputName = layers.outputs().get(0);
    this.specs = layers.weights();
    Graph g = new Graph();
    try {
      tf = Ops.create(g);
      createVariables(initial, seed);
      inference = new GraphLowering(tf, layers, vars, false, null).build();
      if (train != null) {
        buildTraining(train);
      }
      graph = g;
      session = new Session(g, config);
      session.initialize();
    } catch (KilnException e) {
      g.close();
      throw e;
    } catch (RuntimeException e) {
      g.close();
      throw new KilnException("model " + layers.name() + ": TensorFlow could not build the graph: " + e.getMessage(), e);
    }
  }

  /** An optimizer slot variable, its shape and the op that sets it (resuming). */
  private record Slot(Variable<TFloat32> variable, int[] shape, Placeholder<TFloat32> value, Op assign) {}

  /** What training needs besides the layer graph. */
  record TrainSpec(OptimizerConfig optimizer, LossConfig loss) {}

  /** A session for inference only ({@code predict}). */
  public static ModelSession forInference(LayerGraph layers, Weights weights) {
    return new ModelSession(layers, weights, 0, null, "auto", 0);
  }

  /** A session that trains; {@code initial} null initializes the weights from {@code seed}. */
  public static ModelSession forTraining(LayerGraph layers, Weights initial, long seed, OptimizerConfig optimizer,
      LossConfig loss) {
    return forTraining(layers, initial, seed, optimizer, loss, "auto");
  }

  /**
   * A session that trains on {@code device}: {@code auto}, {@code cpu} (GPUs hidden) or {@code gpu}
   * (fails unless TensorFlow sees one); see {@link TensorFlowDevices#config}.
   */
  public static ModelSession forTraining(LayerGraph layers, Weights initial, long seed, OptimizerConfig optimizer,
      LossConfig loss, String device) {
    return forTraining(layers, initial, seed, optimizer, loss, device, 0);
  }

  /**
   * As {@link #forTraining(LayerGraph, Weights, long, OptimizerConfig, LossConfig, String)} with
   * {@code intraOpThreads} TensorFlow threads per op (0: one per CPU), the trainer's core budget.
   */
  public static ModelSession forTraining(LayerGraph layers, Weights initial, long seed, OptimizerConfig optimizer,
      LossConfig loss, String device, int intraOpThreads) {
    return new ModelSession(layers, initial, seed, new TrainSpec(optimizer, loss), device, intraOpThreads);
  }

  /** TensorFlow's intra-op threads. */
  public int intraOpThreads() {
    return intraOpThreads;
  }

  /**
   * Runs on with {@code n} intra-op threads: a session's thread count is fixed when it is made, so
   * this opens a new session on the same graph and moves every variable and optimizer slot over.
   */
  public void intraOpThreads(int n) {
    if (n < 1) {
      throw new KilnException("TensorFlow needs at least 1 intra-op thread, asked for " + n);
    }
    if (n == intraOpThreads) {
      return;
    }
    Weights w = weights();
    Weights o = optimizerState();
    Session next = new Session(graph, TensorFlowDevices.config(device, n, 1));
    try {
      next.initialize();
    } catch (RuntimeException e) {
      next.close();
      throw native_("opening a session with " + n + " threads", e);
    }
    session.close();
    session = next;
    intraOpThreads = n;
    setWeights(w);
    setOptimizerState(o, "the session being moved to " + n + " threads");
  }

  private void createVariables(Weights initial, long seed) {
    Ops init = tf.withInitScope();
    for (WeightSpec w : specs) {
      int[] shape = w.shape();
      float[] values;
      TensorData given = initial == null ? null : initial.get(w.name());
      // partial initial weights (transfer learning) leave the variables they do not name to their initializers
      if (initial != null && (given != null || !initial.isPartial())) {
        if (given == null) {
          throw new KilnException("weights of " + layers.name() + ": no value for " + w.name() + " "
              + java.util.Arrays.toString(shape) + "; the weights were made for another layer graph");
        }
        if (!java.util.Arrays.equals(given.shape(), shape)) {
          throw new KilnException("weights of " + layers.name() + ": " + w.name() + " has shape "
              + java.util.Arrays.toString(given.shape()) + ", expected " + java.util.Arrays.toString(shape));
        }
        values = given.toFloats();
      } else {
        try {
          values = Initializer.named(w.initializer()).values(shape, seed, w.name());
        } catch (IllegalArgumentException e) {
          throw new KilnException("initializer of " + w.name() + ": " + e.getMessage(), e);
        }
      }
      Shape s = Shape.of(toLongs(shape));
      Variable<TFloat32> v = init.withName(opName("w.", w.name()))
          .variable(init.constant(s, DataBuffers.of(values, true, false)));
      vars.put(w.name(), v);
      Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(s));
      assignValues.put(w.name(), p);
      assigns.put(w.name(), tf.assign(v, p));
    }
  }

  private void buildTraining(TrainSpec spec) {
    optimizer = spec.optimizer();
    dropoutSeed = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
    training = new GraphLowering(tf, layers, vars, true, dropoutSeed).build();
    int[] outShape = layers.layer(outputName).outputShape();
    labels = tf.placeholder(TFloat32.class, Placeholder.shape(GraphLowering.batchShape(outShape)));
    sampleWeights = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
    learningRate = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    beta1Power = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    beta2Power = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    Operand<TFloat32> reg = regularization();
    trainLoss = totalLoss(spec.loss(), training, labels, sampleWeights, reg, outShape.length + 1);
    trainCorrect = correct(training.outputs.get(outputName), labels, outShape);
    evalLabels = tf.placeholder(TFloat32.class, Placeholder.shape(GraphLowering.batchShape(outShape)));
    evalWeights = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
    evalLoss = totalLoss(spec.loss(), inference, evalLabels, evalWeights, reg, outShape.length + 1);
    evalCorrect = correct(inference.outputs.get(outputName), evalLabels, outShape);

    List<WeightSpec> trainable = new ArrayList<>();
    for (WeightSpec w : specs) {
      if (w.trainable()) {
        trainable.add(w);
      }
    }
    List<Op> updates = new ArrayList<>(training.updates);
    if (!trainable.isEmpty()) {
      Output<?>[] xs = new Output<?>[trainable.size()];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = vars.get(trainable.get(i).name()).asOutput();
      }
      Output<?>[] grads = graph().addGradients(trainLoss.asOutput(), xs);
      // every update waits for every gradient: the backward pass reads the variables (a layer's
      // gradient goes through the next layer's kernel), and an update that ran first would change
      // what it reads, at random, making runs of the same seed differ
      List<Op> computed = new ArrayList<>();
      for (Output<?> g : grads) {
        if (g != null) {
          computed.add(tf.identity(g));
        }
      }
      Ops afterGradients = tf.withControlDependencies(computed);
      for (int i = 0; i < xs.length; i++) {
        if (grads[i] == null) {
          continue; // a variable the loss does not depend on
        }
        @SuppressWarnings("unchecked")
        Output<TFloat32> grad = (Output<TFloat32>) grads[i];
        WeightSpec w = trainable.get(i);
        updates.add(optimizer.apply(afterGradients, vars.get(w.name()), grad, learningRate, beta1Power,
            beta2Power, slot -> slot(w, slot)));
      }
    }
    trainOp = tf.withControlDependencies(updates).noOp();
  }

  /** A zero-initialized optimizer slot of a weight's shape, kept so it can be saved and restored. */
  private Variable<TFloat32> slot(WeightSpec w, String slot) {
    Ops init = tf.withInitScope();
    Shape s = Shape.of(toLongs(w.shape()));
    String name = w.name() + "/" + slot;
    Variable<TFloat32> v = init.withName(opName("slot.", name))
        .variable(init.zeros(init.constant(s), TFloat32.class));
    Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(s));
    slots.put(name, new Slot(v, w.shape(), p, tf.assign(v, p)));
    return v;
  }

  private Graph graph() {
    return (Graph) tf.scope().env();
  }

  /** L1/L2 penalties of the regularized variables (Keras: factor * sum(|w|) or sum(w^2)). */
  private Operand<TFloat32> regularization() {
    Operand<TFloat32> sum = null;
    for (WeightSpec w : specs) {
      if (w.regularizer() == null) {
        continue;
      }
      // read the ref variable first: TensorFlow's C++ Square gradient crashes on a ref-typed input
      Operand<TFloat32> v = tf.identity(vars.get(w.name()));
      for (Map.Entry<String, Double> r : w.regularizer().entrySet()) {
        Operand<TFloat32> term = switch (r.getKey()) {
          case "l2" -> tf.sum(tf.math.square(v), tf.constant(allAxes(w.shape().length)));
          case "l1" -> tf.sum(tf.math.abs(v), tf.constant(allAxes(w.shape().length)));
          default -> throw new KilnException("regularizer of " + w.name() + ": unknown '" + r.getKey()
              + "'; expected l1 or l2");
        };
        term = tf.math.mul(term, tf.constant(r.getValue().floatValue()));
        sum = sum == null ? term : tf.math.add(sum, term);
      }
    }
    return sum;
  }

  private static int[] allAxes(int rank) {
    int[] a = new int[rank];
    for (int i = 0; i < rank; i++) {
      a[i] = i;
    }
    return a;
  }

  private Operand<TFloat32> totalLoss(LossConfig loss, GraphLowering l, Operand<TFloat32> y, Operand<TFloat32> w,
      Operand<TFloat32> reg, int rank) {
    Operand<TFloat32> per = loss.perSample(tf, l.outputs.get(outputName), l.logits.get(outputName),
        l.finalActivation.get(outputName), y, rank);
    // Keras' sum over batch size: mean of the weighted per-sample losses
    Operand<TFloat32> mean = tf.math.mean(tf.math.mul(per, w), tf.constant(0));
    return reg == null ? mean : tf.math.add(mean, reg);
  }

  /** Correct predictions in the batch (categorical: argmax; one output unit: threshold 0.5). */
  private Operand<TFloat32> correct(Operand<TFloat32> out, Operand<TFloat32> y, int[] outShape) {
    Operand<TFloat32> hits;
    if (outShape[outShape.length - 1] > 1) {
      hits = tf.dtypes.cast(tf.math.equal(tf.math.argMax(out, tf.constant(-1)), tf.math.argMax(y, tf.constant(-1))),
          TFloat32.class);
    } else {
      Operand<TFloat32> half = tf.constant(0.5f);
      hits = tf.dtypes.cast(tf.math.equal(tf.math.greater(out, half), tf.math.greater(y, half)), TFloat32.class);
    }
    // per sample: the mean over any remaining axes
    int rank = outShape.length + 1;
    int[] axes = new int[rank - (outShape[outShape.length - 1] > 1 ? 2 : 1)];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i + 1;
    }
    Operand<TFloat32> perSample = axes.length == 0 ? hits : tf.math.mean(hits, tf.constant(axes));
    return tf.sum(perSample, tf.constant(0));
  }

  /** The loss (mean over the batch, with regularization) and number of correct samples of a step. */
  public record StepResult(double loss, double correct, int samples) {}

  /**
   * Runs one optimizer step on a batch.
   *
   * @param step the 1-based optimizer step (Adam's bias correction)
   * @param dropoutStep a value that changes every step (seeds the dropout masks)
   */
  public StepResult trainStep(Batch b, double lr, long step, long seed, long dropoutStep) {
    try (BatchTensors.Staged staged = stage(b)) {
      return trainStep(staged, lr, step, seed, dropoutStep);
    }
  }

  /** Input tensors in flight at once: the prefetcher's queue (4), the one being filled, the step's. */
  static final int FEED_SLOTS = 6;

  /**
   * Copies a batch into reusable TensorFlow tensors of its shape (no allocation once warm), ready
   * for {@link #trainStep(BatchTensors.Staged, double, long, long, long)}; the trainer's prefetch
   * thread does this while the previous step runs. Blocks while every slot is in use; closing the
   * result hands its tensors back.
   */
  public BatchTensors.Staged stage(Batch b) {
    return feed.stage(b, weightsOf(b));
  }

  /** One optimizer step on a staged batch (see {@link #trainStep(Batch, double, long, long, long)}). */
  public StepResult trainStep(BatchTensors.Staged b, double lr, long step, long seed, long dropoutStep) {
    try (Tensor rate = TFloat32.scalarOf((float) lr);
        Tensor p1 = TFloat32.scalarOf((float) StrictMath.pow(optimizer.beta1(), step));
        Tensor p2 = TFloat32.scalarOf((float) StrictMath.pow(optimizer.beta2(), step));
        Tensor ds = TInt64.vectorOf(seed, dropoutStep);
        Result r = session.runner()
            .feed(training.inputs.values().iterator().next(), b.x())
            .feed(labels, b.y()).feed(sampleWeights, b.weights()).feed(learningRate, rate)
            .feed(beta1Power, p1).feed(beta2Power, p2).feed(dropoutSeed, ds)
            .addTarget(trainOp).fetch(trainLoss).fetch(trainCorrect).run()) {
      return new StepResult(scalar(r.get(0)), scalar(r.get(1)), b.size());
    } catch (KilnException e) {
      throw e;
    } catch (RuntimeException e) {
      throw native_("a training step", e);
    }
  }

  /** Loss and correct count of a batch in inference mode (validation). */
  public StepResult evaluate(Batch b) {
    try (Tensor x = floats(b.x(), b.xShape());
        Tensor y = floats(b.y(), b.yShape());
        Tensor w = floats(weightsOf(b), new int[] {b.size()});
        Result r = session.runner()
            .feed(inference.inputs.values().iterator().next(), x)
            .feed(evalLabels, y).feed(evalWeights, w)
            .fetch(evalLoss).fetch(evalCorrect).run()) {
      return new StepResult(scalar(r.get(0)), scalar(r.get(1)), b.size());
    } catch (RuntimeException e) {
      throw native_("a validation step", e);
    }
  }

  /**
   * The inference outputs of the named layers (empty: the graph's outputs) for samples without the
   * batch dimension (a model with several inputs: each sample's inputs concatenated in order).
   */
  public Map<String, List<float[]>> predict(List<float[]> samples, List<String> layerNames) {
    List<String> names = layerNames == null || layerNames.isEmpty() ? layers.outputs() : layerNames;
    Map<String, List<float[]>> out = new LinkedHashMap<>();
    for (String n : names) {
      if (!inference.outputs.containsKey(n)) {
        throw new KilnException("model " + layers.name() + ": no layer named '" + n + "'");
      }
      out.put(n, new ArrayList<>());
    }
    int[] inShape = layers.layer(layers.inputs().get(0)).outputShape();
    if (layers.inputs().size() > 1) {
      int total = 0;
      for (String in : layers.inputs()) {
        total += (int) TensorData.elementCount(layers.layer(in).outputShape());
      }
      inShape = new int[] {total};
    }
    int sampleSize = (int) TensorData.elementCount(inShape);
    for (int from = 0; from < samples.size(); from += PREDICT_BATCH) {
      int n = Math.min(PREDICT_BATCH, samples.size() - from);
      float[] x = new float[n * sampleSize];
      for (int i = 0; i < n; i++) {
        float[] s = samples.get(from + i);
        if (s.length != sampleSize) {
          throw new KilnException("model " + layers.name() + ": sample " + (from + i) + " has " + s.length
              + " values, expected " + sampleSize + " (shape " + java.util.Arrays.toString(inShape) + ")");
        }
        System.arraycopy(s, 0, x, i * sampleSize, sampleSize);
      }
      int[] xShape = GraphLowering.batchDims(inShape);
      xShape[0] = n;
      try (Tensor xt = floats(x, xShape)) {
        Session.Runner runner = session.runner().feed(inference.inputs.values().iterator().next(), xt);
        for (String name : names) {
          runner.fetch(inference.outputs.get(name));
        }
        try (Result r = runner.run()) {
          int k = 0;
          for (String name : names) {
            TFloat32 t = (TFloat32) r.get(k++);
            int per = (int) (t.size() / n);
            float[] all = new float[(int) t.size()];
            t.copyTo(DataBuffers.of(all, false, false));
            for (int i = 0; i < n; i++) {
              out.get(name).add(java.util.Arrays.copyOfRange(all, i * per, (i + 1) * per));
            }
          }
        }
      } catch (RuntimeException e) {
        throw native_("inference", e);
      }
    }
    return out;
  }

  /** The current values of every variable, in graph order. */
  public Weights weights() {
    Weights w = new Weights();
    Session.Runner runner = session.runner();
    for (Variable<TFloat32> v : vars.values()) {
      runner.fetch(v);
    }
    try (Result r = runner.run()) {
      int k = 0;
      for (WeightSpec s : specs) {
        TFloat32 t = (TFloat32) r.get(k++);
        float[] values = new float[(int) t.size()];
        t.copyTo(DataBuffers.of(values, false, false));
        w.put(s.name(), TensorData.ofFloat32(s.shape(), values));
      }
    }
    return w;
  }

  /** Sets every variable (restoring the best weights, resuming). */
  public void setWeights(Weights w) {
    if (specs.isEmpty()) {
      return;
    }
    List<Tensor> tensors = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (WeightSpec s : specs) {
        TensorData d = w.get(s.name());
        if (d == null || !java.util.Arrays.equals(d.shape(), s.shape())) {
          throw new KilnException("weights: " + s.name() + " missing or of another shape than "
              + java.util.Arrays.toString(s.shape()));
        }
        Tensor t = floats(d.toFloats(), s.shape());
        tensors.add(t);
        runner.feed(assignValues.get(s.name()), t).addTarget(assigns.get(s.name()));
      }
      runner.run().close();
    } finally {
      tensors.forEach(Tensor::close);
    }
  }

  /**
   * The optimizer's slot variables (Adam's m and v, momentum and RMSprop accumulators), named
   * {@code <weight>/<slot>}; empty for plain SGD and inference sessions.
   */
  public Weights optimizerState() {
    Weights w = new Weights();
    if (slots.isEmpty()) {
      return w;
    }
    Session.Runner runner = session.runner();
    for (Slot s : slots.values()) {
      runner.fetch(s.variable());
    }
    try (Result r = runner.run()) {
      int k = 0;
      for (Map.Entry<String, Slot> e : slots.entrySet()) {
        TFloat32 t = (TFloat32) r.get(k++);
        float[] values = new float[(int) t.size()];
        t.copyTo(DataBuffers.of(values, false, false));
        w.put(e.getKey(), TensorData.ofFloat32(e.getValue().shape(), values));
      }
    }
    return w;
  }

  /**
   * Sets the optimizer's slot variables (resuming).
   *
   * @param what names the file the state came from in error messages
   */
  public void setOptimizerState(Weights state, String what) {
    for (String name : state.asMap().keySet()) {
      if (!slots.containsKey(name)) {
        throw new KilnException(what + ": holds " + name + ", which this optimizer ("
            + (optimizer == null ? "none" : optimizer.name())
            + ") and layer graph do not have; it was saved by another optimizer or model");
      }
    }
    if (slots.isEmpty()) {
      return;
    }
    List<Tensor> tensors = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (Map.Entry<String, Slot> e : slots.entrySet()) {
        TensorData d = state.get(e.getKey());
        if (d == null || !java.util.Arrays.equals(d.shape(), e.getValue().shape())) {
          throw new KilnException(what + ": no optimizer state " + e.getKey() + " of shape "
              + java.util.Arrays.toString(e.getValue().shape()) + "; it was saved by another optimizer or model");
        }
        Tensor t = floats(d.toFloats(), e.getValue().shape());
        tensors.add(t);
        runner.feed(e.getValue().value(), t).addTarget(e.getValue().assign());
      }
      runner.run().close();
    } finally {
      tensors.forEach(Tensor::close);
    }
  }

  private static float[] weightsOf(Batch b) {
    if (b.sampleWeights() != null) {
      return b.sampleWeights();
    }
    float[] ones = new float[b.size()];
    java.util.Arrays.fill(ones, 1f);
    return ones;
  }

  private static TFloat32 floats(float[] values, int[] shape) {
    return TFloat32.tensorOf(Shape.of(toLongs(shape)), DataBuffers.of(values, true, false));
  }

  private static double scalar(Tensor t) {
    return ((TFloat32) t).getFloat();
  }

  static long[] toLongs(int[] v) {
    long[] l = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      l[i] = v[i];
    }
    return l;
  }

  /** TensorFlow op names accept letters, digits and {@code _.-}. */
  private static String opName(String prefix, String weight) {
    return prefix + weight.replace('/', '.').replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private KilnException native_(String what, RuntimeException e) {
    return new KilnException("model " + layers.name() + ": TensorFlow failed in " + what + ": " + e.getMessage(), e);
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      feed.close();
      graph.close();
    }
  }
}
