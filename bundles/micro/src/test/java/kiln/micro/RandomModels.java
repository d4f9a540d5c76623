package kiln.micro;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.Quantization;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
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
import kiln.tflite.options.ReshapeOptions;
import kiln.tflite.options.SoftmaxOptions;
import kiln.tflite.options.SqueezeOptions;
import kiln.tflite.options.StridedSliceOptions;
import kiln.tflite.options.SubOptions;
import kiln.tflite.options.TransposeConvOptions;

/**
 * Writes random single-op (and small multi-op) models with Kiln's .tflite writer: random shapes,
 * strides, paddings, dilations, activations, scales and zero points.
 */
final class RandomModels extends OpModelWriter {

  RandomModels(long seed) {
    super(seed);
  }

  Activation activation() {
    Activation[] a = {Activation.NONE, Activation.RELU, Activation.RELU6, Activation.RELU_N1_TO_1};
    return a[r.nextInt(a.length)];
  }

  Padding padding() {
    return r.nextBoolean() ? Padding.SAME : Padding.VALID;
  }

  private int constInt8(int[] shape, float[] scales, int qdim) {
    int n = elements(shape);
    byte[] b = new byte[n];
    r.nextBytes(b);
    for (int i = 0; i < n; i++) {
      if (b[i] == -128) {
        b[i] = -127; // symmetric weights, as the converter writes them
      }
    }
    Tensor t = new Tensor("w" + count++, TensorType.INT8, shape).setData(b);
    long[] zps = new long[scales.length];
    t.setQuantization(scales.length == 1 ? Quantization.perTensor(scales[0], 0)
        : Quantization.perChannel(scales, zps, qdim));
    return g.addTensor(t);
  }

  private int constFloat(int[] shape) {
    int n = elements(shape);
    ByteBuffer bb = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      bb.putFloat((float) r.nextGaussian());
    }
    return g.addTensor(new Tensor("wf" + count++, TensorType.FLOAT32, shape).setData(bb.array()));
  }

  private int constInt32(int[] shape, int[] values, float[] scales) {
    ByteBuffer bb = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      bb.putInt(v);
    }
    Tensor t = new Tensor("c" + count++, TensorType.INT32, shape).setData(bb.array());
    if (scales != null) {
      t.setQuantization(Quantization.perChannel(scales, new long[scales.length], 0));
    }
    return g.addTensor(t);
  }

  private int bias(int channels, float inScale, float[] filterScales) {
    int[] v = new int[channels];
    float[] s = new float[channels];
    for (int c = 0; c < channels; c++) {
      v[c] = between(-5000, 5000);
      s[c] = inScale * filterScales[filterScales.length == 1 ? 0 : c];
    }
    return constInt32(new int[] {channels}, v, s);
  }

  private float[] filterScales(int channels, boolean perChannel) {
    float[] s = new float[perChannel ? channels : 1];
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) Math.pow(10, -3 + 1.5 * r.nextDouble());
    }
    return s;
  }

  static int outSize(Padding p, int in, int f, int stride, int dil) {
    int eff = (f - 1) * dil + 1;
    return p == Padding.SAME ? (in + stride - 1) / stride : (in + stride - eff) / stride;
  }

  /** Output quantization chosen so outputs spread over the int8 range (few saturations). */
  float outScale(float in, float typicalGain) {
    return (float) (in * typicalGain * (0.3 + r.nextDouble()));
  }

  // ---------------------------------------------------------------- op generators

  TfliteModel conv(boolean fp) {
    start();
    int n = between(1, 2);
    int h = between(1, 10);
    int w = between(1, 10);
    int cin = between(1, 6);
    int cout = between(1, 6);
    int kh = between(1, 4);
    int kw = between(1, 4);
    int sh = between(1, 3);
    int sw = between(1, 3);
    int dh = r.nextInt(4) == 0 ? 2 : 1;
    int dw = r.nextInt(4) == 0 ? 2 : 1;
    Padding p = padding();
    int oh = outSize(p, h, kh, sh, dh);
    int ow = outSize(p, w, kw, sw, dw);
    if (oh <= 0 || ow <= 0) {
      p = Padding.SAME;
      oh = outSize(p, h, kh, sh, dh);
      ow = outSize(p, w, kw, sw, dw);
    }
    Conv2DOptions o = new Conv2DOptions(p, sw, sh, activation(), dw, dh, 0);
    if (fp) {
      int in = act(TensorType.FLOAT32, new int[] {n, h, w, cin}, 0, 0);
      int f = constFloat(new int[] {cout, kh, kw, cin});
      int b = constFloat(new int[] {cout});
      int out = act(TensorType.FLOAT32, new int[] {n, oh, ow, cout}, 0, 0);
      return finish(BuiltinOp.CONV_2D, new int[] {in, f, b}, new int[] {out}, o, in);
    }
    float is = scale();
    int in = act(TensorType.INT8, new int[] {n, h, w, cin}, is, zp());
    float[] fs = filterScales(cout, r.nextBoolean());
    int f = constInt8(new int[] {cout, kh, kw, cin}, fs, 0);
    int b = bias(cout, is, fs); // TFLite 2.20 requires the bias of an int8 CONV_2D
    int out = act(TensorType.INT8, new int[] {n, oh, ow, cout},
        outScale(is * fs[0], 64 * (float) Math.sqrt(kh * kw * cin)), zp());
    return finish(BuiltinOp.CONV_2D, new int[] {in, f, b}, new int[] {out}, o, in);
  }

  TfliteModel depthwise(boolean fp) {
    start();
    int h = between(1, 10);
    int w = between(1, 10);
    int cin = between(1, 5);
    int mult = between(1, 3);
    int cout = cin * mult;
    int kh = between(1, 4);
    int kw = between(1, 4);
    int sh = between(1, 3);
    int sw = between(1, 3);
    int dh = r.nextInt(4) == 0 ? 2 : 1;
    int dw = r.nextInt(4) == 0 ? 2 : 1;
    Padding p = padding();
    int oh = outSize(p, h, kh, sh, dh);
    int ow = outSize(p, w, kw, sw, dw);
    if (oh <= 0 || ow <= 0) {
      p = Padding.SAME;
      oh = outSize(p, h, kh, sh, dh);
      ow = outSize(p, w, kw, sw, dw);
    }
    DepthwiseConv2DOptions o = new DepthwiseConv2DOptions(p, sw, sh, mult, activation(), dw, dh);
    if (fp) {
      int in = act(TensorType.FLOAT32, new int[] {1, h, w, cin}, 0, 0);
      int f = constFloat(new int[] {1, kh, kw, cout});
      int b = constFloat(new int[] {cout});
      int out = act(TensorType.FLOAT32, new int[] {1, oh, ow, cout}, 0, 0);
      return finish(BuiltinOp.DEPTHWISE_CONV_2D, new int[] {in, f, b}, new int[] {out}, o, in);
    }
    float is = scale();
    int in = act(TensorType.INT8, new int[] {1, h, w, cin}, is, zp());
    float[] fs = filterScales(cout, r.nextBoolean());
    int f = constInt8(new int[] {1, kh, kw, cout}, fs, 3);
    int b = bias(cout, is, fs);
    int out = act(TensorType.INT8, new int[] {1, oh, ow, cout},
        outScale(is * fs[0], 64 * (float) Math.sqrt(kh * kw)), zp());
    return finish(BuiltinOp.DEPTHWISE_CONV_2D, new int[] {in, f, b}, new int[] {out}, o, in);
  }

  TfliteModel fullyConnected(boolean fp) {
    start();
    int batches = between(1, 3);
    int depth = between(1, 40);
    int units = between(1, 12);
    FullyConnectedOptions o = new FullyConnectedOptions(activation());
    if (fp) {
      int in = act(TensorType.FLOAT32, new int[] {batches, depth}, 0, 0);
      int f = constFloat(new int[] {units, depth});
      int b = constFloat(new int[] {units});
      int out = act(TensorType.FLOAT32, new int[] {batches, units}, 0, 0);
      return finish(BuiltinOp.FULLY_CONNECTED, new int[] {in, f, b}, new int[] {out}, o, in);
    }
    float is = scale();
    int in = act(TensorType.INT8, new int[] {batches, depth}, is, zp());
    float[] fs = filterScales(units, false);
    int f = constInt8(new int[] {units, depth}, fs, 0);
    int b = r.nextInt(4) == 0 ? -1 : bias(units, is, fs);
    int out = act(TensorType.INT8, new int[] {batches, units},
        outScale(is * fs[0], 64 * (float) Math.sqrt(depth)), zp());
    return finish(BuiltinOp.FULLY_CONNECTED, new int[] {in, f, b}, new int[] {out}, o, in);
  }

  TfliteModel pool(boolean average, boolean fp) {
    start();
    int h = between(1, 10);
    int w = between(1, 10);
    int c = between(1, 5);
    int fh = between(1, 4);
    int fw = between(1, 4);
    int sh = between(1, 3);
    int sw = between(1, 3);
    Padding p = padding();
    if (outSize(p, h, fh, sh, 1) <= 0 || outSize(p, w, fw, sw, 1) <= 0) {
      p = Padding.SAME;
    }
    int[] os = {1, outSize(p, h, fh, sh, 1), outSize(p, w, fw, sw, 1), c};
    Pool2DOptions o = new Pool2DOptions(p, sw, sh, fw, fh, activation());
    BuiltinOp op = average ? BuiltinOp.AVERAGE_POOL_2D : BuiltinOp.MAX_POOL_2D;
    TensorType t = fp ? TensorType.FLOAT32 : TensorType.INT8;
    float s = scale();
    int z = zp();
    int in = act(t, new int[] {1, h, w, c}, s, z);
    int out = act(t, os, s, z);
    return finish(op, new int[] {in}, new int[] {out}, o, in);
  }

  int[] randomShape(int maxRank) {
    int rank = between(1, maxRank);
    int[] s = new int[rank];
    for (int i = 0; i < rank; i++) {
      s[i] = between(1, 5);
    }
    return s;
  }

  TfliteModel reshapeLike(BuiltinOp op, boolean fp) {
    start();
    TensorType t = fp ? TensorType.FLOAT32 : TensorType.INT8;
    float s = scale();
    int z = zp();
    if (op == BuiltinOp.RESHAPE) {
      int[] a = randomShape(4);
      int n = elements(a);
      int[] b = r.nextBoolean() ? new int[] {n} : new int[] {1, n};
      int in = act(t, a, s, z);
      int shape = constInt32(new int[] {b.length}, b, null);
      int out = act(t, b, s, z);
      return finish(op, new int[] {in, shape}, new int[] {out}, new ReshapeOptions(b), in);
    } else if (op == BuiltinOp.SQUEEZE) {
      int[] a = {between(1, 4), 1, between(1, 4), 1};
      int in = act(t, a, s, z);
      int out = act(t, new int[] {a[0], a[2]}, s, z);
      return finish(op, new int[] {in}, new int[] {out}, new SqueezeOptions(new int[] {1, 3}), in);
    } else {
      int[] a = randomShape(3);
      int axis = between(0, a.length);
      int[] b = new int[a.length + 1];
      for (int i = 0, j = 0; i < b.length; i++) {
        b[i] = i == axis ? 1 : a[j++];
      }
      int in = act(t, a, s, z);
      int ax = constInt32(new int[] {1}, new int[] {axis}, null);
      int out = act(t, b, s, z);
      return finish(op, new int[] {in, ax}, new int[] {out}, null, in);
    }
  }

  TfliteModel unary(BuiltinOp op, boolean fp) {
    start();
    int[] shape = randomShape(4);
    BuiltinOptions o = null;
    if (fp) {
      int in = act(TensorType.FLOAT32, shape, 0, 0);
      int out = act(TensorType.FLOAT32, shape, 0, 0);
      if (op == BuiltinOp.SOFTMAX) {
        o = new SoftmaxOptions((float) (0.5 + r.nextDouble()));
      } else if (op == BuiltinOp.LEAKY_RELU) {
        o = new LeakyReluOptions((float) (0.01 + 0.5 * r.nextDouble()));
      }
      return finish(op, new int[] {in}, new int[] {out}, o, in);
    }
    float is = (float) Math.pow(10, -2.5 + 2 * r.nextDouble());
    int iz = zp();
    float os = scale();
    int oz = zp();
    switch (op) {
      case SOFTMAX -> {
        os = 1f / 256;
        oz = -128;
        o = new SoftmaxOptions((float) (0.5 + r.nextDouble()));
      }
      case LOGISTIC -> {
        os = 1f / 256;
        oz = -128;
      }
      case TANH -> {
        os = 1f / 128;
        oz = 0;
      }
      case RELU6 -> {
        os = is;
        oz = iz;
      }
      case RELU -> os = outScale(is, 1);
      case LEAKY_RELU -> {
        os = outScale(is, 1);
        o = new LeakyReluOptions((float) (0.01 + 0.5 * r.nextDouble()));
      }
      case HARD_SWISH -> os = outScale(is, 1);
      default -> { }
    }
    int in = act(TensorType.INT8, shape, is, iz);
    int out = act(TensorType.INT8, shape, os, oz);
    return finish(op, new int[] {in}, new int[] {out}, o, in);
  }

  TfliteModel binary(BuiltinOp op, boolean fp) {
    start();
    int[] out = randomShape(4);
    int[] a = out.clone();
    int[] b = out.clone();
    if (r.nextBoolean()) {
      for (int i = 0; i < out.length; i++) {
        if (r.nextInt(3) == 0) {
          (r.nextBoolean() ? a : b)[i] = 1;
        }
      }
      out = a.clone();
      for (int i = 0; i < out.length; i++) {
        out[i] = Math.max(a[i], b[i]);
      }
    }
    Activation act = activation();
    BuiltinOptions o = switch (op) {
      case ADD -> new AddOptions(act);
      case SUB -> new SubOptions(act);
      default -> new MulOptions(act);
    };
    if (fp) {
      int x = act(TensorType.FLOAT32, a, 0, 0);
      int y = act(TensorType.FLOAT32, b, 0, 0);
      int z = act(TensorType.FLOAT32, out, 0, 0);
      return finish(op, new int[] {x, y}, new int[] {z}, o, x, y);
    }
    float s1 = scale();
    float s2 = r.nextInt(3) == 0 ? s1 : scale();
    int x = act(TensorType.INT8, a, s1, zp());
    int y = act(TensorType.INT8, b, s2, zp());
    float os = op == BuiltinOp.MUL ? outScale(s1 * s2, 128 * 16) : outScale(Math.max(s1, s2), 2);
    int z = act(TensorType.INT8, out, os, zp());
    return finish(op, new int[] {x, y}, new int[] {z}, o, x, y);
  }

  TfliteModel mean(boolean fp) {
    start();
    int[] shape = {between(1, 2), between(1, 6), between(1, 6), between(1, 5)};
    List<Integer> axes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      if (r.nextInt(3) == 0) {
        axes.add(i);
      }
    }
    if (axes.isEmpty() || r.nextBoolean()) {
      axes = new ArrayList<>(List.of(1, 2));
    }
    boolean keep = r.nextBoolean();
    List<Integer> outDims = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      if (!axes.contains(i)) {
        outDims.add(shape[i]);
      } else if (keep) {
        outDims.add(1);
      }
    }
    int[] os = outDims.stream().mapToInt(Integer::intValue).toArray();
    TensorType t = fp ? TensorType.FLOAT32 : TensorType.INT8;
    float s = scale();
    int in = act(t, shape, s, zp());
    int ax = constInt32(new int[] {axes.size()}, axes.stream().mapToInt(Integer::intValue).toArray(),
        null);
    int out = act(t, os, r.nextBoolean() ? s : outScale(s, 1), zp());
    return finish(BuiltinOp.MEAN, new int[] {in, ax}, new int[] {out}, new ReducerOptions(keep), in);
  }

  TfliteModel pad(boolean fp) {
    start();
    int[] shape = randomShape(4);
    int[] p = new int[shape.length * 2];
    int[] os = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      p[2 * i] = between(0, 2);
      p[2 * i + 1] = between(0, 2);
      os[i] = shape[i] + p[2 * i] + p[2 * i + 1];
    }
    TensorType t = fp ? TensorType.FLOAT32 : TensorType.INT8;
    float s = scale();
    int z = zp();
    int in = act(t, shape, s, z);
    int pads = constInt32(new int[] {shape.length, 2}, p, null);
    int out = act(t, os, s, z);
    return finish(BuiltinOp.PAD, new int[] {in, pads}, new int[] {out}, null, in);
  }

  TfliteModel concatenation(boolean fp) {
    start();
    int[] shape = randomShape(4);
    int axis = r.nextInt(shape.length);
    int k = between(2, 3);
    TensorType t = fp ? TensorType.FLOAT32 : TensorType.INT8;
    float s = scale();
    int z = zp();
    int[] ins = new int[k];
    int total = 0;
    for (int i = 0; i < k; i++) {
      int[] si = shape.clone();
      si[axis] = between(1, 4);
      total += si[axis];
      ins[i] = act(t, si, s, z);
    }
    int[] os = shape.clone();
    os[axis] = total;
    int out = act(t, os, s, z);
    int ax = r.nextBoolean() ? axis : axis - shape.length;
    return finish(BuiltinOp.CONCATENATION, ins, new int[] {out},
        new ConcatenationOptions(ax, Activation.NONE), ins);
  }

  TfliteModel transposeConv(boolean fp) {
    start();
    int h = between(1, 6);
    int w = between(1, 6);
    int cin = between(1, 4);
    int cout = between(1, 4);
    int kh = between(1, 4);
    int kw = between(1, 4);
    int sh = between(1, 3);
    int sw = between(1, 3);
    Padding p = padding();
    int oh = p == Padding.SAME ? h * sh : (h - 1) * sh + kh;
    int ow = p == Padding.SAME ? w * sw : (w - 1) * sw + kw;
    int[] os = {1, oh, ow, cout};
    TransposeConvOptions o = new TransposeConvOptions(p, sw, sh, Activation.NONE, 0);
    int shape = constInt32(new int[] {4}, os, null);
    if (fp) {
      int f = constFloat(new int[] {cout, kh, kw, cin});
      int in = act(TensorType.FLOAT32, new int[] {1, h, w, cin}, 0, 0);
      int out = act(TensorType.FLOAT32, os, 0, 0);
      return finish(BuiltinOp.TRANSPOSE_CONV, new int[] {shape, f, in}, new int[] {out}, o, in);
    }
    float is = scale();
    float[] fs = filterScales(cout, r.nextBoolean());
    int f = constInt8(new int[] {cout, kh, kw, cin}, fs, 0);
    int in = act(TensorType.INT8, new int[] {1, h, w, cin}, is, zp());
    int b = r.nextBoolean() ? bias(cout, is, fs) : -1;
    int out = act(TensorType.INT8, os, outScale(is * fs[0], 64 * (float) Math.sqrt(cin * 2)), zp());
    int[] ins = b < 0 ? new int[] {shape, f, in} : new int[] {shape, f, in, b};
    return finish(BuiltinOp.TRANSPOSE_CONV, ins, new int[] {out}, o, in);
  }

  TfliteModel stridedSlice(boolean fp) {
    start();
    int[] shape = randomShape(4);
    int rank = shape.length;
    int[] begin = new int[rank];
    int[] end = new int[rank];
    int[] strides = new int[rank];
    int beginMask = r.nextInt(1 << rank);
    int endMask = r.nextInt(1 << rank);
    int shrink = r.nextInt(3) == 0 ? r.nextInt(1 << rank) : 0;
    List<Integer> os = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      int d = shape[i];
      strides[i] = r.nextInt(4) == 0 ? -between(1, 2) : between(1, 2);
      begin[i] = between(-d, d - 1);
      end[i] = between(-d, d);
      if ((shrink & (1 << i)) != 0) {
        strides[i] = 1;
        begin[i] = between(0, d - 1);
        end[i] = begin[i] + 1;
      }
      // the output size, as TFLite computes it
      int b = begin[i] < 0 ? begin[i] + d : begin[i];
      int e = end[i] < 0 ? end[i] + d : end[i];
      int s = strides[i];
      b = s > 0 ? Math.min(Math.max(b, 0), d) : Math.min(Math.max(b, -1), d - 1);
      e = s > 0 ? Math.min(Math.max(e, 0), d) : Math.min(Math.max(e, -1), d - 1);
      if ((beginMask & (1 << i)) != 0) {
        b = s > 0 ? 0 : d - 1;
      }
      if ((endMask & (1 << i)) != 0) {
        e = s > 0 ? d : -1;
      }
      if ((shrink & (1 << i)) == 0) {
        os.add(Math.max(0, (int) Math.ceil((e - b) / (double) s)));
      }
    }
    int[] outShape = os.stream().mapToInt(Integer::intValue).toArray();
    if (elements(outShape) == 0 || outShape.length == 0) {
      return stridedSlice(fp);
    }
    TensorType t = fp ? TensorType.FLOAT32 : TensorType.INT8;
    float s = scale();
    int z = zp();
    int in = act(t, shape, s, z);
    int bt = constInt32(new int[] {rank}, begin, null);
    int et = constInt32(new int[] {rank}, end, null);
    int st = constInt32(new int[] {rank}, strides, null);
    int out = act(t, outShape, s, z);
    return finish(BuiltinOp.STRIDED_SLICE, new int[] {in, bt, et, st}, new int[] {out},
        new StridedSliceOptions(beginMask, endMask, 0, 0, shrink, false), in);
  }

  TfliteModel quantize() {
    start();
    int[] shape = randomShape(3);
    int in = act(TensorType.FLOAT32, shape, 0, 0);
    int out = act(TensorType.INT8, shape, scale(), zp());
    return finish(BuiltinOp.QUANTIZE, new int[] {in}, new int[] {out}, null, in);
  }

  TfliteModel dequantize() {
    start();
    int[] shape = randomShape(3);
    int in = act(TensorType.INT8, shape, scale(), zp());
    int out = act(TensorType.FLOAT32, shape, 0, 0);
    return finish(BuiltinOp.DEQUANTIZE, new int[] {in}, new int[] {out}, null, in);
  }

  /** A small classifier: CONV_2D, MAX_POOL_2D, RESHAPE, FULLY_CONNECTED, SOFTMAX. */
  TfliteModel chain() {
    start();
    int h = between(4, 10);
    int w = between(4, 10);
    int cin = between(1, 3);
    int c = between(2, 6);
    float is = scale();
    int in = act(TensorType.INT8, new int[] {1, h, w, cin}, is, zp());
    float[] fs = filterScales(c, true);
    int f = constInt8(new int[] {c, 3, 3, cin}, fs, 0);
    int b = bias(c, is, fs);
    float cs = outScale(is * fs[0], 64 * (float) Math.sqrt(9 * cin));
    int conv = act(TensorType.INT8, new int[] {1, h, w, c}, cs, zp());
    g.operators().add(new Operator(BuiltinOp.CONV_2D, new int[] {in, f, b}, new int[] {conv},
        new Conv2DOptions(Padding.SAME, 1, 1, Activation.RELU)));
    int ph = h / 2;
    int pw = w / 2;
    int pool = act(TensorType.INT8, new int[] {1, ph, pw, c}, cs, g.tensor(conv).quantization().zeroPoint() > 0 ? (int) g.tensor(conv).quantization().zeroPoint() : (int) g.tensor(conv).quantization().zeroPoint());
    g.operators().add(new Operator(BuiltinOp.MAX_POOL_2D, new int[] {conv}, new int[] {pool},
        new Pool2DOptions(Padding.VALID, 2, 2, 2, 2, Activation.NONE)));
    int flat = ph * pw * c;
    int shape = constInt32(new int[] {2}, new int[] {1, flat}, null);
    int reshaped = act(TensorType.INT8, new int[] {1, flat}, cs,
        (int) g.tensor(conv).quantization().zeroPoint());
    g.operators().add(new Operator(BuiltinOp.RESHAPE, new int[] {pool, shape},
        new int[] {reshaped}, new ReshapeOptions(new int[] {1, flat})));
    int units = between(2, 5);
    float[] fs2 = filterScales(units, false);
    int f2 = constInt8(new int[] {units, flat}, fs2, 0);
    int b2 = bias(units, cs, fs2);
    float ls = outScale(cs * fs2[0], 64 * (float) Math.sqrt(flat));
    int logits = act(TensorType.INT8, new int[] {1, units}, ls, zp());
    g.operators().add(new Operator(BuiltinOp.FULLY_CONNECTED, new int[] {reshaped, f2, b2},
        new int[] {logits}, new FullyConnectedOptions(Activation.NONE)));
    int probs = act(TensorType.INT8, new int[] {1, units}, 1f / 256, -128);
    return finish(BuiltinOp.SOFTMAX, new int[] {logits}, new int[] {probs},
        new SoftmaxOptions(1f), in);
  }

  static Map<String, Object> none() {
    return Map.of();
  }

  static GenericOptions generic(String name) {
    return GenericOptions.empty(name);
  }
}
