package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Test;

/**
 * Randomized differential test of the shape, lookup, resize and matrix ops against TFLite 2.20
 * (BuiltinOpResolverWithoutDefaultDelegates, through {@link OpChecker}): random single-op models
 * per type TFLite Micro supports, random inputs; int8 and int32 outputs byte-identical, float32
 * within OpChecker's tolerance. Each output's size is also compared with TFLite's.
 */
class ShapeOpsDifferentialTest {
  static final int INT8_MODELS = 20;
  static final int OTHER_MODELS = 5;

  private final OpChecker checker = new OpChecker();
  private final List<String> sizeFailures = new ArrayList<>();
  private final ShapeOpModels g = new ShapeOpModels(20261204L);

  private void run(String op, Function<TensorType, TfliteModel> gen, long seed,
      TensorType... types) {
    Random r = new Random(seed);
    for (TensorType t : types) {
      int n = t == TensorType.INT8 ? INT8_MODELS : OTHER_MODELS;
      for (int i = 0; i < n; i++) {
        runOne(op + " " + t + " #" + i, gen.apply(t), r);
      }
    }
  }

  private void runOne(String label, TfliteModel model, Random r) {
    byte[] bytes = model.toBytes();
    MicroModel m = MicroModel.prepare(ModelLoader.load(bytes, label));
    List<byte[]> fed = new ArrayList<>();
    for (int k = 0; k < m.inputs().size(); k++) {
      TensorSpec s = m.inputs().get(k);
      int n = (int) TensorData.elementCount(s.shape());
      byte[] b;
      if (s.type() == ElementType.INT8) {
        b = new byte[n];
        r.nextBytes(b);
      } else if (s.type() == ElementType.INT16) {
        b = new byte[2 * n];
        r.nextBytes(b);
      } else {
        ByteBuffer bb = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int e = 0; e < n; e++) {
          if (s.type() == ElementType.FLOAT32) {
            bb.putFloat((float) (r.nextGaussian() * 3));
          } else {
            bb.putInt(r.nextInt(2001) - 1000);
          }
        }
        b = bb.array();
      }
      fed.add(b);
      m.setInput(k, new TensorData(s.type(), s.shape(), b));
    }
    m.invoke();
    checker.check(model, m, label);
    try (TfliteOracle oracle = new TfliteOracle(bytes)) {
      List<byte[]> ref = oracle.run(fed, m.outputs().size());
      for (int k = 0; k < ref.size(); k++) {
        int kiln = OpChecker.bytesOf(m.output(k)).length;
        if (ref.get(k).length != kiln) {
          sizeFailures.add(label + ": output " + k + " has " + kiln + " bytes, TFLite "
              + ref.get(k).length);
        }
      }
    } catch (RuntimeException e) {
      sizeFailures.add(label + ": TFLite could not run it: " + e.getMessage());
    }
  }

  private void assertClean(String... ops) {
    System.out.println(checker.summary());
    assertThat(checker.failures).isEmpty();
    assertThat(sizeFailures).isEmpty();
    assertThat(checker.stats.keySet()).contains(ops);
  }

  private static final TensorType I8 = TensorType.INT8;
  private static final TensorType F32 = TensorType.FLOAT32;
  private static final TensorType I32 = TensorType.INT32;
  private static final TensorType I16 = TensorType.INT16;

  @Test
  void splitSplitVAndUnpack() {
    run("SPLIT", g::split, 1, I8, F32, I32, I16);
    run("SPLIT_V", g::splitV, 2, I8, F32, I32, I16);
    run("UNPACK", g::unpack, 3, I8, F32, I32, I16);
    assertClean("SPLIT", "SPLIT_V", "UNPACK");
  }

  @Test
  void sliceTransposeAndBroadcastTo() {
    run("SLICE", g::slice, 4, I8, F32, I32, I16);
    run("TRANSPOSE", g::transpose, 5, I8, F32, I16);
    run("BROADCAST_TO", g::broadcastTo, 6, I8, F32, I32);
    assertClean("SLICE", "TRANSPOSE", "BROADCAST_TO");
  }

  @Test
  void gatherGatherNdAndEmbeddingLookup() {
    run("GATHER", g::gather, 7, I8, F32);
    run("GATHER_ND", g::gatherNd, 8, I8, F32);
    run("EMBEDDING_LOOKUP", t -> g.embeddingLookup(t, t), 9, I8, F32);
    run("EMBEDDING_LOOKUP hybrid", t -> g.embeddingLookup(I8, F32), 10, F32);
    assertClean("GATHER", "GATHER_ND", "EMBEDDING_LOOKUP");
  }

  @Test
  void spaceDepthAndBatchMoves() {
    run("DEPTH_TO_SPACE", g::depthToSpace, 11, I8, F32);
    run("SPACE_TO_DEPTH", g::spaceToDepth, 12, I8, F32);
    run("BATCH_TO_SPACE_ND", g::batchToSpace, 13, I8, F32);
    run("SPACE_TO_BATCH_ND", g::spaceToBatch, 14, I8, F32);
    assertClean("DEPTH_TO_SPACE", "SPACE_TO_DEPTH", "BATCH_TO_SPACE_ND", "SPACE_TO_BATCH_ND");
  }

  @Test
  void mirrorPadFillAndZerosLike() {
    run("MIRROR_PAD", g::mirrorPad, 15, I8, F32);
    run("FILL", g::fill, 16, I8, F32, I32);
    run("ZEROS_LIKE", g::zerosLike, 17, F32, I32); // TFLite 2.20 has no int8 ZEROS_LIKE
    assertClean("MIRROR_PAD", "FILL", "ZEROS_LIKE");
  }

  @Test
  void resizeAndL2Pool() {
    run("RESIZE_BILINEAR", t -> g.resize(true, t), 18, I8, F32);
    run("RESIZE_NEAREST_NEIGHBOR", t -> g.resize(false, t), 19, I8, F32, I16);
    run("L2_POOL_2D", t -> g.l2Pool(), 20, F32);
    assertClean("RESIZE_BILINEAR", "RESIZE_NEAREST_NEIGHBOR", "L2_POOL_2D");
  }

  @Test
  void batchMatMul() {
    run("BATCH_MATMUL", g::batchMatMul, 21, I8, F32, I16);
    assertClean("BATCH_MATMUL");
  }
}
