package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import kiln.api.KilnException;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;
import kiln.micro.kernels.Tensor;
import kiln.tflite.BuiltinOp;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import kiln.tflite.options.Activation;
import kiln.tflite.options.Padding;
import kiln.tflite.options.Pool2DOptions;
import org.junit.jupiter.api.Test;

/**
 * Literal vectors worked out by hand for the ShapeOps kernels: each test writes a one-op model
 * with Kiln's writer, runs it on the micro runtime and compares with values computed on paper
 * (the reasoning is in the comments).
 */
class ShapeOpsLiteralTest {
  private final ShapeOpModels b = new ShapeOpModels(1);
  private static final TensorType I8 = TensorType.INT8;
  private static final TensorType F32 = TensorType.FLOAT32;
  private static final TensorType I32 = TensorType.INT32;

  private static MicroModel run(TfliteModel model, TensorData... inputs) {
    MicroModel m = MicroModel.prepare(ModelLoader.load(model.toBytes(), "literal.tflite"));
    for (int i = 0; i < inputs.length; i++) {
      m.setInput(i, inputs[i]);
    }
    m.invoke();
    return m;
  }

  private static TensorData i8(int[] shape, int... v) {
    byte[] bytes = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      bytes[i] = (byte) v[i];
    }
    return TensorData.ofInt8(shape, bytes);
  }

  private static TensorData f32(int[] shape, float... v) {
    return TensorData.ofFloat32(shape, v);
  }

  private static TensorData i32(int[] shape, int... v) {
    ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int x : v) {
      bb.putInt(x);
    }
    return new TensorData(ElementType.INT32, shape, bb.array());
  }

  private static TensorData i16(int[] shape, int... v) {
    ByteBuffer bb = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int x : v) {
      bb.putShort((short) x);
    }
    return new TensorData(ElementType.INT16, shape, bb.array());
  }

  private static int[] ints(Tensor t) {
    return t.intValues();
  }

  private static int[] s(int... dims) {
    return dims;
  }

  @Test
  void transposeOfA2x3() {
    // [[1,2,3],[4,5,6]] with perm [1,0] is [[1,4],[2,5],[3,6]]
    b.start();
    int in = b.act(F32, s(2, 3), 0, 0);
    int perm = b.constInt32(s(2), 1, 0);
    int out = b.act(F32, s(3, 2), 0, 0);
    MicroModel m = run(b.finish(BuiltinOp.TRANSPOSE, s(in, perm), s(out), null, in),
        f32(s(2, 3), 1, 2, 3, 4, 5, 6));
    assertThat(m.output(0).f32).containsExactly(1, 4, 2, 5, 3, 6);
  }

  @Test
  void depthToSpaceAndBack() {
    // 1x1x1x4 [1,2,3,4], block 2: pixel (y,x) takes channel y*2+x, so 1x2x2x1 [1,2,3,4]
    b.start();
    int in = b.act(I8, s(1, 1, 1, 4), 0.1f, 3);
    int out = b.act(I8, s(1, 2, 2, 1), 0.1f, 3);
    MicroModel m = run(b.finish(BuiltinOp.DEPTH_TO_SPACE, s(in), s(out),
        ShapeOpModels.options("DepthToSpaceOptions", "blockSize", 2), in),
        i8(s(1, 1, 1, 4), 1, 2, 3, 4));
    assertThat(ints(m.output(0))).containsExactly(1, 2, 3, 4);
    // 1x1x2x4, pixels [1,2,3,4] and [5,6,7,8]: row 0 of the output is channels 0,1 of each
    // pixel (1,2,5,6), row 1 channels 2,3 (3,4,7,8)
    b.start();
    in = b.act(I8, s(1, 1, 2, 4), 0.1f, 3);
    out = b.act(I8, s(1, 2, 4, 1), 0.1f, 3);
    m = run(b.finish(BuiltinOp.DEPTH_TO_SPACE, s(in), s(out),
        ShapeOpModels.options("DepthToSpaceOptions", "blockSize", 2), in),
        i8(s(1, 1, 2, 4), 1, 2, 3, 4, 5, 6, 7, 8));
    assertThat(ints(m.output(0))).containsExactly(1, 2, 5, 6, 3, 4, 7, 8);
    // SPACE_TO_DEPTH undoes it
    b.start();
    in = b.act(F32, s(1, 2, 4, 1), 0, 0);
    out = b.act(F32, s(1, 1, 2, 4), 0, 0);
    m = run(b.finish(BuiltinOp.SPACE_TO_DEPTH, s(in), s(out),
        ShapeOpModels.options("SpaceToDepthOptions", "blockSize", 2), in),
        f32(s(1, 2, 4, 1), 1, 2, 5, 6, 3, 4, 7, 8));
    assertThat(m.output(0).f32).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
  }

  @Test
  void splitSplitVAndUnpack() {
    // [[0,1,2,3],[4,5,6,7]] split in 2 along axis 1: [[0,1],[4,5]] and [[2,3],[6,7]]
    b.start();
    int axis = b.constInt32(s(), 1);
    int in = b.act(I8, s(2, 4), 0.5f, 0);
    int o1 = b.act(I8, s(2, 2), 0.5f, 0);
    int o2 = b.act(I8, s(2, 2), 0.5f, 0);
    MicroModel m = run(b.finish(BuiltinOp.SPLIT, s(axis, in), s(o1, o2),
        ShapeOpModels.options("SplitOptions", "numSplits", 2), in),
        i8(s(2, 4), 0, 1, 2, 3, 4, 5, 6, 7));
    assertThat(ints(m.output(0))).containsExactly(0, 1, 4, 5);
    assertThat(ints(m.output(1))).containsExactly(2, 3, 6, 7);
    // [10,20,30,40,50] with size_splits [2,-1]: [10,20] and [30,40,50]
    b.start();
    in = b.act(I32, s(5), 0, 0);
    int sizes = b.constInt32(s(2), 2, -1);
    axis = b.constInt32(s(1), 0);
    o1 = b.act(I32, s(2), 0, 0);
    o2 = b.act(I32, s(3), 0, 0);
    m = run(b.finish(BuiltinOp.SPLIT_V, s(in, sizes, axis), s(o1, o2),
        ShapeOpModels.options("SplitVOptions", "numSplits", 2), in),
        i32(s(5), 10, 20, 30, 40, 50));
    assertThat(m.output(0).i32).containsExactly(10, 20);
    assertThat(m.output(1).i32).containsExactly(30, 40, 50);
    // [[1,2],[3,4],[5,6]] unpacked along axis 1 (-1): columns [1,3,5] and [2,4,6]
    b.start();
    in = b.act(F32, s(3, 2), 0, 0);
    o1 = b.act(F32, s(3), 0, 0);
    o2 = b.act(F32, s(3), 0, 0);
    m = run(b.finish(BuiltinOp.UNPACK, s(in), s(o1, o2),
        ShapeOpModels.options("UnpackOptions", "num", 2, "axis", -1), in),
        f32(s(3, 2), 1, 2, 3, 4, 5, 6));
    assertThat(m.output(0).f32).containsExactly(1, 3, 5);
    assertThat(m.output(1).f32).containsExactly(2, 4, 6);
  }

  @Test
  void sliceWithAnOpenSize() {
    // 3x4 of 0..11, begin [1,1], size [2,-1]: rows 1-2, columns 1-3 = 5,6,7 and 9,10,11
    b.start();
    int in = b.act(I32, s(3, 4), 0, 0);
    int begin = b.constInt32(s(2), 1, 1);
    int size = b.constInt32(s(2), 2, -1);
    int out = b.act(I32, s(2, 3), 0, 0);
    MicroModel m = run(b.finish(BuiltinOp.SLICE, s(in, begin, size), s(out), null, in),
        i32(s(3, 4), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
    assertThat(m.output(0).i32).containsExactly(5, 6, 7, 9, 10, 11);
  }

  @Test
  void gatherWithConstantAndRuntimeIndices() {
    // rows 2 and 0 of [[1,2],[3,4],[5,6]]: [[5,6],[1,2]]
    b.start();
    int params = b.act(F32, s(3, 2), 0, 0);
    int idx = b.constInt32(s(2), 2, 0);
    int out = b.act(F32, s(2, 2), 0, 0);
    MicroModel m = run(b.finish(BuiltinOp.GATHER, s(params, idx), s(out),
        ShapeOpModels.options("GatherOptions", "axis", 0, "batchDims", 0), params),
        f32(s(3, 2), 1, 2, 3, 4, 5, 6));
    assertThat(m.output(0).f32).containsExactly(5, 6, 1, 2);
    // along axis 1 with indices fed at run time: columns [1,1,0] of [[1,2],[3,4]]
    b.start();
    params = b.act(I8, s(2, 2), 1f, 0);
    idx = b.act(I32, s(3), 0, 0);
    out = b.act(I8, s(2, 3), 1f, 0);
    MicroModel g = MicroModel.prepare(ModelLoader.load(b.finish(BuiltinOp.GATHER,
        s(params, idx), s(out), ShapeOpModels.options("GatherOptions", "axis", 1), params, idx)
        .toBytes(), "gather.tflite"));
    g.setInput(0, i8(s(2, 2), 1, 2, 3, 4));
    g.setInput(1, i32(s(3), 1, 1, 0));
    g.invoke();
    assertThat(ints(g.output(0))).containsExactly(2, 2, 1, 4, 4, 3);
    // an index outside the axis fails with the op's name instead of reading past the row
    g.setInput(1, i32(s(3), 1, 2, 0));
    assertThatThrownBy(g::invoke).isInstanceOf(KilnException.class)
        .hasMessage("gather.tflite: op #0 GATHER: index 2 is out of range, expected 0 to 1");
  }

  @Test
  void gatherNdAndEmbeddingLookup() {
    // [[1,2],[3,4]] at (1,0) and (0,1): [3,2]
    b.start();
    int params = b.act(F32, s(2, 2), 0, 0);
    int idx = b.constInt32(s(2, 2), 1, 0, 0, 1);
    int out = b.act(F32, s(2), 0, 0);
    MicroModel m = run(b.finish(BuiltinOp.GATHER_ND, s(params, idx), s(out), null, params),
        f32(s(2, 2), 1, 2, 3, 4));
    assertThat(m.output(0).f32).containsExactly(3, 2);
    // int8 rows [[2,4],[6,8],[10,12]] of scale 0.5, rows 2 and 0 dequantized: [5,6,1,2]
    b.start();
    int lookup = b.constInt32(s(2), 2, 0);
    int value = b.act(I8, s(3, 2), 0.5f, 0);
    out = b.act(F32, s(2, 2), 0, 0);
    m = run(b.finish(BuiltinOp.EMBEDDING_LOOKUP, s(lookup, value), s(out), null, value),
        i8(s(3, 2), 2, 4, 6, 8, 10, 12));
    assertThat(m.output(0).f32).containsExactly(5, 6, 1, 2);
  }

  @Test
  void spaceToBatchPadsWithTheZeroPointAndBatchToSpaceUndoes() {
    // [[1,2],[3,4]] padded right by 2 with the zero point -5 is [[1,2,P,P],[3,4,P,P]]; block
    // 2x2 takes batch (dy*2+dx) from the cells (dy, 2j+dx): [1,P], [2,P], [3,P], [4,P]
    b.start();
    int in = b.act(I8, s(1, 2, 2, 1), 0.25f, -5);
    int block = b.constInt32(s(2), 2, 2);
    int pads = b.constInt32(s(2, 2), 0, 0, 0, 2);
    int out = b.act(I8, s(4, 1, 2, 1), 0.25f, -5);
    MicroModel m = run(b.finish(BuiltinOp.SPACE_TO_BATCH_ND, s(in, block, pads), s(out), null,
        in), i8(s(1, 2, 2, 1), 1, 2, 3, 4));
    assertThat(ints(m.output(0))).containsExactly(1, -5, 2, -5, 3, -5, 4, -5);
    // TensorFlow's example: [4,1,1,1] of [1,2,3,4] with block 2x2 is [[1,2],[3,4]]
    b.start();
    in = b.act(F32, s(4, 1, 1, 1), 0, 0);
    block = b.constInt32(s(2), 2, 2);
    int crops = b.constInt32(s(2, 2), 0, 0, 0, 0);
    out = b.act(F32, s(1, 2, 2, 1), 0, 0);
    m = run(b.finish(BuiltinOp.BATCH_TO_SPACE_ND, s(in, block, crops), s(out), null, in),
        f32(s(4, 1, 1, 1), 1, 2, 3, 4));
    assertThat(m.output(0).f32).containsExactly(1, 2, 3, 4);
  }

  @Test
  void mirrorPadReflectAndSymmetric() {
    // [1,2,3] padded by 2 each side: REFLECT 3,2|1,2,3|2,1; SYMMETRIC 2,1|1,2,3|3,2
    int[][] expected = {{3, 2, 1, 2, 3, 2, 1}, {2, 1, 1, 2, 3, 3, 2}};
    for (int mode = 0; mode < 2; mode++) {
      b.start();
      int in = b.act(I8, s(3), 1f, 0);
      int pads = b.constInt32(s(1, 2), 2, 2);
      int out = b.act(I8, s(7), 1f, 0);
      MicroModel m = run(b.finish(BuiltinOp.MIRROR_PAD, s(in, pads), s(out),
          ShapeOpModels.options("MirrorPadOptions", "mode", mode), in), i8(s(3), 1, 2, 3));
      assertThat(ints(m.output(0))).containsExactly(expected[mode]);
    }
  }

  @Test
  void fillZerosLikeAndBroadcastTo() {
    b.start();
    int dims = b.constInt32(s(2), 2, 3);
    int value = b.act(I32, s(), 0, 0);
    int out = b.act(I32, s(2, 3), 0, 0);
    MicroModel m = run(b.finish(BuiltinOp.FILL, s(dims, value), s(out), null, value),
        i32(s(), 7));
    assertThat(m.output(0).i32).containsExactly(7, 7, 7, 7, 7, 7);
    // ZEROS_LIKE writes raw zeros, not the zero point
    b.start();
    int in = b.act(I8, s(3), 0.1f, 5);
    out = b.act(I8, s(3), 0.1f, 5);
    m = run(b.finish(BuiltinOp.ZEROS_LIKE, s(in), s(out), null, in), i8(s(3), 9, 9, 9));
    assertThat(ints(m.output(0))).containsExactly(0, 0, 0);
    // [2,1] [[1],[2]] to [2,3]: each row repeats its one value
    b.start();
    in = b.act(F32, s(2, 1), 0, 0);
    int shape = b.constInt32(s(2), 2, 3);
    out = b.act(F32, s(2, 3), 0, 0);
    m = run(b.finish(BuiltinOp.BROADCAST_TO, s(in, shape), s(out), null, in),
        f32(s(2, 1), 1, 2));
    assertThat(m.output(0).f32).containsExactly(1, 1, 1, 2, 2, 2);
  }

  @Test
  void resizeNearestAndBilinear() {
    // 2x2 [1,2;3,4] to 4x4 without flags: source index floor(x/2)
    b.start();
    int in = b.act(I8, s(1, 2, 2, 1), 1f, 0);
    int size = b.constInt32(s(2), 4, 4);
    int out = b.act(I8, s(1, 4, 4, 1), 1f, 0);
    MicroModel m = run(b.finish(BuiltinOp.RESIZE_NEAREST_NEIGHBOR, s(in, size), s(out),
        ShapeOpModels.options("ResizeNearestNeighborOptions", "alignCorners", false,
            "halfPixelCenters", false), in), i8(s(1, 2, 2, 1), 1, 2, 3, 4));
    assertThat(ints(m.output(0))).containsExactly(1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4);
    // a row [0,10] to width 4 (scale 1/2): x = 0, 0.5, 1, 1.5 (clamped to the last) -> 0,5,10,10
    b.start();
    in = b.act(F32, s(1, 1, 2, 1), 0, 0);
    size = b.constInt32(s(2), 1, 4);
    out = b.act(F32, s(1, 1, 4, 1), 0, 0);
    m = run(b.finish(BuiltinOp.RESIZE_BILINEAR, s(in, size), s(out),
        ShapeOpModels.options("ResizeBilinearOptions", "alignCorners", false,
            "halfPixelCenters", false), in), f32(s(1, 1, 2, 1), 0, 10));
    assertThat(m.output(0).f32).containsExactly(0, 5, 10, 10);
    // align_corners: scale (2-1)/(4-1) = 1/3, so 0, 10/3, 20/3, 10
    b.start();
    in = b.act(F32, s(1, 1, 2, 1), 0, 0);
    size = b.constInt32(s(2), 1, 4);
    out = b.act(F32, s(1, 1, 4, 1), 0, 0);
    m = run(b.finish(BuiltinOp.RESIZE_BILINEAR, s(in, size), s(out),
        ShapeOpModels.options("ResizeBilinearOptions", "alignCorners", true,
            "halfPixelCenters", false), in), f32(s(1, 1, 2, 1), 0, 10));
    float[] o = m.output(0).f32;
    assertThat(o[0]).isEqualTo(0f);
    assertThat(o[1]).isCloseTo(10f / 3, within(1e-5f));
    assertThat(o[2]).isCloseTo(20f / 3, within(1e-5f));
    assertThat(o[3]).isEqualTo(10f);
    // int8: [0,101] at x = 0.5 is 50.5, rounded half away from zero to 51; [0,-101] gives -51
    for (int sign : new int[] {1, -1}) {
      b.start();
      in = b.act(I8, s(1, 1, 2, 1), 1f, 0);
      size = b.constInt32(s(2), 1, 4);
      out = b.act(I8, s(1, 1, 4, 1), 1f, 0);
      m = run(b.finish(BuiltinOp.RESIZE_BILINEAR, s(in, size), s(out),
          ShapeOpModels.options("ResizeBilinearOptions", "alignCorners", false,
              "halfPixelCenters", false), in), i8(s(1, 1, 2, 1), 0, 101 * sign));
      assertThat(ints(m.output(0))).containsExactly(0, 51 * sign, 101 * sign, 101 * sign);
    }
  }

  @Test
  void l2PoolOfOneWindow() {
    // sqrt((3^2 + 4^2 + 0 + 0) / 4) = sqrt(6.25) = 2.5
    b.start();
    int in = b.act(F32, s(1, 2, 2, 1), 0, 0);
    int out = b.act(F32, s(1, 1, 1, 1), 0, 0);
    MicroModel m = run(b.finish(BuiltinOp.L2_POOL_2D, s(in), s(out),
        new Pool2DOptions(Padding.VALID, 1, 1, 2, 2, Activation.NONE), in),
        f32(s(1, 2, 2, 1), 3, 4, 0, 0));
    assertThat(m.output(0).f32).containsExactly(2.5f);
  }

  @Test
  void batchMatMulFloatAndInt8() {
    // [[1,2],[3,4]] x [[5,6],[7,8]] = [[19,22],[43,50]]; with adj_y rhs is given transposed
    b.start();
    int x = b.act(F32, s(2, 2), 0, 0);
    int y = b.act(F32, s(2, 2), 0, 0);
    int z = b.act(F32, s(2, 2), 0, 0);
    MicroModel m = run(b.finish(BuiltinOp.BATCH_MATMUL, s(x, y), s(z),
        ShapeOpModels.options("BatchMatMulOptions", "adjX", false, "adjY", true), x, y),
        f32(s(2, 2), 1, 2, 3, 4), f32(s(2, 2), 5, 7, 6, 8));
    assertThat(m.output(0).f32).containsExactly(19, 22, 43, 50);
    // int8: lhs zp 1 holds [2,3] (real 1,2), rhs zp -1 holds [2,3] (real 3,4), product 11;
    // output scale 0.5 and zp 10: 11 / 0.5 + 10 = 32
    b.start();
    x = b.act(I8, s(1, 2), 1f, 1);
    y = b.act(I8, s(2, 1), 1f, -1);
    z = b.act(I8, s(1, 1), 0.5f, 10);
    m = run(b.finish(BuiltinOp.BATCH_MATMUL, s(x, y), s(z),
        ShapeOpModels.options("BatchMatMulOptions", "adjX", false, "adjY", false), x, y),
        i8(s(1, 2), 2, 3), i8(s(2, 1), 2, 3));
    assertThat(ints(m.output(0))).containsExactly(32);
    // int16 (zero points 0): 300 * 1000 - 200 * 1000 = 100000, output scale 10: 10000
    b.start();
    x = b.act(TensorType.INT16, s(1, 2), 1f, 0);
    y = b.act(TensorType.INT16, s(2, 1), 1f, 0);
    z = b.act(TensorType.INT16, s(1, 1), 10f, 0);
    m = run(b.finish(BuiltinOp.BATCH_MATMUL, s(x, y), s(z),
        ShapeOpModels.options("BatchMatMulOptions", "adjX", false, "adjY", false), x, y),
        i16(s(1, 2), 300, -200), i16(s(2, 1), 1000, 1000));
    assertThat(ints(m.output(0))).containsExactly(10000);
  }

  @Test
  void int16Transpose() {
    // [[1000,-2000],[30000,-32768]] transposed: [[1000,30000],[-2000,-32768]]
    b.start();
    int in = b.act(TensorType.INT16, s(2, 2), 1f, 0);
    int perm = b.constInt32(s(2), 1, 0);
    int out = b.act(TensorType.INT16, s(2, 2), 1f, 0);
    MicroModel m = run(b.finish(BuiltinOp.TRANSPOSE, s(in, perm), s(out), null, in),
        i16(s(2, 2), 1000, -2000, 30000, -32768));
    assertThat(ints(m.output(0))).containsExactly(1000, 30000, -2000, -32768);
  }

  @Test
  void badInputsAreNamed() {
    b.start();
    int in = b.act(F32, s(2, 3), 0, 0);
    int perm = b.constInt32(s(2), 0, 0);
    int out = b.act(F32, s(2, 3), 0, 0);
    TfliteModel t = b.finish(BuiltinOp.TRANSPOSE, s(in, perm), s(out), null, in);
    assertThatThrownBy(() -> MicroModel.prepare(ModelLoader.load(t.toBytes(), "t.tflite")))
        .isInstanceOf(KilnException.class)
        .hasMessage("t.tflite: op #0 TRANSPOSE: perm [0, 0] is not a permutation of 0..1");
    b.start();
    int axis = b.constInt32(s(), 1);
    in = b.act(I8, s(2, 3), 1f, 0);
    int o1 = b.act(I8, s(2, 1), 1f, 0);
    int o2 = b.act(I8, s(2, 1), 1f, 0);
    TfliteModel sp = b.finish(BuiltinOp.SPLIT, s(axis, in), s(o1, o2),
        ShapeOpModels.options("SplitOptions", "numSplits", 2), in);
    assertThatThrownBy(() -> MicroModel.prepare(ModelLoader.load(sp.toBytes(), "s.tflite")))
        .isInstanceOf(KilnException.class)
        .hasMessage("s.tflite: op #0 SPLIT: dimension 1 of input 't1' (3) does not split into 2 "
            + "equal pieces");
  }
}
