package kiln.tflite.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.Quantization;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.options.Activation;
import kiln.tflite.options.Conv2DOptions;
import kiln.tflite.options.Padding;
import kiln.tflite.options.Pool2DOptions;
import org.junit.jupiter.api.Test;

/**
 * The CMSIS-NN kernels' arena on a small model, worked out by hand (the buffer-size formulas are
 * tested in kiln.util.cycles.CmsisNnBuffersTest).
 */
class CmsisNnKernelsTest {
  /**
   * in 1x8x8x4 int8 -> CONV_2D 3x3 SAME (16 filters) -> 1x8x8x16 -> AVERAGE_POOL 2x2 -> 1x4x4x16.
   * Reference: no scratch. CMSIS-NN: conv 2 x 36 x 2 = 144 bytes at step 1, avgpool 16 x 4 = 64
   * at step 2, two ScratchBufferHandles, and 4 more bytes of OpData for both kernels.
   */
  @Test
  void cmsisNnAddsScratchAndBiggerOpData() {
    Quantization q = Quantization.perTensor(0.1f, 0);
    Tensor in = new Tensor("in", TensorType.INT8, new int[] {1, 8, 8, 4}).setQuantization(q);
    Tensor w = new Tensor("w", TensorType.INT8, new int[] {16, 3, 3, 4})
        .setData(new byte[16 * 36]).setQuantization(q);
    Tensor conv = new Tensor("c", TensorType.INT8, new int[] {1, 8, 8, 16}).setQuantization(q);
    Tensor out = new Tensor("o", TensorType.INT8, new int[] {1, 4, 4, 16}).setQuantization(q);
    Subgraph g = new Subgraph("g", List.of(in, w, conv, out), List.of(
        new Operator(BuiltinOp.CONV_2D, new int[] {0, 1, -1}, new int[] {2},
            new Conv2DOptions(Padding.SAME, 1, 1, Activation.NONE)),
        new Operator(BuiltinOp.AVERAGE_POOL_2D, new int[] {2}, new int[] {3},
            new Pool2DOptions(Padding.VALID, 2, 2, 2, 2, Activation.NONE))),
        new int[] {0}, new int[] {3});
    ArenaReport ref = ArenaModel.estimate(g, Target.CORTEX_M, TflmKernels.REFERENCE);
    ArenaReport cmsis = ArenaModel.estimate(g, Target.CORTEX_M, TflmKernels.CMSIS_NN);
    // step 1: in (256) + conv (1024) = 1280; with the 144-byte buffer: 1424
    assertThat(ref.head()).isEqualTo(1280);
    assertThat(cmsis.head()).isEqualTo(1424);
    assertThat(cmsis.tailItems()).contains("ScratchBufferHandle x2: 8 (align 4)");
    // the tail before the OpData: allocators 36 + 44 + 36 + 8 + 8, 4 TfLiteEvalTensors 48,
    // 2 nodes 64, TfLiteConvParams 28 and TfLitePoolParams 40 = 312. Reference: OpDataConv 56 ends
    // at 368, OpDataPooling 32 at 400 (88); CMSIS-NN: 60 -> 372, rounded to 384, then 36 -> 420,
    // rounded to 432 (120)
    assertThat(ref.tailParts().get("kernel OpData (Init)")).isEqualTo(88);
    assertThat(cmsis.tailParts().get("kernel OpData (Init)")).isEqualTo(120);
    assertThat(cmsis.kernels()).contains("CMSIS-NN");
  }
}
