package kiln.quantize.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.model.LayerGraph;
import kiln.api.model.LayerNode;
import kiln.api.model.TensorData;
import kiln.api.model.Weights;
import kiln.quantize.internal.Ir.Kind;
import kiln.quantize.internal.Ir.Op;
import kiln.quantize.internal.Ir.T;
import kiln.tflite.BuiltinOp;
import kiln.tflite.options.Activation;
import kiln.tflite.options.AddOptions;
import kiln.tflite.options.BuiltinOptions;
import kiln.tflite.options.ConcatenationOptions;
import kiln.tflite.options.Conv2DOptions;
import kiln.tflite.options.DepthwiseConv2DOptions;
import kiln.tflite.options.FullyConnectedOptions;
import kiln.tflite.options.GenericOptions;
import kiln.tflite.options.LeakyReluOptions;
import kiln.tflite.options.MulOptions;
import kiln.tflite.options.Padding;
import kiln.tflite.options.Pool2DOptions;
import kiln.tflite.options.ReducerOptions;
import kiln.tflite.options.SoftmaxOptions;
import kiln.tflite.options.StridedSliceOptions;
import kiln.tflite.options.SubOptions;
import kiln.tflite.options.TransposeConvOptions;
import kiln.tflite.options.UnidirectionalSequenceLSTMOptions;

/**
 * Lowers a Keras-like layer graph with its trained weights to TFLite operators, the way the
 * TensorFlow Lite converter does: BatchNormalization folded into the conv/dense before it,
 * ReLU/ReLU6 fused into the op before it, Dropout and linear activations dropped, Flatten/Reshape
 * as RESHAPE, Dense+softmax as FULLY_CONNECTED + SOFTMAX, and so on.
 */
final class Lowering {
  private final LayerGraph graph;
  private final Weights weights;
  private final Ir ir;
  /** Layer name -> the tensor holding its output. */
  private final Map<String, Integer> tensorOf = new HashMap<>();
  /** Tensor -> how many graph consumers (and graph outputs) read it. */
  private final Map<Integer, Integer> uses = new HashMap<>();
  private final Map<String, Integer> consumers = new HashMap<>();

  private Lowering(LayerGraph graph, Weights weights) {
    this.graph = graph;
    this.weights = weights;
    this.ir = new Ir(graph.name());
  }

  static Ir lower(LayerGraph graph, Weights weights) {
    return new Lowering(graph, weights).run();
  }

  private Ir run() {
    for (LayerNode n : graph.layers()) {
      for (String in : n.inputs()) {
        consumers.merge(in, 1, Integer::sum);
      }
    }
    for (String out : graph.outputs()) {
      consumers.merge(out, 1, Integer::sum);
    }
    for (LayerNode n : graph.layers()) {
      lowerNode(n);
    }
    for (String out : graph.outputs()) {
      ir.outputs.add(tensorOf.get(out));
    }
    // each op output is named by the layers whose value it holds ("conv2d + batch_normalization +
    // activation" when those were folded/fused into the conv), for per-layer error reports
    Map<Integer, String> names = new java.util.TreeMap<>();
    for (LayerNode n : graph.layers()) {
      Integer t = tensorOf.get(n.name());
      if (t != null && !ir.inputs.contains(t)) {
        names.merge(t, n.name(), (a, b) -> a + " + " + b);
      }
    }
    for (Op op : ir.ops) {
      for (int t : op.outputs) {
        if (!names.containsKey(t)) {
          names.put(t, ir.t(t).name + " (" + innerRole(op, t) + ")");
        }
      }
    }
    for (Map.Entry<Integer, String> e : names.entrySet()) {
      ir.layerOutputs.put(e.getValue(), e.getKey());
    }
    return ir;
  }

  /** What an op output no layer names is: a value before the layer's activation, or a helper step. */
  private String innerRole(Op producer, int t) {
    for (Op op : ir.ops) {
      if (op.layer.equals(producer.layer) && op.inputs.length > 0 && op.inputs[0] == t) {
        return "before " + op.op.name().toLowerCase(java.util.Locale.ROOT);
      }
    }
    return "step of " + producer.layer;
  }

  // ---------------------------------------------------------------- per layer

  private void lowerNode(LayerNode n) {
    switch (n.type()) {
      case "InputLayer" -> {
        int t = ir.add(new T(n.name(), batched(n.outputShape()), Kind.ACTIVATION));
        ir.inputs.add(t);
        define(n, t);
      }
      case "Conv2D" -> conv2d(n);
      case "Conv1D" -> conv1d(n);
      case "DepthwiseConv2D" -> depthwise(n, n.name(), in(n, 0), "depthwise_kernel", true, n.outputShape());
      case "SeparableConv2D" -> separable(n);
      case "Conv2DTranspose" -> transposeConv(n);
      case "Dense" -> dense(n);
      case "BatchNormalization" -> batchNorm(n);
      case "SubSpectralNormalization" -> subSpectralNorm(n);
      case "LayerNormalization" -> layerNorm(n);
      case "Activation" -> activation(n, str(n, "activation", "linear"));
      case "ReLU" -> relu(n);
      case "LeakyReLU" -> newOp(n, BuiltinOp.LEAKY_RELU, new int[] {in(n, 0)},
          new LeakyReluOptions((float) dbl(n, "alpha", 0.3)));
      case "Dropout", "SpatialDropout2D" -> alias(n, in(n, 0));
      case "ReduceMean" -> {
        int axes = intConst(n.name() + "/axes", reducedAxes(n));
        newOp(n, BuiltinOp.MEAN, new int[] {in(n, 0), axes}, new ReducerOptions(bool(n, "keepdims", false)));
      }
      case "Flatten", "Reshape" -> {
        if (bool(n, "dynamic_batch", false)) {
          dynamicBatchReshape(n);
        } else if (!foldIntoInput(n)) {
          reshape(n, n.name(), in(n, 0), n.outputShape());
        }
      }
      // as the converter writes x[:, -1, :]: begin (0, -1, 0), end (0, 0, 0), batch and features
      // masked (0b101), the time axis shrunk (0b010)
      case "LastTimeStep" -> newOp(n, BuiltinOp.STRIDED_SLICE, new int[] {in(n, 0),
          intConst(n.name() + "/begin", new int[] {0, -1, 0}), intConst(n.name() + "/end", new int[] {0, 0, 0}),
          intConst(n.name() + "/strides", new int[] {1, 1, 1})}, new StridedSliceOptions(5, 5, 0, 0, 2, false));
      case "LSTM" -> lstm(n);
      case "MaxPooling1D", "AveragePooling1D" -> pool1d(n);
      case "MaxPooling2D", "AveragePooling2D" -> pool(n);
      case "GlobalAveragePooling2D" -> {
        int axes = intConst(n.name() + "/axes", new int[] {1, 2});
        newOp(n, BuiltinOp.MEAN, new int[] {in(n, 0), axes},
            new ReducerOptions(bool(n, "keepdims", false)));
      }
      case "ZeroPadding2D" -> zeroPadding(n);
      case "UpSampling2D" -> upSampling(n);
      case "Add" -> {
        int[] ins = ins(n);
        int t = ins[0];
        for (int i = 1; i < ins.length; i++) {
          boolean last = i == ins.length - 1;
          if (last) {
            newOp(n, BuiltinOp.ADD, new int[] {t, ins[i]}, new AddOptions(Activation.NONE));
          } else {
            t = op(n, n.name() + "/add" + i, BuiltinOp.ADD, new int[] {t, ins[i]},
                new AddOptions(Activation.NONE), n.outputShape());
          }
        }
      }
      case "Concatenate" -> {
        int rank = n.outputShape().length + 1;
        int axis = integer(n, "axis", -1);
        axis = axis < 0 ? axis + rank : axis;
        newOp(n, BuiltinOp.CONCATENATION, ins(n), new ConcatenationOptions(axis, Activation.NONE));
      }
      // TFLite Micro's SQRT kernel takes float32 only (SUM and MAXIMUM have int8 kernels)
      case "EuclideanDistance" -> throw new KilnException("layer '" + n.name() + "' (EuclideanDistance): the int8"
          + " quantizer cannot convert it: its SQRT has no int8 kernel in TensorFlow Lite Micro. Export the"
          + " network before the distance (a Siamese model's tower: the spec's exportModel()), as MLTK's"
          + " fingerprint_signature_generator does");
      default -> throw new KilnException("layer '" + n.name() + "' (" + n.type()
          + "): the int8 quantizer cannot convert this layer type (supported: InputLayer, Conv1D, "
          + "Conv2D, DepthwiseConv2D, SeparableConv2D, Conv2DTranspose, Dense, BatchNormalization, "
          + "LayerNormalization, Activation, ReLU, LeakyReLU, Dropout, SpatialDropout2D, Flatten, Reshape, "
          + "LastTimeStep, LSTM, MaxPooling1D, "
          + "AveragePooling1D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, ReduceMean, "
          + "SubSpectralNormalization, ZeroPadding2D, UpSampling2D, Add, Concatenate)");
    }
  }

  private void conv2d(LayerNode n) {
    int[] k = weightShape(n, "kernel", 4); // kh, kw, in, out
    float[] w = transposeToOhwi(weight(n, "kernel"), k);
    int wt = constant(n.name() + "/kernel", new int[] {k[3], k[0], k[1], k[2]}, Kind.WEIGHT, w);
    ir.t(wt).channelAxis = 0;
    int input = in(n, 0);
    int bt = bias(n, input, wt, k[3], "bias");
    List<Integer> s = ints(n, "strides", List.of(1, 1));
    List<Integer> d = ints(n, "dilation_rate", List.of(1, 1));
    BuiltinOptions o = new Conv2DOptions(padding(n), s.get(1), s.get(0), Activation.NONE,
        d.get(1), d.get(0), 0);
    String act = str(n, "activation", "linear");
    int out = op(n, n.name(), BuiltinOp.CONV_2D, new int[] {input, wt, bt}, o, n.outputShape());
    finishWithActivation(n, out, act);
  }

  /** Conv1D as the converter does it: reshape to [1, 1, L, C], CONV_2D, reshape back. */
  private void conv1d(LayerNode n) {
    int[] k = weightShape(n, "kernel", 3); // k, in, out
    float[] src = weight(n, "kernel");
    float[] w = transposeToOhwi(src, new int[] {1, k[0], k[1], k[2]});
    int wt = constant(n.name() + "/kernel", new int[] {k[2], 1, k[0], k[1]}, Kind.WEIGHT, w);
    ir.t(wt).channelAxis = 0;
    int[] inShape = unbatched(ir.t(in(n, 0)).shape);
    int in2d = reshapeTensor(n.name() + "/expand", in(n, 0), new int[] {1, inShape[0], inShape[1]}, n.name());
    int bt = bias(n, in2d, wt, k[2], "bias");
    int s = ints(n, "strides", List.of(1)).get(0);
    int d = ints(n, "dilation_rate", List.of(1)).get(0);
    int[] out = n.outputShape();
    int conv = op(n, n.name() + "/conv2d", BuiltinOp.CONV_2D, new int[] {in2d, wt, bt},
        new Conv2DOptions(padding(n), s, 1, Activation.NONE, d, 1, 0), new int[] {1, out[0], out[1]});
    String act = str(n, "activation", "linear");
    boolean fused = fusable(act);
    if (fused) {
      setActivation(ir.producer(conv), act);
    }
    int t = reshapeTensor(n.name(), conv, out, n.name());
    define(n, t);
    if (!fused) {
      separateActivation(n, t, act);
    }
  }

  private void depthwise(LayerNode n, String name, int input, String kernelName, boolean withBias,
      int[] outShape) {
    int[] k = weightShape(n, kernelName, 4); // kh, kw, in, mult (already the [1,kh,kw,in*mult] order)
    int channels = k[2] * k[3];
    int wt = constant(name + "/" + kernelName, new int[] {1, k[0], k[1], channels}, Kind.WEIGHT,
        weight(n, kernelName).clone());
    ir.t(wt).channelAxis = 3;
    int bt = withBias ? bias(n, input, wt, channels, "bias") : zeroBias(name, input, wt, channels);
    List<Integer> s = ints(n, "strides", List.of(1, 1));
    List<Integer> d = ints(n, "dilation_rate", List.of(1, 1));
    BuiltinOptions o = new DepthwiseConv2DOptions(padding(n), s.get(1), s.get(0), k[3],
        Activation.NONE, d.get(1), d.get(0));
    if (withBias) {
      int out = op(n, name, BuiltinOp.DEPTHWISE_CONV_2D, new int[] {input, wt, bt}, o, outShape);
      finishWithActivation(n, out, str(n, "activation", "linear"));
    } else {
      op(n, name, BuiltinOp.DEPTHWISE_CONV_2D, new int[] {input, wt, bt}, o, outShape);
    }
  }

  private void separable(LayerNode n) {
    int[] dk = weightShape(n, "depthwise_kernel", 4);
    int[] out = n.outputShape();
    int[] inShape = unbatched(ir.t(in(n, 0)).shape);
    List<Integer> s = ints(n, "strides", List.of(1, 1));
    int[] dwShape = {out[0], out[1], inShape[2] * dk[3]};
    depthwise(n, n.name() + "/depthwise", in(n, 0), "depthwise_kernel", false, dwShape);
    int dwOut = ir.tensors.size() - 1;
    int[] pk = weightShape(n, "pointwise_kernel", 4); // 1, 1, in*mult, filters
    float[] w = transposeToOhwi(weight(n, "pointwise_kernel"), pk);
    int wt = constant(n.name() + "/pointwise_kernel", new int[] {pk[3], 1, 1, pk[2]}, Kind.WEIGHT, w);
    ir.t(wt).channelAxis = 0;
    int bt = bias(n, dwOut, wt, pk[3], "bias");
    int t = op(n, n.name(), BuiltinOp.CONV_2D, new int[] {dwOut, wt, bt},
        new Conv2DOptions(Padding.VALID, 1, 1, Activation.NONE), out);
    assert s != null;
    finishWithActivation(n, t, str(n, "activation", "linear"));
  }

  private void transposeConv(LayerNode n) {
    int[] k = weightShape(n, "kernel", 4); // kh, kw, filters, in
    float[] src = weight(n, "kernel");
    // to OHWI: [filters, kh, kw, in]
    float[] w = new float[src.length];
    for (int y = 0; y < k[0]; y++) {
      for (int x = 0; x < k[1]; x++) {
        for (int o = 0; o < k[2]; o++) {
          for (int i = 0; i < k[3]; i++) {
            w[((o * k[0] + y) * k[1] + x) * k[3] + i] = src[((y * k[1] + x) * k[2] + o) * k[3] + i];
          }
        }
      }
    }
    int wt = constant(n.name() + "/kernel", new int[] {k[2], k[0], k[1], k[3]}, Kind.WEIGHT, w);
    ir.t(wt).channelAxis = 0;
    int input = in(n, 0);
    int bt = bias(n, input, wt, k[2], "bias");
    int shape = intConst(n.name() + "/output_shape", batched(n.outputShape()));
    List<Integer> s = ints(n, "strides", List.of(1, 1));
    int out = op(n, n.name(), BuiltinOp.TRANSPOSE_CONV, new int[] {shape, wt, input, bt},
        new TransposeConvOptions(padding(n), s.get(1), s.get(0), Activation.NONE, 0), n.outputShape());
    finishWithActivation(n, out, str(n, "activation", "linear"));
  }

  private void dense(LayerNode n) {
    int[] k = weightShape(n, "kernel", 2); // in, units
    float[] src = weight(n, "kernel");
    float[] w = new float[src.length];
    for (int i = 0; i < k[0]; i++) {
      for (int u = 0; u < k[1]; u++) {
        w[u * k[0] + i] = src[i * k[1] + u];
      }
    }
    int wt = constant(n.name() + "/kernel", new int[] {k[1], k[0]}, Kind.WEIGHT, w);
    int input = in(n, 0);
    int bt = bias(n, input, wt, k[1], "bias");
    boolean keepDims = ir.t(input).shape.length > 2;
    BuiltinOptions o = new FullyConnectedOptions(Activation.NONE, 0, keepDims, false, 0);
    int out = op(n, n.name(), BuiltinOp.FULLY_CONNECTED, new int[] {input, wt, bt}, o, n.outputShape());
    finishWithActivation(n, out, str(n, "activation", "linear"));
  }

  private void batchNorm(LayerNode n) {
    int input = in(n, 0);
    int axis = integer(n, "axis", -1);
    int rank = ir.t(input).shape.length;
    if (axis != -1 && axis != rank - 1) {
      throw new KilnException("layer '" + n.name() + "' (BatchNormalization): axis " + axis
          + " cannot be converted; expected the last axis (-1)");
    }
    int c = ir.t(input).shape[rank - 1];
    float[] scale = new float[c];
    float[] shift = new float[c];
    normalization(n, c, scale, shift);
    Op producer = fusionTarget(input);
    if (producer != null && uses.getOrDefault(input, 0) == 1 && foldable(producer)) {
      fold(producer, scale, shift);
      alias(n, input);
      return;
    }
    define(n, scaleAndShift(n, n.name(), input, scale, shift));
  }

  /** Inference batch normalization as per-channel scale and shift: gamma / sqrt(var + eps), beta - mean * scale. */
  private void normalization(LayerNode n, int c, float[] scale, float[] shift) {
    double eps = dbl(n, "epsilon", 1e-3);
    float[] mean = vector(n, "moving_mean", c, 0f);
    float[] var = vector(n, "moving_variance", c, 1f);
    float[] gamma = bool(n, "scale", true) ? vector(n, "gamma", c, 1f) : filled(c, 1f);
    float[] beta = bool(n, "center", true) ? vector(n, "beta", c, 0f) : filled(c, 0f);
    for (int i = 0; i < c; i++) {
      scale[i] = (float) (gamma[i] / Math.sqrt(var[i] + eps));
      shift[i] = beta[i] - mean[i] * scale[i];
    }
  }

  /** MUL by the scale then ADD of the shift (an unfoldable batch normalization); returns the ADD's output. */
  private int scaleAndShift(LayerNode n, String name, int input, float[] scale, float[] shift) {
    int c = scale.length;
    int sc = constant(name + "/scale", new int[] {c}, Kind.CONSTANT, scale);
    int sh = constant(name + "/shift", new int[] {c}, Kind.CONSTANT, shift);
    int[] shape = unbatched(ir.t(input).shape);
    int mul = op(n, name + "/mul", BuiltinOp.MUL, new int[] {input, sc}, new MulOptions(Activation.NONE), shape);
    return op(n, name, BuiltinOp.ADD, new int[] {mul, sh}, new AddOptions(Activation.NONE), shape);
  }

  /**
   * SubSpectralNormalization as the converter writes kws_streaming's layer (Reshape, BatchNormalization,
   * Reshape): RESHAPE to (T, F / g, C * g), MUL and ADD by per-channel constants, RESHAPE back.
   */
  private void subSpectralNorm(LayerNode n) {
    int input = in(n, 0);
    int[] s = unbatched(ir.t(input).shape);
    int g = integer(n, "sub_groups", 1);
    if (s.length != 3 || s[1] % g != 0) {
      throw new KilnException("layer '" + n.name() + "' (SubSpectralNormalization): input "
          + Arrays.toString(s) + " cannot be split in " + g + " sub-bands; expected (T, F, C) with F divisible by " + g);
    }
    int[] view = {s[0], s[1] / g, s[2] * g};
    float[] scale = new float[view[2]];
    float[] shift = new float[view[2]];
    normalization(n, view[2], scale, shift);
    int grouped = reshapeTensor(n.name() + "/grouped", input, view, n.name());
    int normed = scaleAndShift(n, n.name() + "/normalized", grouped, scale, shift);
    define(n, reshapeTensor(n.name(), normed, s, n.name()));
  }

  /**
   * LayerNormalization over the last axis as tf.nn.batch_normalization with the sample's own moments
   * converts: MEAN, SQUARED_DIFFERENCE, MEAN (keepdims), ADD epsilon, RSQRT, MUL by gamma, then
   * {@code x * inv + (beta - mean * inv)} as MUL, MUL, SUB, ADD.
   */
  private void layerNorm(LayerNode n) {
    int input = in(n, 0);
    int[] s = unbatched(ir.t(input).shape);
    int axis = integer(n, "axis", -1);
    if (axis != -1 && axis != s.length) {
      throw new KilnException("layer '" + n.name() + "' (LayerNormalization): axis " + axis
          + " cannot be converted; expected the last axis (-1)");
    }
    int c = s[s.length - 1];
    int[] moments = s.clone();
    moments[moments.length - 1] = 1;
    String name = n.name();
    int last = intConst(name + "/axis", new int[] {s.length});
    int mean = op(n, name + "/mean", BuiltinOp.MEAN, new int[] {input, last}, new ReducerOptions(true), moments);
    int sq = op(n, name + "/squared_difference", BuiltinOp.SQUARED_DIFFERENCE, new int[] {input, mean}, null, s);
    int var = op(n, name + "/variance", BuiltinOp.MEAN, new int[] {sq, last}, new ReducerOptions(true), moments);
    int eps = constant(name + "/epsilon", new int[] {1}, Kind.CONSTANT, new float[] {(float) dbl(n, "epsilon", 1e-3)});
    int inv = op(n, name + "/rsqrt", BuiltinOp.RSQRT, new int[] {op(n, name + "/add_epsilon", BuiltinOp.ADD,
        new int[] {var, eps}, new AddOptions(Activation.NONE), moments)}, null, moments);
    int[] row = s.clone();
    if (bool(n, "scale", true)) {
      int gamma = constant(name + "/gamma", new int[] {c}, Kind.CONSTANT, vector(n, "gamma", c, 1f));
      inv = op(n, name + "/inv", BuiltinOp.MUL, new int[] {inv, gamma}, new MulOptions(Activation.NONE), row);
    }
    int[] invShape = unbatched(ir.t(inv).shape);
    int scaled = op(n, name + "/scaled", BuiltinOp.MUL, new int[] {input, inv}, new MulOptions(Activation.NONE), s);
    int meanInv = op(n, name + "/mean_inv", BuiltinOp.MUL, new int[] {mean, inv}, new MulOptions(Activation.NONE),
        invShape);
    int beta = constant(name + "/beta", new int[] {c}, Kind.CONSTANT,
        bool(n, "center", true) ? vector(n, "beta", c, 0f) : filled(c, 0f));
    int shift = op(n, name + "/shift", BuiltinOp.SUB, new int[] {beta, meanInv}, new SubOptions(Activation.NONE),
        invShape);
    define(n, op(n, name, BuiltinOp.ADD, new int[] {scaled, shift}, new AddOptions(Activation.NONE), s));
  }

  /** TFLite's LSTM gate names, in Keras' (and TFLite's input) order. */
  private static final String[] GATES = {"input", "forget", "cell", "output"};

  /**
   * LSTM as the converter writes a Keras LSTM: UNIDIRECTIONAL_SEQUENCE_LSTM with TFLite's 24 inputs
   * (input; input-to-gate weights 1-4 and recurrent-to-gate weights 5-8 of gates i, f, c, o, each
   * [units, in] (Keras' [in, 4 units] columns of the gate, transposed); no peepholes 9-11; gate
   * biases 12-15; no projection 16-17; hidden and cell state 18-19 as zero variable tensors; no
   * layer norm 20-23), tanh, batch-major ({@code time_major} false), no cell clip (Keras clips
   * nothing). Without return_sequences the last step follows as a STRIDED_SLICE, as for
   * LastTimeStep.
   */
  private void lstm(LayerNode n) {
    int input = in(n, 0);
    int[] s = unbatched(ir.t(input).shape);
    if (s.length != 2) {
      throw new KilnException("layer '" + n.name() + "' (LSTM): input " + Arrays.toString(s)
          + " cannot be converted; expected (time steps, features)");
    }
    int steps = s[0];
    int features = s[1];
    int u = integer(n, "units", 1);
    float[] kernel = weight(n, "kernel");
    float[] recurrent = weight(n, "recurrent_kernel");
    if (kernel.length != features * 4 * u || recurrent.length != u * 4 * u) {
      throw new KilnException("weights: '" + n.name() + "' (LSTM) kernel has " + kernel.length
          + " values and recurrent_kernel " + recurrent.length + ", expected " + features * 4 * u
          + " and " + u * 4 * u);
    }
    float[] bias = bool(n, "use_bias", true) ? vector(n, "bias", 4 * u, 0f) : new float[4 * u];
    String name = n.name();
    int[] ins = new int[24];
    Arrays.fill(ins, -1);
    ins[0] = input;
    for (int g = 0; g < 4; g++) {
      int w = constant(name + "/input_to_" + GATES[g] + "_weights", new int[] {u, features}, Kind.WEIGHT,
          gateRows(kernel, features, u, g));
      ins[1 + g] = w;
      ins[5 + g] = constant(name + "/recurrent_to_" + GATES[g] + "_weights", new int[] {u, u}, Kind.WEIGHT,
          gateRows(recurrent, u, u, g));
      int b = constant(name + "/" + GATES[g] + "_gate_bias", new int[] {u}, Kind.BIAS,
          Arrays.copyOfRange(bias, g * u, (g + 1) * u));
      ir.t(b).biasInput = input;
      ir.t(b).biasWeight = w;
      ins[12 + g] = b;
    }
    int hidden = ir.add(new T(name + "/output_state", new int[] {1, u}, Kind.STATE));
    int cell = ir.add(new T(name + "/cell_state", new int[] {1, u}, Kind.STATE));
    ir.t(cell).cell = true;
    ins[18] = hidden;
    ins[19] = cell;
    boolean sequences = bool(n, "return_sequences", false);
    UnidirectionalSequenceLSTMOptions o = new UnidirectionalSequenceLSTMOptions(Activation.TANH, 0f, 0f, false);
    int out = op(n, sequences ? name : name + "/sequence", BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, ins, o,
        new int[] {steps, u});
    ir.t(hidden).stateOutput = out;
    ir.t(cell).stateOutput = out;
    if (sequences) {
      define(n, out);
    } else {
      newOp(n, BuiltinOp.STRIDED_SLICE, new int[] {out, intConst(name + "/begin", new int[] {0, -1, 0}),
          intConst(name + "/end", new int[] {0, 0, 0}), intConst(name + "/strides", new int[] {1, 1, 1})},
          new StridedSliceOptions(5, 5, 0, 0, 2, false));
    }
  }

  /** Gate g's columns of a Keras [rows, 4 units] matrix, as TFLite's [units, rows]. */
  private static float[] gateRows(float[] m, int rows, int units, int g) {
    float[] r = new float[units * rows];
    for (int unit = 0; unit < units; unit++) {
      for (int k = 0; k < rows; k++) {
        r[unit * rows + k] = m[k * 4 * units + g * units + unit];
      }
    }
    return r;
  }

  /** ReduceMean's axes (batch 0, negatives from the end) as non-negative axes of the batched tensor. */
  private static int[] reducedAxes(LayerNode n) {
    Object v = n.config().get("axis");
    List<Integer> a = v instanceof Number x ? List.of(x.intValue()) : ints(n, "axis", List.of());
    int rank = n.outputShape().length + 1;
    if (!bool(n, "keepdims", false)) {
      rank += a.size();
    }
    int[] r = new int[a.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = a.get(i) < 0 ? a.get(i) + rank : a.get(i);
      if (r[i] <= 0 || r[i] >= rank) {
        throw new KilnException("layer '" + n.name() + "' (ReduceMean): axis " + a.get(i)
            + " cannot be converted for an input of rank " + rank);
      }
    }
    return r;
  }

  /**
   * The op a BatchNormalization or ReLU reading this tensor may fold or fuse into: the tensor's
   * producer or, for a Conv1D's output, the CONV_2D before the Conv1D's closing RESHAPE (per-channel
   * scaling and ReLU commute with that reshape; the converter fuses them the same way, as in MLTK's
   * conv1d_example).
   */
  private Op fusionTarget(int tensor) {
    Op p = ir.producer(tensor);
    if (p == null || p.op != BuiltinOp.RESHAPE || !"Conv1D".equals(layerType(p.layer))) {
      return p;
    }
    Op conv = ir.producer(p.inputs[0]);
    return conv != null && conv.op == BuiltinOp.CONV_2D && p.layer.equals(conv.layer) ? conv : p;
  }

  private String layerType(String layer) {
    LayerNode node = layer == null ? null : graph.layer(layer);
    return node == null ? null : node.type();
  }

  private static boolean foldable(Op p) {
    return switch (p.op) {
      case CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, TRANSPOSE_CONV -> activationOf(p) == Activation.NONE;
      default -> false;
    };
  }

  /** Scales the producer's weights per output channel and folds the shift into its bias. */
  private void fold(Op p, float[] scale, float[] shift) {
    int wIndex = p.op == BuiltinOp.TRANSPOSE_CONV ? 1 : 1;
    int bIndex = p.op == BuiltinOp.TRANSPOSE_CONV ? 3 : 2;
    T w = ir.t(p.inputs[wIndex]);
    T b = ir.t(p.inputs[bIndex]);
    int channels = scale.length;
    boolean lastAxis = p.op == BuiltinOp.DEPTHWISE_CONV_2D;
    int per = w.values.length / channels;
    for (int i = 0; i < w.values.length; i++) {
      int ch = lastAxis ? i % channels : i / per;
      w.values[i] *= scale[ch];
    }
    for (int ch = 0; ch < channels; ch++) {
      b.values[ch] = b.values[ch] * scale[ch] + shift[ch];
    }
  }

  private void activation(LayerNode n, String act) {
    switch (act) {
      case "linear" -> alias(n, in(n, 0));
      case "relu", "relu6" -> reluLike(n, act);
      default -> separateActivation(n, in(n, 0), act, n);
    }
  }

  private void relu(LayerNode n) {
    double slope = dbl(n, "negative_slope", 0.0);
    double threshold = dbl(n, "threshold", 0.0);
    Object max = n.config().get("max_value");
    if (slope != 0.0 || threshold != 0.0 || (max != null && ((Number) max).doubleValue() != 6.0)) {
      throw new KilnException("layer '" + n.name() + "' (ReLU): max_value " + max + ", negative_slope "
          + slope + ", threshold " + threshold + " cannot be converted; TFLite Micro has RELU "
          + "(no arguments) and RELU6 (max_value 6)");
    }
    reluLike(n, max == null ? "relu" : "relu6");
  }

  private void reluLike(LayerNode n, String act) {
    int input = in(n, 0);
    Op p = fusionTarget(input);
    if (p != null && uses.getOrDefault(input, 0) == 1 && canFuse(p)) {
      setActivation(p, act);
      alias(n, input);
      return;
    }
    newOp(n, act.equals("relu6") ? BuiltinOp.RELU6 : BuiltinOp.RELU, new int[] {input}, null);
  }

  private static boolean canFuse(Op p) {
    return switch (p.op) {
      case CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, ADD, TRANSPOSE_CONV -> activationOf(p) == Activation.NONE;
      default -> false;
    };
  }

  private void finishWithActivation(LayerNode n, int out, String act) {
    if (fusable(act)) {
      setActivation(ir.producer(out), act);
      define(n, out);
    } else {
      define(n, out);
      separateActivation(n, out, act);
    }
  }

  private static boolean fusable(String act) {
    return act.equals("linear") || act.equals("relu") || act.equals("relu6");
  }

  /** softmax/sigmoid/tanh/hard_swish of a conv or dense: an op after it, the layer then names it. */
  private void separateActivation(LayerNode n, int input, String act) {
    if (fusable(act)) {
      return;
    }
    int t = activationOp(n, n.name() + "/" + act, input, act, unbatched(ir.t(input).shape));
    tensorOf.put(n.name(), t);
    uses.put(t, uses.remove(input));
    uses.put(input, 1);
  }

  private void separateActivation(LayerNode n, int input, String act, LayerNode self) {
    int t = activationOp(n, n.name(), input, act, n.outputShape());
    define(self, t);
  }

  private int activationOp(LayerNode n, String name, int input, String act, int[] shape) {
    return switch (act) {
      case "softmax" -> op(n, name, BuiltinOp.SOFTMAX, new int[] {input}, new SoftmaxOptions(1f), shape);
      case "sigmoid" -> op(n, name, BuiltinOp.LOGISTIC, new int[] {input}, null, shape);
      case "tanh" -> op(n, name, BuiltinOp.TANH, new int[] {input}, null, shape);
      case "hard_swish" -> op(n, name, BuiltinOp.HARD_SWISH, new int[] {input}, null, shape);
      // as the converter writes tf.nn.swish: x * LOGISTIC(x)
      case "swish" -> op(n, name, BuiltinOp.MUL, new int[] {input,
          op(n, name + "/sigmoid", BuiltinOp.LOGISTIC, new int[] {input}, null, shape)},
          new MulOptions(Activation.NONE), shape);
      case "relu" -> op(n, name, BuiltinOp.RELU, new int[] {input}, null, shape);
      case "relu6" -> op(n, name, BuiltinOp.RELU6, new int[] {input}, null, shape);
      default -> throw new KilnException("layer '" + n.name() + "': activation '" + act
          + "' cannot be converted (supported: linear, relu, relu6, softmax, sigmoid, tanh, hard_swish, swish)");
    };
  }

  private void reshape(LayerNode n, String name, int input, int[] outShape) {
    define(n, reshapeTensor(name, input, outShape, n.name()));
  }

  /**
   * A reshape that reads the model input alone and only inserts, drops or moves size-1 dimensions
   * changes no byte: the input tensor takes its shape instead of a RESHAPE op on the device. This is
   * the file MLTK ships for TENet's (T, 1, F) input, which its data pipeline feeds (T, F, 1) clips
   * to unchanged, since the bytes are in the same order.
   */
  private boolean foldIntoInput(LayerNode n) {
    if (n.inputs().size() != 1 || !graph.inputs().contains(n.inputs().get(0))
        || consumers.getOrDefault(n.inputs().get(0), 0) != 1 || graph.outputs().contains(n.inputs().get(0))) {
      return false;
    }
    int t = tensorOf.get(n.inputs().get(0));
    T input = ir.t(t);
    int[] from = java.util.Arrays.stream(input.shape).skip(1).filter(d -> d != 1).toArray();
    int[] to = java.util.Arrays.stream(n.outputShape()).filter(d -> d != 1).toArray();
    if (!java.util.Arrays.equals(from, to) || java.util.Arrays.stream(n.outputShape()).anyMatch(d -> d < 1)) {
      return false;
    }
    ir.tensors.set(t, new T(input.name, batched(n.outputShape()), input.kind));
    alias(n, t);
    return true;
  }

  /**
   * A Keras Reshape whose batch dimension is read at run time, as the TensorFlow converter wrote it in
   * the files MLTK published for anomaly_detection: SHAPE of the input, STRIDED_SLICE of its first
   * element (shrunk to a scalar), PACK with the target dimensions, and RESHAPE to that shape.
   */
  private void dynamicBatchReshape(LayerNode n) {
    String name = n.name();
    int input = in(n, 0);
    int shape = ir.add(new T(name + "/Shape", new int[] {ir.t(input).shape.length}, Kind.INT32));
    ir.ops.add(new Op(BuiltinOp.SHAPE, new int[] {input}, new int[] {shape},
        new GenericOptions("ShapeOptions", Map.of("outType", (byte) 2)), name));
    int batch = ir.add(new T(name + "/strided_slice", new int[0], Kind.INT32));
    ir.ops.add(new Op(BuiltinOp.STRIDED_SLICE, new int[] {shape, intConst(name + "/strided_slice/begin", new int[] {0}),
        intConst(name + "/strided_slice/end", new int[] {1}), intConst(name + "/strided_slice/strides", new int[] {1})},
        new int[] {batch}, new StridedSliceOptions(0, 0, 0, 0, 1, false), name));
    int[] target = n.outputShape();
    int[] packed = new int[target.length + 1];
    packed[0] = batch;
    for (int i = 0; i < target.length; i++) {
      packed[i + 1] = ir.add(int32(name + "/shape/" + (i + 1), new int[0], new int[] {target[i]}));
    }
    int dims = ir.add(new T(name + "/shape", new int[] {packed.length}, Kind.INT32));
    ir.ops.add(new Op(BuiltinOp.PACK, packed, new int[] {dims},
        new GenericOptions("PackOptions", Map.of("valuesCount", packed.length, "axis", 0)), name));
    int out = ir.add(new T(name, batched(target), Kind.ACTIVATION));
    ir.ops.add(new Op(BuiltinOp.RESHAPE, new int[] {input, dims}, new int[] {out}, null, name));
    define(n, out);
  }

  private int reshapeTensor(String name, int input, int[] outShape, String layer) {
    int[] target = batched(outShape);
    target[0] = -1;
    int shape = intConst(name + "/shape", target);
    int out = ir.add(new T(name, batched(outShape), Kind.ACTIVATION));
    ir.ops.add(new Op(BuiltinOp.RESHAPE, new int[] {input, shape}, new int[] {out}, null, layer));
    return out;
  }

  private void pool(LayerNode n) {
    List<Integer> size = ints(n, "pool_size", List.of(2, 2));
    List<Integer> s = ints(n, "strides", size);
    BuiltinOp op = n.type().equals("MaxPooling2D") ? BuiltinOp.MAX_POOL_2D : BuiltinOp.AVERAGE_POOL_2D;
    newOp(n, op, new int[] {in(n, 0)},
        new Pool2DOptions(padding(n), s.get(1), s.get(0), size.get(1), size.get(0), Activation.NONE));
  }

  /**
   * Pooling1D as the converter does it (MLTK's conv1d_example summary): reshape (L, C) to
   * (L, 1, C), a (k x 1) MAX_POOL_2D or AVERAGE_POOL_2D, reshape back.
   */
  private void pool1d(LayerNode n) {
    int k = ints(n, "pool_size", List.of(2)).get(0);
    int s = ints(n, "strides", List.of(k)).get(0);
    int[] inShape = unbatched(ir.t(in(n, 0)).shape);
    int[] out = n.outputShape();
    int in2d = reshapeTensor(n.name() + "/expand", in(n, 0), new int[] {inShape[0], 1, inShape[1]}, n.name());
    BuiltinOp op = n.type().equals("MaxPooling1D") ? BuiltinOp.MAX_POOL_2D : BuiltinOp.AVERAGE_POOL_2D;
    int pooled = op(n, n.name() + "/pool", op, new int[] {in2d},
        new Pool2DOptions(padding(n), 1, s, 1, k, Activation.NONE), new int[] {out[0], 1, out[1]});
    define(n, reshapeTensor(n.name(), pooled, out, n.name()));
  }

  @SuppressWarnings("unchecked")
  private void zeroPadding(LayerNode n) {
    Object p = n.config().get("padding");
    int top = 1, bottom = 1, left = 1, right = 1;
    if (p instanceof List<?> l && l.size() == 2 && l.get(0) instanceof List<?>) {
      List<Integer> a = (List<Integer>) l.get(0);
      List<Integer> b = (List<Integer>) l.get(1);
      top = a.get(0);
      bottom = a.get(1);
      left = b.get(0);
      right = b.get(1);
    } else if (p instanceof List<?> l && l.size() == 2) {
      top = bottom = ((Number) l.get(0)).intValue();
      left = right = ((Number) l.get(1)).intValue();
    } else if (p instanceof Number v) {
      top = bottom = left = right = v.intValue();
    }
    int pads = ir.add(int32(n.name() + "/paddings", new int[] {4, 2},
        new int[] {0, 0, top, bottom, left, right, 0, 0}));
    newOp(n, BuiltinOp.PAD, new int[] {in(n, 0), pads}, null);
  }

  /**
   * Nearest-neighbour UpSampling2D as CONCATENATION + RESHAPE (ops every TFLite Micro build has):
   * concatenating w copies along the channels then reshaping repeats each pixel w times along the
   * width; the same along the width axis repeats each row h times. Bilinear uses RESIZE_BILINEAR.
   */
  private void upSampling(LayerNode n) {
    int[] out = n.outputShape();
    int input = in(n, 0);
    int[] s = unbatched(ir.t(input).shape); // h, w, c
    if (str(n, "interpolation", "nearest").equals("bilinear")) {
      int size = intConst(n.name() + "/size", new int[] {out[0], out[1]});
      newOp(n, BuiltinOp.RESIZE_BILINEAR, new int[] {input, size},
          new GenericOptions("ResizeBilinearOptions", Map.of("alignCorners", false, "halfPixelCenters", true)));
      return;
    }
    int fh = out[0] / s[0];
    int fw = out[1] / s[1];
    int t = input;
    if (fw > 1) {
      int[] copies = new int[fw];
      Arrays.fill(copies, t);
      int cat = op(n, n.name() + "/repeat_w", BuiltinOp.CONCATENATION, copies,
          new ConcatenationOptions(3, Activation.NONE), new int[] {s[0], s[1], fw * s[2]});
      t = reshapeTensor(fh > 1 ? n.name() + "/wide" : n.name(), cat, new int[] {s[0], s[1] * fw, s[2]}, n.name());
    }
    if (fh > 1) {
      int[] copies = new int[fh];
      Arrays.fill(copies, t);
      int cat = op(n, n.name() + "/repeat_h", BuiltinOp.CONCATENATION, copies,
          new ConcatenationOptions(2, Activation.NONE), new int[] {s[0], fh * s[1] * fw, s[2]});
      t = reshapeTensor(n.name(), cat, out, n.name());
    }
    if (t == input) {
      alias(n, input);
    } else {
      define(n, t);
    }
  }

  // ---------------------------------------------------------------- helpers

  /** An op whose output is the layer's own tensor. */
  private void newOp(LayerNode n, BuiltinOp code, int[] inputs, BuiltinOptions o) {
    define(n, op(n, n.name(), code, inputs, o, n.outputShape()));
  }

  private int op(LayerNode n, String name, BuiltinOp code, int[] inputs, BuiltinOptions o, int[] shape) {
    int out = ir.add(new T(name, batched(shape), Kind.ACTIVATION));
    ir.ops.add(new Op(code, inputs, new int[] {out}, o, n.name()));
    return out;
  }

  private void define(LayerNode n, int t) {
    tensorOf.put(n.name(), t);
    uses.put(t, consumers.getOrDefault(n.name(), 0));
  }

  /** The layer passes its input through: consumers of the layer become consumers of the tensor. */
  private void alias(LayerNode n, int t) {
    tensorOf.put(n.name(), t);
    uses.merge(t, consumers.getOrDefault(n.name(), 0) - 1, Integer::sum);
  }

  private int in(LayerNode n, int i) {
    if (n.inputs().size() <= i) {
      throw new KilnException("layer '" + n.name() + "' (" + n.type() + "): expected an input, found none");
    }
    Integer t = tensorOf.get(n.inputs().get(i));
    if (t == null) {
      throw new KilnException("layer '" + n.name() + "': input layer '" + n.inputs().get(i)
          + "' is not defined before it");
    }
    return t;
  }

  private int[] ins(LayerNode n) {
    int[] r = new int[n.inputs().size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = in(n, i);
    }
    return r;
  }

  private int constant(String name, int[] shape, Kind kind, float[] values) {
    T t = new T(name, shape, kind);
    t.values = values;
    return ir.add(t);
  }

  private int intConst(String name, int[] values) {
    return ir.add(int32(name, new int[] {values.length}, values));
  }

  private static T int32(String name, int[] shape, int[] values) {
    T t = new T(name, shape, Kind.INT32);
    t.ints = values.clone();
    return t;
  }

  private int bias(LayerNode n, int input, int wt, int channels, String weightName) {
    float[] b = bool(n, "use_bias", true) ? vector(n, weightName, channels, 0f) : new float[channels];
    int bt = constant(n.name() + "/" + weightName, new int[] {channels}, Kind.BIAS, b);
    ir.t(bt).biasInput = input;
    ir.t(bt).biasWeight = wt;
    return bt;
  }

  private int zeroBias(String name, int input, int wt, int channels) {
    int bt = constant(name + "/bias", new int[] {channels}, Kind.BIAS, new float[channels]);
    ir.t(bt).biasInput = input;
    ir.t(bt).biasWeight = wt;
    return bt;
  }

  static Activation activationOf(Op p) {
    BuiltinOptions o = p.options;
    if (o instanceof Conv2DOptions c) {
      return c.activation();
    } else if (o instanceof DepthwiseConv2DOptions d) {
      return d.activation();
    } else if (o instanceof FullyConnectedOptions f) {
      return f.activation();
    } else if (o instanceof AddOptions a) {
      return a.activation();
    } else if (o instanceof TransposeConvOptions t) {
      return t.activation();
    }
    return null;
  }

  private static void setActivation(Op p, String act) {
    if (act.equals("linear")) {
      return;
    }
    Activation a = act.equals("relu6") ? Activation.RELU6 : Activation.RELU;
    BuiltinOptions o = p.options;
    if (o instanceof Conv2DOptions c) {
      p.options = new Conv2DOptions(c.padding(), c.strideW(), c.strideH(), a, c.dilationW(),
          c.dilationH(), c.quantizedBiasType());
    } else if (o instanceof DepthwiseConv2DOptions d) {
      p.options = new DepthwiseConv2DOptions(d.padding(), d.strideW(), d.strideH(),
          d.depthMultiplier(), a, d.dilationW(), d.dilationH());
    } else if (o instanceof FullyConnectedOptions f) {
      p.options = new FullyConnectedOptions(a, f.weightsFormat(), f.keepNumDims(),
          f.asymmetricQuantizeInputs(), f.quantizedBiasType());
    } else if (o instanceof AddOptions ad) {
      p.options = new AddOptions(a, ad.potScaleInt16());
    } else if (o instanceof TransposeConvOptions t) {
      p.options = new TransposeConvOptions(t.padding(), t.strideW(), t.strideH(), a, t.quantizedBiasType());
    }
  }

  private static float[] transposeToOhwi(float[] src, int[] k) {
    // Keras [kh, kw, in, out] -> TFLite [out, kh, kw, in]
    float[] w = new float[src.length];
    for (int y = 0; y < k[0]; y++) {
      for (int x = 0; x < k[1]; x++) {
        for (int i = 0; i < k[2]; i++) {
          for (int o = 0; o < k[3]; o++) {
            w[((o * k[0] + y) * k[1] + x) * k[2] + i] = src[((y * k[1] + x) * k[2] + i) * k[3] + o];
          }
        }
      }
    }
    return w;
  }

  /** The node's weight {@code w}: {@code node/w}, or a shared layer's {@code first/w}. */
  private TensorData weightData(LayerNode n, String w) {
    String name = n.name() + "/" + w;
    for (kiln.api.model.WeightSpec spec : n.weights()) {
      if (spec.name().endsWith("/" + w)) {
        name = spec.name();
        break;
      }
    }
    TensorData d = weights.get(name);
    if (d == null) {
      throw new KilnException("weights: '" + name + "' is missing (layer " + n.type()
          + "); the weights hold " + (weights.size() > 12 ? weights.size() + " tensors"
              : weights.asMap().keySet()));
    }
    return d;
  }

  private float[] weight(LayerNode n, String w) {
    return weightData(n, w).toFloats();
  }

  private int[] weightShape(LayerNode n, String w, int rank) {
    int[] s = weightData(n, w).shape();
    if (s.length != rank) {
      throw new KilnException("weights: '" + n.name() + "/" + w + "' has shape " + Arrays.toString(s)
          + ", expected rank " + rank);
    }
    return s;
  }

  private float[] vector(LayerNode n, String w, int length, float fallback) {
    float[] v = weight(n, w);
    if (v.length != length) {
      throw new KilnException("weights: '" + n.name() + "/" + w + "' has " + v.length
          + " values, expected " + length);
    }
    return v;
  }

  private static float[] filled(int n, float v) {
    float[] r = new float[n];
    Arrays.fill(r, v);
    return r;
  }

  static int[] batched(int[] shape) {
    int[] r = new int[shape.length + 1];
    r[0] = 1;
    System.arraycopy(shape, 0, r, 1, shape.length);
    return r;
  }

  static int[] unbatched(int[] shape) {
    return Arrays.copyOfRange(shape, 1, shape.length);
  }

  private static Padding padding(LayerNode n) {
    String p = str(n, "padding", "valid");
    return switch (p) {
      case "same" -> Padding.SAME;
      case "valid" -> Padding.VALID;
      default -> throw new KilnException("layer '" + n.name() + "': padding '" + p
          + "' cannot be converted (supported: valid, same)");
    };
  }

  private static String str(LayerNode n, String key, String def) {
    Object v = n.config().get(key);
    return v == null ? def : v.toString();
  }

  private static boolean bool(LayerNode n, String key, boolean def) {
    Object v = n.config().get(key);
    return v instanceof Boolean b ? b : def;
  }

  private static double dbl(LayerNode n, String key, double def) {
    Object v = n.config().get(key);
    return v instanceof Number x ? x.doubleValue() : def;
  }

  private static int integer(LayerNode n, String key, int def) {
    Object v = n.config().get(key);
    return v instanceof Number x ? x.intValue() : def;
  }

  private static List<Integer> ints(LayerNode n, String key, List<Integer> def) {
    Object v = n.config().get(key);
    if (v instanceof Number x) {
      return List.of(x.intValue(), x.intValue());
    }
    if (v instanceof List<?> l) {
      List<Integer> r = new ArrayList<>();
      for (Object o : l) {
        r.add(((Number) o).intValue());
      }
      return r.size() == 1 && def.size() == 2 ? List.of(r.get(0), r.get(0)) : r;
    }
    return def;
  }
}
