package kiln.micro;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Quantization;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import kiln.tflite.options.Activation;
import kiln.tflite.options.Padding;
import kiln.tflite.options.Pool2DOptions;

/**
 * Writes random single-op models of the shape, lookup, resize and matrix ops (ShapeOps) with
 * Kiln's .tflite writer: random shapes, axes, index tensors, options, scales and zero points.
 * Output shapes follow the TensorFlow op definitions.
 */
final class ShapeOpModels extends OpModelWriter {

  ShapeOpModels(long seed) {
    super(seed);
  }

  /** TFLite registers BROADCAST_TO from version 2 on. */
  @Override
  int version(BuiltinOp op) {
    return op == BuiltinOp.BROADCAST_TO ? 2 : 1;
  }

  int constInt8(int[] shape, float scale, int zp, byte... values) {
    Tensor t = new Tensor("w" + count++, TensorType.INT8, shape).setData(values);
    t.setQuantization(Quantization.perTensor(scale, zp));
    return g.addTensor(t);
  }

  int[] randomShape(int minRank, int maxRank, int maxDim) {
    int[] s = new int[between(minRank, maxRank)];
    for (int i = 0; i < s.length; i++) {
      s[i] = between(1, maxDim);
    }
    return s;
  }

  /** A pair of int8 tensors with one quantization, or two float32 / int32 tensors. */
  private int[] inOut(TensorType t, int[] in, int[] out) {
    float s = scale();
    int z = zp();
    return new int[] {act(t, in, s, z), act(t, out, s, z)};
  }

  private int signedAxis(int axis, int rank) {
    return r.nextBoolean() ? axis : axis - rank;
  }

  // ---------------------------------------------------------------- op generators

  TfliteModel split(TensorType t) {
    start();
    int[] shape = randomShape(1, 4, 4);
    int axis = r.nextInt(shape.length);
    int n = between(1, 3);
    shape[axis] = n * between(1, 3);
    int[] piece = shape.clone();
    piece[axis] /= n;
    float s = scale();
    int z = zp();
    int ax = r.nextBoolean() ? constInt32(new int[0], signedAxis(axis, shape.length))
        : constInt32(new int[] {1}, signedAxis(axis, shape.length));
    int in = act(t, shape, s, z);
    int[] outs = new int[n];
    for (int i = 0; i < n; i++) {
      outs[i] = act(t, piece, s, z);
    }
    return finish(BuiltinOp.SPLIT, new int[] {ax, in}, outs,
        options("SplitOptions", "numSplits", n), in);
  }

  TfliteModel splitV(TensorType t) {
    start();
    int[] shape = randomShape(1, 4, 4);
    int axis = r.nextInt(shape.length);
    int n = between(1, 3);
    int[] sizes = new int[n];
    int total = 0;
    for (int i = 0; i < n; i++) {
      sizes[i] = between(1, 3);
      total += sizes[i];
    }
    shape[axis] = total;
    int[] given = sizes.clone();
    if (r.nextBoolean()) {
      given[r.nextInt(n)] = -1;
    }
    float s = scale();
    int z = zp();
    int in = act(t, shape, s, z);
    int sz = constInt32(new int[] {n}, given);
    int ax = constInt32(new int[0], signedAxis(axis, shape.length));
    int[] outs = new int[n];
    for (int i = 0; i < n; i++) {
      int[] piece = shape.clone();
      piece[axis] = sizes[i];
      outs[i] = act(t, piece, s, z);
    }
    return finish(BuiltinOp.SPLIT_V, new int[] {in, sz, ax}, outs,
        options("SplitVOptions", "numSplits", n), in);
  }

  TfliteModel unpack(TensorType t) {
    start();
    int[] shape = randomShape(2, 4, 4);
    int axis = r.nextInt(shape.length);
    int n = shape[axis];
    int[] piece = new int[shape.length - 1];
    for (int i = 0, j = 0; i < shape.length; i++) {
      if (i != axis) {
        piece[j++] = shape[i];
      }
    }
    float s = scale();
    int z = zp();
    int in = act(t, shape, s, z);
    int[] outs = new int[n];
    for (int i = 0; i < n; i++) {
      outs[i] = act(t, piece, s, z);
    }
    return finish(BuiltinOp.UNPACK, new int[] {in}, outs,
        options("UnpackOptions", "num", n, "axis", signedAxis(axis, shape.length)), in);
  }

  TfliteModel slice(TensorType t) {
    start();
    int[] shape = randomShape(1, 4, 5);
    int[] begin = new int[shape.length];
    int[] size = new int[shape.length];
    int[] out = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      begin[i] = r.nextInt(shape[i]);
      out[i] = between(1, shape[i] - begin[i]);
      size[i] = r.nextInt(4) == 0 ? -1 : out[i];
      if (size[i] == -1) {
        out[i] = shape[i] - begin[i];
      }
    }
    int[] io = inOut(t, shape, out);
    int b = constInt32(new int[] {shape.length}, begin);
    int sz = constInt32(new int[] {shape.length}, size);
    return finish(BuiltinOp.SLICE, new int[] {io[0], b, sz}, new int[] {io[1]}, null, io[0]);
  }

  TfliteModel transpose(TensorType t) {
    start();
    int[] shape = randomShape(1, 5, 4);
    List<Integer> perm = new ArrayList<>();
    for (int i = 0; i < shape.length; i++) {
      perm.add(i);
    }
    java.util.Collections.shuffle(perm, r);
    int[] pv = perm.stream().mapToInt(Integer::intValue).toArray();
    int[] out = new int[shape.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = shape[pv[i]];
    }
    int[] io = inOut(t, shape, out);
    int pt = constInt32(new int[] {pv.length}, pv);
    return finish(BuiltinOp.TRANSPOSE, new int[] {io[0], pt}, new int[] {io[1]}, null, io[0]);
  }

  TfliteModel gather(TensorType t) {
    start();
    int[] params = randomShape(1, 4, 4);
    int axis = r.nextInt(params.length);
    int batchDims = axis >= 1 && r.nextInt(3) == 0 ? 1 : 0;
    int[] idxShape = randomShape(batchDims, 2, 3);
    if (batchDims == 1) {
      idxShape[0] = params[0];
    }
    int[] idx = new int[elements(idxShape)];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = r.nextInt(params[axis]);
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < axis; i++) {
      out.add(params[i]);
    }
    for (int i = batchDims; i < idxShape.length; i++) {
      out.add(idxShape[i]);
    }
    for (int i = axis + 1; i < params.length; i++) {
      out.add(params[i]);
    }
    int[] io = inOut(t, params, out.stream().mapToInt(Integer::intValue).toArray());
    int it = constInt32(idxShape, idx);
    return finish(BuiltinOp.GATHER, new int[] {io[0], it}, new int[] {io[1]},
        options("GatherOptions", "axis", signedAxis(axis, params.length), "batchDims",
            batchDims), io[0]);
  }

  TfliteModel gatherNd(TensorType t) {
    start();
    int[] params = randomShape(1, 4, 4);
    int nd = between(1, params.length);
    int[] idxShape = randomShape(1, 3, 3);
    idxShape[idxShape.length - 1] = nd;
    int[] idx = new int[elements(idxShape)];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = r.nextInt(params[i % nd]);
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < idxShape.length - 1; i++) {
      out.add(idxShape[i]);
    }
    for (int i = nd; i < params.length; i++) {
      out.add(params[i]);
    }
    int[] io = inOut(t, params, out.stream().mapToInt(Integer::intValue).toArray());
    int it = constInt32(idxShape, idx);
    return finish(BuiltinOp.GATHER_ND, new int[] {io[0], it}, new int[] {io[1]}, null, io[0]);
  }

  /** EMBEDDING_LOOKUP: float -> float, int8 -> int8, or (hybrid) int8 -> float32. */
  TfliteModel embeddingLookup(TensorType value, TensorType out) {
    start();
    int[] shape = randomShape(2, 3, 4);
    int rows = shape[0];
    int k = between(1, 4);
    int[] ids = new int[k];
    for (int i = 0; i < k; i++) {
      ids[i] = r.nextInt(rows);
    }
    int[] os = shape.clone();
    os[0] = k;
    float s = scale();
    int z = out == TensorType.FLOAT32 ? 0 : zp();
    int lookup = constInt32(new int[] {k}, ids);
    int v = act(value, shape, s, z);
    int o = act(out, os, s, z);
    return finish(BuiltinOp.EMBEDDING_LOOKUP, new int[] {lookup, v}, new int[] {o}, null, v);
  }

  TfliteModel depthToSpace(TensorType t) {
    start();
    int b = between(1, 3);
    int n = between(1, 2);
    int h = between(1, 3);
    int w = between(1, 3);
    int c = between(1, 3);
    int[] io = inOut(t, new int[] {n, h, w, c * b * b}, new int[] {n, h * b, w * b, c});
    return finish(BuiltinOp.DEPTH_TO_SPACE, new int[] {io[0]}, new int[] {io[1]},
        options("DepthToSpaceOptions", "blockSize", b), io[0]);
  }

  TfliteModel spaceToDepth(TensorType t) {
    start();
    int b = between(1, 3);
    int n = between(1, 2);
    int h = between(1, 3);
    int w = between(1, 3);
    int c = between(1, 3);
    int[] io = inOut(t, new int[] {n, h * b, w * b, c}, new int[] {n, h, w, c * b * b});
    return finish(BuiltinOp.SPACE_TO_DEPTH, new int[] {io[0]}, new int[] {io[1]},
        options("SpaceToDepthOptions", "blockSize", b), io[0]);
  }

  TfliteModel batchToSpace(TensorType t) {
    start();
    int spatial = r.nextInt(4) == 0 ? 1 : 2;
    int n = between(1, 2);
    int c = between(1, 3);
    int[] block = new int[spatial];
    int[] crops = new int[2 * spatial];
    int[] in = new int[spatial + 2];
    int[] out = new int[spatial + 2];
    int blocks = 1;
    for (int i = 0; i < spatial; i++) {
      block[i] = between(1, 3);
      blocks *= block[i];
      in[1 + i] = between(1, 3);
      int full = in[1 + i] * block[i];
      crops[2 * i] = r.nextInt(Math.min(full, 3));
      crops[2 * i + 1] = r.nextInt(Math.min(full - crops[2 * i], 3));
      out[1 + i] = full - crops[2 * i] - crops[2 * i + 1];
    }
    in[0] = n * blocks;
    out[0] = n;
    in[spatial + 1] = c;
    out[spatial + 1] = c;
    int[] io = inOut(t, in, out);
    int bt = constInt32(new int[] {spatial}, block);
    int ct = constInt32(new int[] {spatial, 2}, crops);
    return finish(BuiltinOp.BATCH_TO_SPACE_ND, new int[] {io[0], bt, ct}, new int[] {io[1]},
        null, io[0]);
  }

  TfliteModel spaceToBatch(TensorType t) {
    start();
    int spatial = r.nextInt(4) == 0 ? 1 : 2;
    int n = between(1, 2);
    int c = between(1, 3);
    int[] block = new int[spatial];
    int[] pads = new int[2 * spatial];
    int[] in = new int[spatial + 2];
    int[] out = new int[spatial + 2];
    int blocks = 1;
    for (int i = 0; i < spatial; i++) {
      block[i] = between(1, 3);
      blocks *= block[i];
      int padded = block[i] * between(1, 3);
      pads[2 * i] = r.nextInt(Math.min(padded, 3));
      pads[2 * i + 1] = r.nextInt(Math.min(padded - pads[2 * i], 3));
      in[1 + i] = padded - pads[2 * i] - pads[2 * i + 1];
      out[1 + i] = padded / block[i];
    }
    in[0] = n;
    out[0] = n * blocks;
    in[spatial + 1] = c;
    out[spatial + 1] = c;
    int[] io = inOut(t, in, out);
    int bt = constInt32(new int[] {spatial}, block);
    int pt = constInt32(new int[] {spatial, 2}, pads);
    return finish(BuiltinOp.SPACE_TO_BATCH_ND, new int[] {io[0], bt, pt}, new int[] {io[1]},
        null, io[0]);
  }

  TfliteModel mirrorPad(TensorType t) {
    start();
    int[] shape = randomShape(1, 4, 4);
    int mode = r.nextInt(2); // REFLECT, SYMMETRIC
    int[] pads = new int[2 * shape.length];
    int[] out = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      int limit = mode == 0 ? shape[i] - 1 : shape[i];
      pads[2 * i] = r.nextInt(limit + 1);
      pads[2 * i + 1] = r.nextInt(limit + 1);
      out[i] = shape[i] + pads[2 * i] + pads[2 * i + 1];
    }
    int[] io = inOut(t, shape, out);
    int pt = constInt32(new int[] {shape.length, 2}, pads);
    return finish(BuiltinOp.MIRROR_PAD, new int[] {io[0], pt}, new int[] {io[1]},
        options("MirrorPadOptions", "mode", mode), io[0]);
  }

  TfliteModel fill(TensorType t) {
    start();
    int[] shape = randomShape(1, 4, 4);
    int dims = constInt32(new int[] {shape.length}, shape);
    int[] io = inOut(t, new int[0], shape);
    return finish(BuiltinOp.FILL, new int[] {dims, io[0]}, new int[] {io[1]}, null, io[0]);
  }

  TfliteModel zerosLike(TensorType t) {
    start();
    int[] shape = randomShape(1, 4, 4);
    int[] io = inOut(t, shape, shape);
    return finish(BuiltinOp.ZEROS_LIKE, new int[] {io[0]}, new int[] {io[1]}, null, io[0]);
  }

  TfliteModel broadcastTo(TensorType t) {
    start();
    int[] out = randomShape(1, 5, 4);
    int rank = between(1, out.length);
    int[] in = Arrays.copyOfRange(out, out.length - rank, out.length);
    for (int i = 0; i < rank; i++) {
      if (r.nextInt(3) == 0) {
        in[i] = 1;
      }
    }
    int[] io = inOut(t, in, out);
    int st = constInt32(new int[] {out.length}, out);
    return finish(BuiltinOp.BROADCAST_TO, new int[] {io[0], st}, new int[] {io[1]}, null, io[0]);
  }

  TfliteModel resize(boolean bilinear, TensorType t) {
    start();
    int n = between(1, 2);
    int h = between(1, 6);
    int w = between(1, 6);
    int c = between(1, 3);
    int oh = between(1, 9);
    int ow = between(1, 9);
    boolean align = r.nextInt(3) == 0;
    boolean half = !align && r.nextBoolean();
    int[] io = inOut(t, new int[] {n, h, w, c}, new int[] {n, oh, ow, c});
    int size = constInt32(new int[] {2}, oh, ow);
    String table = bilinear ? "ResizeBilinearOptions" : "ResizeNearestNeighborOptions";
    return finish(bilinear ? BuiltinOp.RESIZE_BILINEAR : BuiltinOp.RESIZE_NEAREST_NEIGHBOR,
        new int[] {io[0], size}, new int[] {io[1]},
        options(table, "alignCorners", align, "halfPixelCenters", half), io[0]);
  }

  TfliteModel l2Pool() {
    start();
    int h = between(1, 8);
    int w = between(1, 8);
    int c = between(1, 4);
    int fh = between(1, 4);
    int fw = between(1, 4);
    int sh = between(1, 3);
    int sw = between(1, 3);
    Padding p = r.nextBoolean() ? Padding.SAME : Padding.VALID;
    if (h < fh || w < fw) {
      p = Padding.SAME;
    }
    int oh = p == Padding.SAME ? (h + sh - 1) / sh : (h - fh + sh) / sh;
    int ow = p == Padding.SAME ? (w + sw - 1) / sw : (w - fw + sw) / sw;
    Activation[] acts = {Activation.NONE, Activation.RELU, Activation.RELU6,
        Activation.RELU_N1_TO_1};
    int n = between(1, 2);
    int[] io = inOut(TensorType.FLOAT32, new int[] {n, h, w, c}, new int[] {n, oh, ow, c});
    return finish(BuiltinOp.L2_POOL_2D, new int[] {io[0]}, new int[] {io[1]},
        new Pool2DOptions(p, sw, sh, fw, fh, acts[r.nextInt(acts.length)]), io[0]);
  }

  TfliteModel batchMatMul(TensorType t) {
    start();
    int rank = between(2, 4);
    int m = between(1, 4);
    int k = between(1, 8);
    int n = between(1, 4);
    int[] batch = new int[rank - 2];
    for (int i = 0; i < batch.length; i++) {
      batch[i] = between(1, 3);
    }
    int[] lb = batch.clone();
    int[] rb = batch.clone();
    for (int i = 0; i < batch.length; i++) {
      if (r.nextInt(3) == 0) {
        (r.nextBoolean() ? lb : rb)[i] = 1;
      }
    }
    boolean adjX = r.nextBoolean();
    boolean adjY = r.nextBoolean();
    int[] ls = concat(lb, adjX ? new int[] {k, m} : new int[] {m, k});
    int[] rs = concat(rb, adjY ? new int[] {n, k} : new int[] {k, n});
    // sometimes rhs has one dimension less (rank broadcasting: a leading 1)
    if (batch.length > 0 && r.nextInt(3) == 0) {
      rb[0] = 1;
      rs = Arrays.copyOfRange(rs, 1, rs.length);
    }
    int[] out = new int[rank];
    for (int i = 0; i < rank - 2; i++) {
      out[i] = Math.max(lb[i], rb[i]);
    }
    out[rank - 2] = m;
    out[rank - 1] = n;
    float s1 = scale();
    float s2 = scale();
    int x = act(t, ls, s1, zp());
    int y = act(t, rs, s2, zp());
    float gain = t == TensorType.INT16 ? 32768f * 8 : 64;
    float os = (float) (s1 * s2 * gain * Math.sqrt(k) * (0.3 + r.nextDouble()));
    int z = act(t, out, os, zp());
    return finish(BuiltinOp.BATCH_MATMUL, new int[] {x, y}, new int[] {z},
        options("BatchMatMulOptions", "adjX", adjX, "adjY", adjY), x, y);
  }

  private static int[] concat(int[] a, int[] b) {
    int[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
