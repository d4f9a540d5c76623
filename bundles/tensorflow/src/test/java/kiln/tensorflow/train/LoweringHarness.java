package kiln.tensorflow.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.model.LayerGraph;
import kiln.api.model.TensorData;
import kiln.api.model.Weights;
import kiln.nn.GraphWeights;
import kiln.api.model.WeightSpec;
import kiln.tensorflow.TensorFlowRuntime;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Builds one layer graph's lowering with a scalar probe loss {@code sum(output * R)} (R fixed
 * random) and compares TensorFlow's gradients with central finite differences, for the inputs and
 * every trainable weight.
 */
final class LoweringHarness implements AutoCloseable {
  final LayerGraph layers;
  final Graph graph = new Graph();
  final Session session;
  final Ops tf;
  final Map<String, Variable<TFloat32>> vars = new LinkedHashMap<>();
  final Map<String, Placeholder<TFloat32>> values = new LinkedHashMap<>();
  final Map<String, org.tensorflow.op.Op> assigns = new LinkedHashMap<>();
  final GraphLowering lowering;
  final Placeholder<TFloat32> probe;
  final Operand<TFloat32> loss;
  final List<String> gradNames = new ArrayList<>();
  final Output<?>[] grads;
  final Placeholder<TInt64> seed;
  final int batch;
  final int[] inShape;
  final int[] outShape;

  LoweringHarness(LayerGraph layers, boolean training, int batch) {
    TensorFlowRuntime.version();
    this.layers = layers;
    this.batch = batch;
    tf = Ops.create(graph);
    Ops init = tf.withInitScope();
    for (WeightSpec w : GraphWeights.of(layers)) {
      Shape s = Shape.of(ModelSession.toLongs(w.shape()));
      Variable<TFloat32> v = init.variable(init.zeros(init.constant(s), TFloat32.class));
      vars.put(w.name(), v);
      Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(s));
      values.put(w.name(), p);
      assigns.put(w.name(), tf.assign(v, p));
    }
    seed = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
    lowering = new GraphLowering(tf, layers, vars, training, seed).build();
    inShape = layers.layer(layers.inputs().get(0)).outputShape();
    outShape = layers.layer(layers.outputs().get(0)).outputShape();
    probe = tf.placeholder(TFloat32.class);
    Operand<TFloat32> out = lowering.outputs.get(layers.outputs().get(0));
    loss = tf.sum(tf.math.mul(out, probe), tf.constant(allAxes(outShape.length + 1)));
    List<Output<?>> xs = new ArrayList<>();
    for (WeightSpec w : GraphWeights.of(layers)) {
      if (w.trainable()) {
        gradNames.add(w.name());
        xs.add(vars.get(w.name()).asOutput());
      }
    }
    for (var e : lowering.inputs.entrySet()) {
      gradNames.add("input:" + e.getKey());
      xs.add(e.getValue().asOutput());
    }
    grads = graph.addGradients(loss.asOutput(), xs.toArray(new Output<?>[0]));
    session = new Session(graph);
    session.initialize();
  }

  private static int[] allAxes(int rank) {
    int[] a = new int[rank];
    for (int i = 0; i < rank; i++) {
      a[i] = i;
    }
    return a;
  }

  void setWeights(Weights w) {
    if (w.size() == 0) {
      return;
    }
    Session.Runner r = session.runner();
    List<Tensor> open = new ArrayList<>();
    for (var e : w.asMap().entrySet()) {
      TFloat32 t = TFloat32.tensorOf(Shape.of(ModelSession.toLongs(e.getValue().shape())),
          DataBuffers.of(e.getValue().toFloats(), true, false));
      open.add(t);
      r.feed(values.get(e.getKey()), t).addTarget(assigns.get(e.getKey()));
    }
    r.run().close();
    open.forEach(Tensor::close);
  }

  /** Random weights in [-1, 1] (variances in [0.5, 1.5]). */
  Weights randomWeights(long s) {
    SplittableRandom r = new SplittableRandom(s);
    Weights w = new Weights();
    for (WeightSpec spec : GraphWeights.of(layers)) {
      float[] v = new float[(int) spec.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = spec.name().endsWith("variance") ? (float) (0.5 + r.nextDouble()) : (float) (r.nextDouble() * 2 - 1);
      }
      w.put(spec.name(), TensorData.ofFloat32(spec.shape(), v));
    }
    return w;
  }

  static float[] random(int n, long s) {
    SplittableRandom r = new SplittableRandom(s);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return v;
  }

  int inSize() {
    return (int) TensorData.elementCount(inShape);
  }

  int outSize() {
    return (int) TensorData.elementCount(outShape);
  }

  /** The output for inputs {@code x} ({@code batch} samples). */
  float[] forward(float[] x) {
    try (Tensor xt = tensor(x, inShape); Tensor st = TInt64.vectorOf(7, 11);
        Result r = session.runner().feed(lowering.inputs.values().iterator().next(), xt).feed(seed, st)
            .fetch(lowering.outputs.get(layers.outputs().get(0))).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] out = new float[(int) t.size()];
      t.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  double loss(float[] x, float[] p) {
    try (Tensor xt = tensor(x, inShape); Tensor pt = tensor(p, outShape); Tensor st = TInt64.vectorOf(7, 11);
        Result r = session.runner().feed(lowering.inputs.values().iterator().next(), xt).feed(probe, pt)
            .feed(seed, st).fetch(loss).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  /** Analytic gradients by name ("input:NAME" for inputs). */
  Map<String, float[]> gradients(float[] x, float[] p) {
    Map<String, float[]> out = new LinkedHashMap<>();
    try (Tensor xt = tensor(x, inShape); Tensor pt = tensor(p, outShape); Tensor st = TInt64.vectorOf(7, 11)) {
      Session.Runner runner = session.runner().feed(lowering.inputs.values().iterator().next(), xt).feed(probe, pt)
          .feed(seed, st);
      for (Output<?> g : grads) {
        runner.fetch(g);
      }
      try (Result r = runner.run()) {
        for (int i = 0; i < grads.length; i++) {
          TFloat32 t = (TFloat32) r.get(i);
          float[] v = new float[(int) t.size()];
          t.copyTo(DataBuffers.of(v, false, false));
          out.put(gradNames.get(i), v);
        }
      }
    }
    return out;
  }

  private Tensor tensor(float[] v, int[] sampleShape) {
    int[] s = GraphLowering.batchDims(sampleShape);
    s[0] = batch;
    return TFloat32.tensorOf(Shape.of(ModelSession.toLongs(s)), DataBuffers.of(v, true, false));
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
