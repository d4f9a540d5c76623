package kiln.micro.kernels;

import java.util.Map;
import java.util.function.Function;

/**
 * Registers the shape, data-movement, lookup, resize and matrix ops of TFLite Micro's resolver:
 * SPLIT, SPLIT_V, UNPACK, SLICE, TRANSPOSE, GATHER, GATHER_ND, EMBEDDING_LOOKUP, DEPTH_TO_SPACE,
 * SPACE_TO_DEPTH, BATCH_TO_SPACE_ND, SPACE_TO_BATCH_ND, MIRROR_PAD, FILL, ZEROS_LIKE,
 * BROADCAST_TO, RESIZE_BILINEAR, RESIZE_NEAREST_NEIGHBOR, L2_POOL_2D and BATCH_MATMUL.
 */
final class ShapeOps {
  private ShapeOps() {}

  static void register(Map<String, Function<Prep, Kernel>> put) {
    put.put("SPLIT", Split::prepareSplit);
    put.put("SPLIT_V", Split::prepareSplitV);
    put.put("UNPACK", Split::prepareUnpack);
    put.put("SLICE", Slice::prepare);
    put.put("TRANSPOSE", Transpose::prepare);
    put.put("GATHER", Lookup::prepareGather);
    put.put("GATHER_ND", Lookup::prepareGatherNd);
    put.put("EMBEDDING_LOOKUP", Lookup::prepareEmbeddingLookup);
    put.put("DEPTH_TO_SPACE", p -> SpaceDepth.prepare(p, true));
    put.put("SPACE_TO_DEPTH", p -> SpaceDepth.prepare(p, false));
    put.put("BATCH_TO_SPACE_ND", p -> SpaceBatch.prepare(p, false));
    put.put("SPACE_TO_BATCH_ND", p -> SpaceBatch.prepare(p, true));
    put.put("MIRROR_PAD", MirrorPad::prepare);
    put.put("FILL", Fill::prepareFill);
    put.put("ZEROS_LIKE", Fill::prepareZerosLike);
    put.put("BROADCAST_TO", BroadcastTo::prepare);
    put.put("RESIZE_BILINEAR", Resize::prepareBilinear);
    put.put("RESIZE_NEAREST_NEIGHBOR", Resize::prepareNearest);
    put.put("L2_POOL_2D", L2Pool::prepare);
    put.put("BATCH_MATMUL", BatchMatMul::prepare);
  }
}
