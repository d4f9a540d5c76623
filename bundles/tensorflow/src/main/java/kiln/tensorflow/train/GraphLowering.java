package kiln.tensorflow.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.model.LayerGraph;
import kiln.api.model.LayerNode;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.op.image.ResizeNearestNeighbor;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.Conv2dBackpropInput;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Lowers a layer graph to TensorFlow graph-mode ops over given variables: once for training
 * (dropout on, batch normalization on batch statistics with moving-average updates) and once for
 * inference. Weights use Keras' layouts, which are TensorFlow's.
 */
final class GraphLowering {
  private final Ops tf;
  private final LayerGraph graph;
  private final Map<String, Variable<TFloat32>> vars;
  private final boolean training;
  private final Operand<TInt64> dropoutSeed;

  /** Every layer's output, by layer name. */
  final Map<String, Operand<TFloat32>> outputs = new LinkedHashMap<>();
  /** The input placeholders, by input layer name (several inputs: one, keyed by their names joined by +). */
  final Map<String, Placeholder<TFloat32>> inputs = new LinkedHashMap<>();
  /** For layers ending in softmax or sigmoid: the values before it (logits) and which it was. */
  final Map<String, Operand<TFloat32>> logits = new HashMap<>();
  final Map<String, String> finalActivation = new HashMap<>();
  /** Batch normalization moving-average assignments (training only). */
  final List<Op> updates = new ArrayList<>();
  /** A model with several inputs: the one placeholder of them all, and its (N, total) view. */
  private Placeholder<TFloat32> packed;
  private Operand<TFloat32> packedFlat;

  /**
   * @param dropoutSeed int64[2] seed of the stateless dropout masks (fed per step); null for inference
   */
  GraphLowering(Ops tf, LayerGraph graph, Map<String, Variable<TFloat32>> vars, boolean training,
      Operand<TInt64> dropoutSeed) {
    this.tf = tf;
    this.graph = graph;
    this.vars = vars;
    this.training = training;
    this.dropoutSeed = dropoutSeed;
  }

  /** Builds every layer in order; errors name the layer. */
  GraphLowering build() {
    int index = 0;
    for (LayerNode node : graph.layers()) {
      List<Operand<TFloat32>> in = new ArrayList<>();
      for (String name : node.inputs()) {
        Operand<TFloat32> x = outputs.get(name);
        if (x == null) {
          throw new KilnException("layer '" + node.name() + "' reads '" + name + "', which is not built before it");
        }
        in.add(x);
      }
      Ops scoped = tf.withSubScope(training ? "train" : "infer").withSubScope(node.name());
      try {
        Operand<TFloat32> y = lower(scoped, node, in, index++);
        // a layer that passes its input through (linear, inference dropout) still gets its own tensor
        outputs.put(node.name(), in.contains(y) ? scoped.identity(y) : y);
      } catch (KilnException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new KilnException(node.type() + " layer '" + node.name() + "': TensorFlow rejected its lowering: "
            + e.getMessage(), e);
      }
    }
    return this;
  }

  private Operand<TFloat32> lower(Ops t, LayerNode node, List<Operand<TFloat32>> in, int index) {
    LayerConfig c = new LayerConfig(node);
    int[] out = node.outputShape();
    return switch (node.type()) {
      case "InputLayer" -> graph.inputs().size() == 1 ? input(node, out) : packedInput(t, node, out);
      case "Conv1D" -> conv1d(t, node, c, one(node, in), out);
      case "Conv2D" -> {
        int[] k = c.ints("kernel_size", 2, 1);
        int[] s = c.ints("strides", 2, 1);
        int[] d = c.ints("dilation_rate", 2, 1);
        Operand<TFloat32> y = t.nn.conv2d(one(node, in), dilate(t, var(node, "kernel"), d), longs(1, s[0], s[1], 1),
            padding(c));
        yield biasAndActivation(t, node, c, y);
      }
      case "DepthwiseConv2D" -> {
        int[] s = c.ints("strides", 2, 1);
        int[] d = c.ints("dilation_rate", 2, 1);
        Operand<TFloat32> y = t.nn.depthwiseConv2dNative(one(node, in), dilate(t, var(node, "depthwise_kernel"), d),
            longs(1, s[0], s[1], 1), padding(c));
        yield biasAndActivation(t, node, c, y);
      }
      case "SeparableConv2D" -> {
        int[] s = c.ints("strides", 2, 1);
        int[] d = c.ints("dilation_rate", 2, 1);
        Operand<TFloat32> dw = t.nn.depthwiseConv2dNative(one(node, in), dilate(t, var(node, "depthwise_kernel"), d),
            longs(1, s[0], s[1], 1), padding(c));
        Operand<TFloat32> pw = t.nn.conv2d(dw, var(node, "pointwise_kernel"), longs(1, 1, 1, 1), "VALID");
        yield biasAndActivation(t, node, c, pw);
      }
      case "Conv2DTranspose" -> {
        int[] s = c.ints("strides", 2, 1);
        int[] d = c.ints("dilation_rate", 2, 1);
        if (d[0] != 1 || d[1] != 1) {
          throw c.unsupported("dilation_rate " + Arrays.toString(d));
        }
        Operand<TFloat32> x = one(node, in);
        Operand<TInt32> sizes = t.concat(List.of(batchOf(t, x), t.constant(new int[] {out[0], out[1], out[2]})),
            t.constant(0));
        Operand<TFloat32> y = t.nn.conv2dBackpropInput(sizes, var(node, "kernel"), x, longs(1, s[0], s[1], 1),
            padding(c), Conv2dBackpropInput.dilations(longs(1, 1, 1, 1)));
        // the op's static shape has an unknown batch; give it the node's shape
        y = t.reshape(y, t.constant(batchDims(out)));
        yield biasAndActivation(t, node, c, y);
      }
      case "Dense" -> {
        Operand<TFloat32> x = one(node, in);
        int[] inShape = inputShape(node, 0);
        int inLast = inShape[inShape.length - 1];
        Operand<TFloat32> y;
        if (inShape.length == 1) {
          y = t.linalg.matMul(x, var(node, "kernel"));
        } else {
          Operand<TFloat32> flat = t.reshape(x, t.constant(new int[] {-1, inLast}));
          y = t.reshape(t.linalg.matMul(flat, var(node, "kernel")), t.constant(batchDims(out)));
        }
        yield biasAndActivation(t, node, c, y);
      }
      case "BatchNormalization" -> batchNorm(t, node, c, one(node, in), out);
      case "LayerNormalization" -> layerNorm(t, node, c, one(node, in), out);
      case "SubSpectralNormalization" -> {
        // batch normalization of the (T, F / g, C * g) view, then back to (T, F, C)
        int g = c.integer("sub_groups", 1);
        int[] view = {out[0], out[1] / g, out[2] * g};
        Operand<TFloat32> y = batchNorm(t, node, c, t.reshape(one(node, in), t.constant(batchDims(view))), view);
        yield t.reshape(y, t.constant(batchDims(out)));
      }
      case "Activation" -> activation(t, node, c.string("activation", "linear"), one(node, in));
      case "ReLU" -> relu(t, c, one(node, in));
      case "LeakyReLU" -> t.nn.leakyRelu(one(node, in), LeakyRelu.alpha((float) c.number("alpha", 0.3)));
      case "Dropout" -> dropout(t, c, one(node, in), index, false);
      case "SpatialDropout2D" -> dropout(t, c, one(node, in), index, true);
      case "ReduceMean" -> {
        int[] axes = reducedAxes(node, c, inputShape(node, 0));
        yield t.math.mean(one(node, in), t.constant(axes), Mean.keepDims(c.flag("keepdims", false)));
      }
      case "Flatten", "Reshape" -> t.reshape(one(node, in), t.constant(batchDims(out)));
      case "LSTM" -> lstm(t, node, c, one(node, in), out);
      case "LastTimeStep" -> {
        // x[:, -1, :]: a one-step slice at the end of the time axis, reshaped to (N, C)
        int steps = inputShape(node, 0)[0];
        Operand<TFloat32> last = t.slice(one(node, in), t.constant(new int[] {0, steps - 1, 0}),
            t.constant(new int[] {-1, 1, -1}));
        yield t.reshape(last, t.constant(batchDims(out)));
      }
      case "MaxPooling1D", "AveragePooling1D" -> pool1d(t, node, c, one(node, in), out);
      case "MaxPooling2D" -> {
        int[] p = c.ints("pool_size", 2, 2);
        int[] s = c.has("strides") ? c.ints("strides", 2, 1) : p;
        yield t.nn.maxPool(one(node, in), t.constant(new int[] {1, p[0], p[1], 1}),
            t.constant(new int[] {1, s[0], s[1], 1}), padding(c));
      }
      case "AveragePooling2D" -> {
        int[] p = c.ints("pool_size", 2, 2);
        int[] s = c.has("strides") ? c.ints("strides", 2, 1) : p;
        yield t.nn.avgPool(one(node, in), longs(1, p[0], p[1], 1), longs(1, s[0], s[1], 1), padding(c));
      }
      case "GlobalAveragePooling2D" -> t.math.mean(one(node, in), t.constant(new int[] {1, 2}),
          Mean.keepDims(c.flag("keepdims", false)));
      case "ZeroPadding2D" -> {
        int[][] p = c.pairs("padding", 1);
        yield t.pad(one(node, in), t.constant(new int[][] {{0, 0}, p[0], p[1], {0, 0}}), t.constant(0f));
      }
      case "UpSampling2D" -> {
        int[] size = new int[] {out[0], out[1]};
        String how = c.string("interpolation", "nearest");
        Operand<TFloat32> x = one(node, in);
        if (how.equals("nearest")) {
          yield t.image.resizeNearestNeighbor(x, t.constant(size), ResizeNearestNeighbor.halfPixelCenters(true));
        } else if (how.equals("bilinear")) {
          yield t.image.resizeBilinear(x, t.constant(size), ResizeBilinear.halfPixelCenters(true));
        }
        throw c.unsupported("interpolation '" + how + "'");
      }
      case "Add" -> {
        Operand<TFloat32> sum = in.get(0);
        for (int i = 1; i < in.size(); i++) {
          sum = t.math.add(sum, in.get(i));
        }
        yield sum;
      }
      case "Concatenate" -> t.concat(in, t.constant(c.integer("axis", -1)));
      case "EuclideanDistance" -> {
        // MLTK's euclidean_distance: sqrt(max(sum((a - b)^2, axis=1, keepdims=True), epsilon))
        if (in.size() != 2) {
          throw new KilnException(node.type() + " layer '" + node.name() + "': expected 2 inputs, got " + in.size());
        }
        Operand<TFloat32> d = t.math.sub(in.get(0), in.get(1));
        Operand<TFloat32> sum = t.sum(t.math.square(d), t.constant(new int[] {1}),
            Sum.keepDims(true));
        yield t.math.sqrt(t.math.maximum(sum, t.constant((float) c.number("epsilon", 1e-7))));
      }
      default -> throw new KilnException("layer '" + node.name() + "': type " + node.type()
          + " has no TensorFlow lowering; supported: " + SUPPORTED);
    };
  }

  private Placeholder<TFloat32> input(LayerNode node, int[] out) {
    Placeholder<TFloat32> p = tf.withName(node.name()).placeholder(TFloat32.class, Placeholder.shape(batchShape(out)));
    inputs.put(node.name(), p);
    return p;
  }

  /**
   * A model with several inputs reads one placeholder holding, per sample, its inputs flattened and
   * concatenated in the graph's input order (how Kiln's batches, predict samples and representative
   * samples carry several inputs; any shape with N * total values, e.g. (N, total) or a spec's
   * (N, 2, h, w, c) of pairs); each InputLayer is its slice, reshaped.
   */
  private Operand<TFloat32> packedInput(Ops t, LayerNode node, int[] out) {
    int total = 0;
    for (String name : graph.inputs()) {
      total += (int) product(graph.layer(name).outputShape());
    }
    int offset = 0;
    for (String name : graph.inputs()) {
      if (name.equals(node.name())) {
        break;
      }
      offset += (int) product(graph.layer(name).outputShape());
    }
    if (packed == null) {
      packed = tf.withName(String.join("_", graph.inputs()) + "_packed").placeholder(TFloat32.class);
      inputs.put(String.join("+", graph.inputs()), packed);
      packedFlat = tf.reshape(packed, tf.constant(new int[] {-1, total}));
    }
    int size = (int) product(out);
    Operand<TFloat32> slice = t.slice(packedFlat, t.constant(new int[] {0, offset}), t.constant(new int[] {-1, size}));
    return t.reshape(slice, t.constant(batchDims(out)));
  }

  private static long product(int[] shape) {
    long p = 1;
    for (int d : shape) {
      p *= d;
    }
    return p;
  }

  /** Every layer type the trainer lowers. */
  static final List<String> SUPPORTED = List.of("InputLayer", "Conv1D", "Conv2D", "DepthwiseConv2D",
      "SeparableConv2D", "Conv2DTranspose", "Dense", "BatchNormalization", "LayerNormalization", "Activation", "ReLU",
      "LeakyReLU", "Dropout", "Flatten", "Reshape", "LastTimeStep", "LSTM", "MaxPooling1D", "AveragePooling1D", "MaxPooling2D", "AveragePooling2D", "GlobalAveragePooling2D",
      "SubSpectralNormalization", "SpatialDropout2D", "ReduceMean", "ZeroPadding2D", "UpSampling2D", "Add", "Concatenate",
      "EuclideanDistance");

  /** Keras' Pooling1D: (N, L, C) as (N, L, 1, C), a (k, 1) window, squeezed back. */
  private Operand<TFloat32> pool1d(Ops t, LayerNode node, LayerConfig c, Operand<TFloat32> x, int[] out) {
    int k = c.ints("pool_size", 1, 2)[0];
    int s = c.has("strides") ? c.ints("strides", 1, 1)[0] : k;
    Operand<TFloat32> x4 = t.expandDims(x, t.constant(2));
    Operand<TFloat32> y = node.type().equals("MaxPooling1D")
        ? t.nn.maxPool(x4, t.constant(new int[] {1, k, 1, 1}), t.constant(new int[] {1, s, 1, 1}), padding(c))
        : t.nn.avgPool(x4, longs(1, k, 1, 1), longs(1, s, 1, 1), padding(c));
    return t.reshape(y, t.constant(batchDims(out)));
  }

  private Operand<TFloat32> conv1d(Ops t, LayerNode node, LayerConfig c, Operand<TFloat32> x, int[] out) {
    int k = c.ints("kernel_size", 1, 1)[0];
    int s = c.ints("strides", 1, 1)[0];
    int d = c.ints("dilation_rate", 1, 1)[0];
    String pad = c.string("padding", "valid");
    int[] inShape = inputShape(node, 0);
    if (inShape.length != 2) {
      throw c.unsupported("input of rank " + (inShape.length + 1));
    }
    if (pad.equals("causal")) {
      x = t.pad(x, t.constant(new int[][] {{0, 0}, {d * (k - 1), 0}, {0, 0}}), t.constant(0f));
      pad = "valid";
    }
    Operand<TFloat32> x4 = t.expandDims(x, t.constant(1));
    Operand<TFloat32> kernel = t.expandDims(var(node, "kernel"), t.constant(0)); // [1, k, in, filters]
    Operand<TFloat32> y = t.nn.conv2d(x4, dilate(t, kernel, new int[] {1, d}), longs(1, 1, s, 1), pad.toUpperCase());
    y = t.reshape(y, t.constant(batchDims(out)));
    return biasAndActivation(t, node, c, y);
  }

  /**
   * The kernel [kh, kw, a, b] with {@code d - 1} zeros between its taps: a dilated convolution as a
   * plain one. (TensorFlow's C++ gradient of Conv2D ignores the dilations attribute.)
   */
  private static Operand<TFloat32> dilate(Ops t, Operand<TFloat32> kernel, int[] d) {
    if (d[0] == 1 && d[1] == 1) {
      return kernel;
    }
    long[] k = kernel.shape().asArray();
    int kh = (int) k[0];
    int kw = (int) k[1];
    int a = (int) k[2];
    int b = (int) k[3];
    Operand<TFloat32> x = t.reshape(kernel, t.constant(new int[] {kh, 1, kw, 1, a, b}));
    x = t.pad(x, t.constant(new int[][] {{0, 0}, {0, d[0] - 1}, {0, 0}, {0, d[1] - 1}, {0, 0}, {0, 0}}), t.constant(0f));
    x = t.reshape(x, t.constant(new int[] {kh * d[0], kw * d[1], a, b}));
    return t.slice(x, t.constant(new int[] {0, 0, 0, 0}),
        t.constant(new int[] {(kh - 1) * d[0] + 1, (kw - 1) * d[1] + 1, a, b}));
  }

  private Operand<TFloat32> batchNorm(Ops t, LayerNode node, LayerConfig c, Operand<TFloat32> x, int[] out) {
    int axis = c.integer("axis", -1);
    if (axis != -1 && axis != out.length) {
      throw c.unsupported("axis " + axis + " (only the last axis)");
    }
    int channels = out[out.length - 1];
    float eps = (float) c.number("epsilon", 0.001);
    float momentum = (float) c.number("momentum", 0.99);
    Operand<TFloat32> gamma = c.flag("scale", true) ? var(node, "gamma") : t.constant(ones(channels));
    Operand<TFloat32> beta = c.flag("center", true) ? var(node, "beta") : t.constant(new float[channels]);
    Variable<TFloat32> movingMean = var(node, "moving_mean");
    Variable<TFloat32> movingVar = var(node, "moving_variance");
    if (!training) {
      Operand<TFloat32> scale = t.math.mul(gamma, t.math.rsqrt(t.math.add(movingVar, t.constant(eps))));
      Operand<TFloat32> shift = t.math.sub(beta, t.math.mul(movingMean, scale));
      return t.math.add(t.math.mul(x, scale), shift);
    }
    // the fused op (what Keras uses for 4-D inputs) wants NHWC: view rank 2 and 3 inputs as such
    int[] four = switch (out.length) {
      case 1 -> new int[] {-1, 1, 1, out[0]};
      case 2 -> new int[] {-1, 1, out[0], out[1]};
      case 3 -> new int[] {-1, out[0], out[1], out[2]};
      default -> throw c.unsupported("input of rank " + out.length);
    };
    Operand<TFloat32> x4 = out.length == 3 ? x : t.reshape(x, t.constant(four));
    FusedBatchNorm<TFloat32, TFloat32> bn = t.nn.fusedBatchNorm(x4, gamma, beta,
        t.constant(new float[0]), t.constant(new float[0]),
        FusedBatchNorm.epsilon(eps), FusedBatchNorm.isTraining(true));
    Operand<TFloat32> keep = t.constant(momentum);
    Operand<TFloat32> take = t.constant(1f - momentum);
    updates.add(t.assign(movingMean,
        t.math.add(t.math.mul(movingMean, keep), t.math.mul(t.stopGradient(bn.batchMean()), take))));
    updates.add(t.assign(movingVar,
        t.math.add(t.math.mul(movingVar, keep), t.math.mul(t.stopGradient(bn.batchVariance()), take))));
    return out.length == 3 ? bn.y() : t.reshape(bn.y(), t.constant(batchDims(out)));
  }

  /**
   * Keras' LayerNormalization over the last axis: each sample's own mean and (biased) variance along
   * it, {@code (x - mean) * rsqrt(var + epsilon) * gamma + beta}, the same in training and inference.
   */
  private Operand<TFloat32> layerNorm(Ops t, LayerNode node, LayerConfig c, Operand<TFloat32> x, int[] out) {
    int axis = c.integer("axis", -1);
    if (axis != -1 && axis != out.length) {
      throw c.unsupported("axis " + axis + " (only the last axis)");
    }
    Operand<TInt32> last = t.constant(new int[] {out.length});
    Operand<TFloat32> mean = t.math.mean(x, last, Mean.keepDims(true));
    Operand<TFloat32> centered = t.math.sub(x, mean);
    Operand<TFloat32> var = t.math.mean(t.math.square(centered), last, Mean.keepDims(true));
    Operand<TFloat32> y = t.math.mul(centered,
        t.math.rsqrt(t.math.add(var, t.constant((float) c.number("epsilon", 0.001)))));
    if (c.flag("scale", true)) {
      y = t.math.mul(y, var(node, "gamma"));
    }
    return c.flag("center", true) ? t.math.add(y, var(node, "beta")) : y;
  }

  /**
   * Keras' LSTM unrolled over its time steps (known when the graph is built): the input projection
   * {@code x W + b} of every step in one MatMul, then per step {@code z = xW_t + h U} (the first
   * step from zero states has no recurrent term), gates i, f, c, o as slices of z, {@code c = f c +
   * sigmoid(z_i) tanh(z_c)}, {@code h = sigmoid(z_o) tanh(c)}. Every step's h concatenated along
   * time with return_sequences, else the last.
   */
  private Operand<TFloat32> lstm(Ops t, LayerNode node, LayerConfig c, Operand<TFloat32> x, int[] out) {
    int[] in = inputShape(node, 0);
    int steps = in[0];
    int units = c.integer("units", 1);
    int g4 = 4 * units;
    Operand<TFloat32> xw = t.linalg.matMul(t.reshape(x, t.constant(new int[] {-1, in[1]})), var(node, "kernel"));
    if (c.flag("use_bias", true)) {
      xw = t.nn.biasAdd(xw, var(node, "bias"));
    }
    xw = t.reshape(xw, t.constant(new int[] {-1, steps, g4}));
    Variable<TFloat32> recurrent = var(node, "recurrent_kernel");
    Operand<TFloat32> h = null;
    Operand<TFloat32> cell = null;
    List<Operand<TFloat32>> hs = new ArrayList<>();
    for (int s = 0; s < steps; s++) {
      Operand<TFloat32> z = t.reshape(t.slice(xw, t.constant(new int[] {0, s, 0}), t.constant(new int[] {-1, 1, -1})),
          t.constant(new int[] {-1, g4}));
      if (h != null) {
        z = t.math.add(z, t.linalg.matMul(h, recurrent));
      }
      Operand<TFloat32> i = t.math.sigmoid(gate(t, z, 0, units));
      Operand<TFloat32> g = t.math.tanh(gate(t, z, 2, units));
      Operand<TFloat32> update = t.math.mul(i, g);
      cell = cell == null ? update : t.math.add(t.math.mul(t.math.sigmoid(gate(t, z, 1, units)), cell), update);
      h = t.math.mul(t.math.sigmoid(gate(t, z, 3, units)), t.math.tanh(cell));
      hs.add(t.reshape(h, t.constant(new int[] {-1, 1, units})));
    }
    if (!c.flag("return_sequences", false)) {
      return h;
    }
    return hs.size() == 1 ? hs.get(0) : t.concat(hs, t.constant(1));
  }

  /** Gate k (i, f, c, o) of a step's (N, 4 units) pre-activations. */
  private static Operand<TFloat32> gate(Ops t, Operand<TFloat32> z, int k, int units) {
    return t.slice(z, t.constant(new int[] {0, k * units}), t.constant(new int[] {-1, units}));
  }

  private Operand<TFloat32> relu(Ops t, LayerConfig c, Operand<TFloat32> x) {
    // Keras backend.relu: threshold, negative_slope and max_value
    double slope = c.number("negative_slope", 0.0);
    double threshold = c.number("threshold", 0.0);
    boolean clip = c.has("max_value");
    double max = c.number("max_value", 0.0);
    Operand<TFloat32> negative = null;
    if (slope != 0) {
      negative = t.nn.relu(t.math.add(t.math.neg(x), t.constant((float) threshold)));
    }
    Operand<TFloat32> y;
    if (threshold != 0) {
      Operand<TFloat32> mask = t.stopGradient(t.dtypes.cast(t.math.greater(x, t.constant((float) threshold)),
          TFloat32.class));
      y = t.math.mul(x, mask);
    } else if (clip && max == 6) {
      y = t.nn.relu6(x);
      clip = false;
    } else {
      y = t.nn.relu(x);
    }
    if (clip) {
      y = t.clipByValue(y, t.constant(0f), t.constant((float) max));
    }
    if (negative != null) {
      y = t.math.sub(y, t.math.mul(t.constant((float) slope), negative));
    }
    return y;
  }

  /**
   * Inverted dropout; {@code spatial} draws one mask value per sample and channel of an NHWC input,
   * shared by its height and width (Keras SpatialDropout2D's noise shape (N, 1, 1, C)).
   */
  private Operand<TFloat32> dropout(Ops t, LayerConfig c, Operand<TFloat32> x, int index, boolean spatial) {
    double rate = c.number("rate", 0.0);
    if (!training || rate == 0) {
      return x;
    }
    Operand<TInt64> seed = t.math.add(dropoutSeed, t.constant(new long[] {0, 1_000_003L * (index + 1)}));
    Operand<TInt32> shape = t.shape(t.stopGradient(x));
    if (spatial) {
      shape = t.concat(List.of(t.slice(shape, t.constant(new int[] {0}), t.constant(new int[] {1})),
          t.constant(new int[] {1, 1}), t.slice(shape, t.constant(new int[] {3}), t.constant(new int[] {1}))),
          t.constant(0));
    }
    Operand<TFloat32> random = t.random.statelessRandomUniform(shape, seed, TFloat32.class);
    Operand<TFloat32> keep = t.stopGradient(t.dtypes.cast(t.math.greaterEqual(random, t.constant((float) rate)),
        TFloat32.class));
    return t.math.mul(x, t.math.mul(keep, t.constant((float) (1.0 / (1.0 - rate)))));
  }

  /** ReduceMean's axes (TensorFlow numbering, batch 0, negatives from the end) as positive axes. */
  private static int[] reducedAxes(LayerNode node, LayerConfig c, int[] inShape) {
    int[] a = c.ints("axis", node.config().get("axis") instanceof List<?> l ? l.size() : 1, 1);
    int rank = inShape.length + 1;
    int[] r = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i] < 0 ? a[i] + rank : a[i];
      if (r[i] <= 0 || r[i] >= rank) {
        throw c.unsupported("axis " + a[i] + " for an input of rank " + rank);
      }
    }
    return r;
  }

  private Operand<TFloat32> biasAndActivation(Ops t, LayerNode node, LayerConfig c, Operand<TFloat32> y) {
    if (c.flag("use_bias", true)) {
      y = t.nn.biasAdd(y, var(node, "bias"));
    }
    return activation(t, node, c.string("activation", "linear"), y);
  }

  private Operand<TFloat32> activation(Ops t, LayerNode node, String name, Operand<TFloat32> x) {
    return switch (name) {
      case "linear", "None" -> x;
      case "relu" -> t.nn.relu(x);
      case "relu6" -> t.nn.relu6(x);
      case "sigmoid" -> {
        logits.put(node.name(), x);
        finalActivation.put(node.name(), "sigmoid");
        yield t.math.sigmoid(x);
      }
      case "tanh" -> t.math.tanh(x);
      case "softmax" -> {
        logits.put(node.name(), x);
        finalActivation.put(node.name(), "softmax");
        yield t.nn.softmax(x);
      }
      case "hard_swish" -> t.math.mul(x, t.math.mul(t.nn.relu6(t.math.add(x, t.constant(3f))), t.constant(1f / 6)));
      case "swish" -> t.math.mul(x, t.math.sigmoid(x));
      default -> throw new KilnException(node.type() + " layer '" + node.name() + "': activation '" + name
          + "' is not supported; expected one of linear, relu, relu6, sigmoid, tanh, softmax, hard_swish, swish");
    };
  }

  /** The node's variable {@code weight}: {@code node/weight}, or a shared layer's {@code first/weight}. */
  private Variable<TFloat32> var(LayerNode node, String weight) {
    String name = node.name() + "/" + weight;
    for (kiln.api.model.WeightSpec w : node.weights()) {
      if (w.name().endsWith("/" + weight)) {
        name = w.name();
        break;
      }
    }
    Variable<TFloat32> v = vars.get(name);
    if (v == null) {
      throw new KilnException(node.type() + " layer '" + node.name() + "': no variable " + name);
    }
    return v;
  }

  private Operand<TFloat32> one(LayerNode node, List<Operand<TFloat32>> in) {
    if (in.size() != 1) {
      throw new KilnException(node.type() + " layer '" + node.name() + "': expected 1 input, got " + in.size());
    }
    return in.get(0);
  }

  private int[] inputShape(LayerNode node, int i) {
    return graph.layer(node.inputs().get(i)).outputShape();
  }

  private static Operand<TInt32> batchOf(Ops t, Operand<TFloat32> x) {
    return t.slice(t.shape(t.stopGradient(x)), t.constant(new int[] {0}), t.constant(new int[] {1}));
  }

  private static String padding(LayerConfig c) {
    String p = c.string("padding", "valid");
    if (!p.equals("valid") && !p.equals("same")) {
      throw c.bad("padding", "valid or same", p);
    }
    return p.toUpperCase();
  }

  static Shape batchShape(int[] dims) {
    long[] s = new long[dims.length + 1];
    s[0] = -1;
    for (int i = 0; i < dims.length; i++) {
      s[i + 1] = dims[i];
    }
    return Shape.of(s);
  }

  static int[] batchDims(int[] dims) {
    int[] s = new int[dims.length + 1];
    s[0] = -1;
    System.arraycopy(dims, 0, s, 1, dims.length);
    return s;
  }

  private static List<Long> longs(long... v) {
    List<Long> out = new ArrayList<>();
    for (long x : v) {
      out.add(x);
    }
    return out;
  }

  private static float[] ones(int n) {
    float[] f = new float[n];
    Arrays.fill(f, 1f);
    return f;
  }
}
