package kiln.micro.kernels;

import java.util.Arrays;
import kiln.api.model.ElementType;

/** Prepare steps of the data-movement ops: RESHAPE, SQUEEZE, EXPAND_DIMS, PAD, CONCATENATION, STRIDED_SLICE. */
public final class Movement {
  private Movement() {}

  /** RESHAPE, SQUEEZE, EXPAND_DIMS: the output holds the input's elements in the same order. */
  public static Kernel prepareCopy(Prep p) {
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    p.requireSameType(input, output);
    p.requireSameCount(input, output);
    return new Kernel() {
      @Override
      public void eval() {
        input.copyTo(output);
      }
    };
  }

  public static Kernel preparePad(Prep p) {
    Tensor input = p.in(0);
    Tensor paddings = p.in(1);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.INT8, ElementType.FLOAT32, ElementType.INT32);
    p.requireSameType(input, output);
    p.requireConstant(paddings, "paddings");
    p.requireType(paddings, "paddings", ElementType.INT32, ElementType.INT64);
    int rank = input.rank();
    p.require(rank <= 5, "PAD supports up to 5 dimensions, found " + rank);
    p.require(paddings.elementCount() == rank * 2,
        "paddings must have shape [" + rank + ",2], found " + Arrays.toString(paddings.shape));
    int[] pad = paddings.i32;
    int[] expected = new int[rank];
    for (int i = 0; i < rank; i++) {
      p.require(pad[2 * i] >= 0 && pad[2 * i + 1] >= 0, "paddings must be >= 0");
      expected[i] = input.shape[i] + pad[2 * i] + pad[2 * i + 1];
    }
    p.requireShape(output, expected);
    int padValue = 0;
    if (input.type() == ElementType.INT8) {
      p.requireSameQuantization(input, output);
      padValue = output.zeroPoint();
      Tensor constant = p.optIn(2);
      if (constant != null) {
        p.requireType(constant, "constant_values", ElementType.INT8);
        p.require(constant.elementCount() == 1, "constant_values must hold one value, found shape "
            + Arrays.toString(constant.shape));
        padValue = constant.i8[0];
      }
    }
    int[] index = new int[output.elementCount()];
    int[] idx = new int[rank];
    for (int e = 0; e < index.length; e++) {
      int k = 0;
      boolean inside = true;
      for (int i = 0; i < rank; i++) {
        int x = idx[i] - pad[2 * i];
        if (x < 0 || x >= input.shape[i]) {
          inside = false;
        }
        k = k * input.shape[i] + x;
      }
      index[e] = inside ? k : -1;
      increment(idx, expected);
    }
    return new Gather(new Tensor[] {input}, null, index, output, padValue);
  }

  public static Kernel prepareConcatenation(Prep p) {
    Tensor output = p.out(0);
    int count = p.inputCount();
    p.require(count >= 1, "needs at least one input");
    Tensor[] inputs = new Tensor[count];
    int rank = output.rank();
    int axis = p.options.axis < 0 ? p.options.axis + rank : p.options.axis;
    p.require(axis >= 0 && axis < rank, "axis " + p.options.axis + " is out of range for rank " + rank);
    p.require(p.options.activation == 0, "fused activations on CONCATENATION are not supported");
    int total = 0;
    for (int i = 0; i < count; i++) {
      inputs[i] = p.in(i);
      p.requireSameType(output, inputs[i]);
      p.requireSameQuantization(output, inputs[i]);
      p.require(inputs[i].rank() == rank, "input '" + inputs[i].name() + "' must have rank " + rank);
      for (int d = 0; d < rank; d++) {
        if (d != axis) {
          p.require(inputs[i].shape[d] == output.shape[d], "input '" + inputs[i].name()
              + "' has shape " + Arrays.toString(inputs[i].shape) + ", incompatible with output "
              + Arrays.toString(output.shape));
        }
      }
      total += inputs[i].shape[axis];
    }
    p.require(total == output.shape[axis], "inputs add up to " + total + " along axis " + axis
        + ", output has " + output.shape[axis]);
    int outer = 1;
    for (int d = 0; d < axis; d++) {
      outer *= output.shape[d];
    }
    int inner = 1;
    for (int d = axis + 1; d < rank; d++) {
      inner *= output.shape[d];
    }
    int[] source = new int[output.elementCount()];
    int[] index = new int[source.length];
    int e = 0;
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < count; i++) {
        int block = inputs[i].shape[axis] * inner;
        for (int k = 0; k < block; k++) {
          source[e] = i;
          index[e++] = o * block + k;
        }
      }
    }
    return new Gather(inputs, source, index, output, 0);
  }

  public static Kernel prepareStridedSlice(Prep p) {
    Tensor input = p.in(0);
    Tensor begin = p.in(1);
    Tensor end = p.in(2);
    Tensor strides = p.in(3);
    Tensor output = p.out(0);
    p.requireSameType(input, output);
    p.requireConstant(begin, "begin");
    p.requireConstant(end, "end");
    p.requireConstant(strides, "strides");
    for (Tensor t : new Tensor[] {begin, end, strides}) {
      p.requireType(t, "begin, end and strides", ElementType.INT32, ElementType.INT64);
    }
    p.requireSameQuantization(input, output);
    p.require(p.options.ellipsisMask == 0 && p.options.newAxisMask == 0 && !p.options.offset,
        "ellipsis_mask, new_axis_mask and offset are not supported by TFLite Micro");
    int dims = begin.elementCount();
    p.require(dims <= 5 && dims <= input.rank(),
        "begin has " + dims + " entries for an input of rank " + input.rank());
    p.require(end.elementCount() == dims && strides.elementCount() == dims,
        "begin, end and strides must have as many entries, found " + dims + ", "
            + end.elementCount() + " and " + strides.elementCount());
    // pad to 5 dimensions at the front, as TFLite's StridedSlicePadIndices
    int[] shape5 = new int[5];
    int[] start = new int[5];
    int[] stop = new int[5];
    int[] stride = new int[5];
    int padIn = 5 - input.rank();
    for (int i = 0; i < 5; i++) {
      shape5[i] = i < padIn ? 1 : input.shape[i - padIn];
    }
    int padCount = 5 - dims;
    int beginMask = (p.options.beginMask << padCount) | ((1 << padCount) - 1);
    int endMask = (p.options.endMask << padCount) | ((1 << padCount) - 1);
    int shrink = p.options.shrinkAxisMask << padCount;
    // input rank may exceed dims: TFLite Micro extends the input shape to 5 and pads indices
    p.require(input.rank() == dims, "begin must have one entry per input dimension ("
        + input.rank() + "), found " + dims);
    int[] outShape = new int[0];
    for (int i = 0; i < 5; i++) {
      int k = i - padCount;
      int b = k >= 0 ? begin.i32[k] : 0;
      int e = k >= 0 ? end.i32[k] : 1;
      int s = k >= 0 ? strides.i32[k] : 1;
      p.require(s != 0, "stride value has to be non-zero");
      int size = shape5[i];
      // StridedSliceStartForAxis
      if (b < 0) {
        b += size;
      }
      b = s > 0 ? clamp(b, 0, size) : clamp(b, -1, size - 1);
      if ((beginMask & (1 << i)) != 0) {
        b = s > 0 ? 0 : size - 1;
      }
      // StridedSliceEndForAxis
      if ((shrink & (1 << i)) != 0) {
        e = b >= size ? b : b + 1;
      } else {
        if (e < 0) {
          e += size;
        }
        e = s > 0 ? clamp(e, 0, size) : clamp(e, -1, size - 1);
        if ((endMask & (1 << i)) != 0) {
          e = s > 0 ? size : -1;
        }
      }
      start[i] = b;
      stop[i] = e;
      stride[i] = s;
      if (k >= 0 && (shrink & (1 << i)) == 0) {
        int n = (int) Math.ceil((e - b) / (float) s);
        outShape = Arrays.copyOf(outShape, outShape.length + 1);
        outShape[outShape.length - 1] = Math.max(n, 0);
      }
    }
    p.requireShape(output, outShape);
    int[] index = new int[output.elementCount()];
    int e = 0;
    for (int i0 = start[0]; lc(stop[0], stride[0], i0); i0 += stride[0]) {
      for (int i1 = start[1]; lc(stop[1], stride[1], i1); i1 += stride[1]) {
        for (int i2 = start[2]; lc(stop[2], stride[2], i2); i2 += stride[2]) {
          for (int i3 = start[3]; lc(stop[3], stride[3], i3); i3 += stride[3]) {
            for (int i4 = start[4]; lc(stop[4], stride[4], i4); i4 += stride[4]) {
              p.require(e < index.length, "slice yields more elements than the output holds");
              index[e++] =
                  (((i0 * shape5[1] + i1) * shape5[2] + i2) * shape5[3] + i3) * shape5[4] + i4;
            }
          }
        }
      }
    }
    p.require(e == index.length, "slice yields " + e + " elements, output holds " + index.length);
    return new Gather(new Tensor[] {input}, null, index, output, 0);
  }

  /** SHAPE: the input's dimensions as int32 (known at prepare: shapes are static). */
  public static Kernel prepareShape(Prep p) {
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    p.requireType(output, "output", ElementType.INT32);
    p.require(output.elementCount() == input.rank(), "output must have " + input.rank()
        + " elements");
    int[] dims = input.shape.clone();
    return new Kernel() {
      @Override
      public void eval() {
        System.arraycopy(dims, 0, output.i32, 0, dims.length);
      }
    };
  }

  /** PACK: stacks same-shaped inputs along a new axis. */
  public static Kernel preparePack(Prep p) {
    Tensor output = p.out(0);
    int count = p.inputCount();
    p.require(count >= 1, "needs at least one input");
    Tensor[] inputs = new Tensor[count];
    for (int i = 0; i < count; i++) {
      inputs[i] = p.in(i);
      p.requireSameType(output, inputs[i]);
      p.requireSameQuantization(output, inputs[i]);
      p.require(Arrays.equals(inputs[i].shape, inputs[0].shape), "inputs must share one shape");
    }
    int rank = output.rank();
    int axis = p.options.axis < 0 ? p.options.axis + rank : p.options.axis;
    p.require(axis >= 0 && axis < rank, "axis " + p.options.axis + " is out of range");
    p.require(output.elementCount() == count * inputs[0].elementCount(),
        "output must hold " + count + " inputs");
    int outer = 1;
    for (int d = 0; d < axis; d++) {
      outer *= output.shape[d];
    }
    int inner = inputs[0].elementCount() / Math.max(outer, 1);
    int[] source = new int[output.elementCount()];
    int[] index = new int[source.length];
    int e = 0;
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < count; i++) {
        for (int k = 0; k < inner; k++) {
          source[e] = i;
          index[e++] = o * inner + k;
        }
      }
    }
    return new Gather(inputs, source, index, output, 0);
  }

  private static boolean lc(int end, int stride, int index) {
    return stride < 0 ? index > end : index < end;
  }

  private static int clamp(int v, int lo, int hi) {
    return v > hi ? hi : v < lo ? lo : v;
  }

  static void increment(int[] idx, int[] shape) {
    for (int i = idx.length - 1; i >= 0; i--) {
      if (++idx[i] < shape[i]) {
        return;
      }
      idx[i] = 0;
    }
  }
}
