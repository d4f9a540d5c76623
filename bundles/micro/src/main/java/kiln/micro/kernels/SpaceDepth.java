package kiln.micro.kernels;

import kiln.api.model.ElementType;

/**
 * DEPTH_TO_SPACE and SPACE_TO_DEPTH on NHWC tensors with block size b: a b x b block of pixels
 * is one pixel with b*b times the channels, ordered (block row, block column, channel).
 */
final class SpaceDepth {
  private SpaceDepth() {}

  static Kernel prepare(Prep p, boolean toSpace) {
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.INT8, ElementType.FLOAT32);
    p.requireSameType(input, output);
    p.requireRank(input, "input", 4);
    int b = p.options.intField("blockSize", 0);
    p.require(b > 0, "block_size must be > 0, found " + b);
    int n = input.shape[0];
    int h = input.shape[1];
    int w = input.shape[2];
    int c = input.shape[3];
    int[] expected;
    if (toSpace) {
      p.require(c % (b * b) == 0, "input depth " + c + " is not a multiple of block_size^2 ("
          + b * b + ")");
      expected = new int[] {n, h * b, w * b, c / (b * b)};
    } else {
      p.require(h % b == 0 && w % b == 0, "input height " + h + " and width " + w
          + " must be multiples of block_size " + b);
      expected = new int[] {n, h / b, w / b, c * b * b};
    }
    p.requireShape(output, expected);
    // the space-side tensor's element (n, y, x, d) <-> the depth-side element
    // (n, y / b, x / b, d + ((y % b) * b + x % b) * spaceDepth)
    int[] space = toSpace ? expected : input.shape;
    int[] depthSide = toSpace ? input.shape : expected;
    int sd = space[3];
    int[] index = new int[output.elementCount()];
    for (int in = 0; in < space[0]; in++) {
      for (int y = 0; y < space[1]; y++) {
        for (int x = 0; x < space[2]; x++) {
          for (int d = 0; d < sd; d++) {
            int spaceIndex = ((in * space[1] + y) * space[2] + x) * sd + d;
            int depthIndex = ((in * depthSide[1] + y / b) * depthSide[2] + x / b) * depthSide[3]
                + d + ((y % b) * b + x % b) * sd;
            if (toSpace) {
              index[spaceIndex] = depthIndex;
            } else {
              index[depthIndex] = spaceIndex;
            }
          }
        }
      }
    }
    return new Gather(new Tensor[] {input}, null, index, output, 0);
  }
}
