package kiln.micro.kernels;

import java.util.Arrays;
import kiln.api.model.ElementType;

/**
 * SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND on 3-D (N, H, C) or 4-D (N, H, W, C) tensors with
 * constant block shape and paddings / crops, as TFLite's reference kernels index them.
 */
final class SpaceBatch {
  private SpaceBatch() {}

  static Kernel prepare(Prep p, boolean toBatch) {
    p.require(p.inputCount() == 3, "needs 3 inputs (input, block_shape, "
        + (toBatch ? "paddings" : "crops") + "), found " + p.inputCount());
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.INT8, ElementType.FLOAT32);
    p.requireSameType(input, output);
    int rank = input.rank();
    p.require(rank == 3 || rank == 4, "input must have rank 3 or 4, found shape "
        + Shapes.str(input.shape));
    p.require(output.rank() == rank, "output must have rank " + rank + ", found shape "
        + Shapes.str(output.shape));
    int spatial = rank - 2;
    int[] block = Shapes.constInts(p, p.in(1), "block_shape");
    int[] pads = Shapes.constInts(p, p.in(2), toBatch ? "paddings" : "crops");
    p.require(block.length == spatial, "block_shape must have " + spatial + " entries, found "
        + block.length);
    p.require(pads.length == 2 * spatial, (toBatch ? "paddings" : "crops") + " must have shape ["
        + spatial + ",2], found " + Shapes.str(p.in(2).shape));
    int blocks = 1;
    for (int i = 0; i < spatial; i++) {
      p.require(block[i] >= 1, "block_shape entries must be >= 1, found " + Arrays.toString(block));
      p.require(pads[2 * i] >= 0 && pads[2 * i + 1] >= 0, "paddings and crops must be >= 0");
      blocks *= block[i];
    }
    // as 4-D: (N, H, W, C) with W = 1 for a 3-D tensor
    int[] in4 = rank == 4 ? input.shape : new int[] {input.shape[0], input.shape[1], 1,
        input.shape[2]};
    int bh = block[0];
    int bw = spatial == 2 ? block[1] : 1;
    int top = pads[0];
    int left = spatial == 2 ? pads[2] : 0;
    int[] expected = input.shape.clone();
    if (toBatch) {
      expected[0] = input.shape[0] * blocks;
      for (int i = 0; i < spatial; i++) {
        int padded = input.shape[1 + i] + pads[2 * i] + pads[2 * i + 1];
        p.require(padded % block[i] == 0, "padded dimension " + (1 + i) + " (" + padded
            + ") is not a multiple of block " + block[i]);
        expected[1 + i] = padded / block[i];
      }
    } else {
      p.require(input.shape[0] % blocks == 0, "input batch " + input.shape[0]
          + " is not a multiple of the block size product " + blocks);
      expected[0] = input.shape[0] / blocks;
      for (int i = 0; i < spatial; i++) {
        int cropped = input.shape[1 + i] * block[i] - pads[2 * i] - pads[2 * i + 1];
        p.require(cropped >= 0, "crops exceed dimension " + (1 + i));
        expected[1 + i] = cropped;
      }
    }
    p.requireShape(output, expected);
    int[] out4 = rank == 4 ? output.shape : new int[] {output.shape[0], output.shape[1], 1,
        output.shape[2]};
    int depth = in4[3];
    int[] index = new int[output.elementCount()];
    Arrays.fill(index, -1);
    if (toBatch) {
      for (int ob = 0; ob < out4[0]; ob++) {
        int inB = ob % in4[0];
        int shiftW = (ob / in4[0]) % bw;
        int shiftH = (ob / in4[0]) / bw;
        for (int oh = 0; oh < out4[1]; oh++) {
          for (int ow = 0; ow < out4[2]; ow++) {
            int ih = oh * bh + shiftH - top;
            int iw = ow * bw + shiftW - left;
            if (ih < 0 || ih >= in4[1] || iw < 0 || iw >= in4[2]) {
              continue; // padding
            }
            int o = ((ob * out4[1] + oh) * out4[2] + ow) * depth;
            int i = ((inB * in4[1] + ih) * in4[2] + iw) * depth;
            for (int d = 0; d < depth; d++) {
              index[o + d] = i + d;
            }
          }
        }
      }
    } else {
      for (int ib = 0; ib < in4[0]; ib++) {
        int ob = ib % out4[0];
        int spatialOffset = ib / out4[0];
        for (int ih = 0; ih < in4[1]; ih++) {
          int oh = ih * bh + spatialOffset / bw - top;
          if (oh < 0 || oh >= out4[1]) {
            continue;
          }
          for (int iw = 0; iw < in4[2]; iw++) {
            int ow = iw * bw + spatialOffset % bw - left;
            if (ow < 0 || ow >= out4[2]) {
              continue;
            }
            int o = ((ob * out4[1] + oh) * out4[2] + ow) * depth;
            int i = ((ib * in4[1] + ih) * in4[2] + iw) * depth;
            for (int d = 0; d < depth; d++) {
              index[o + d] = i + d;
            }
          }
        }
      }
    }
    // TFLite pads int8 with the output zero point (real 0); TFLite Micro reads the same field
    // from a parameter block it never sets
    int pad = input.type() == ElementType.INT8 ? output.zeroPoint() : 0;
    return new Gather(new Tensor[] {input}, null, index, output, pad);
  }
}
