package kiln.tflite.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Test;

class ArenaModelTest {
  static Subgraph fixture(String relative) throws Exception {
    Path p = Path.of(System.getProperty("kiln.fixtures", "../../../shared/fixtures"), relative);
    assumeTrue(Files.isRegularFile(p), "fixture not found: " + p.toAbsolutePath());
    return TfliteModel.read(Files.readAllBytes(p), "fixture").mainSubgraph();
  }

  /**
   * arena_used_bytes() of TFLite Micro's reference kernels after AllocateTensors(), measured on
   * builds for 32-bit x86 (-m32) and x86-64 (issue 16): model, 32-bit total, 32-bit planned,
   * x86-64 total. The planned part does not depend on the pointer width.
   */
  static final Object[][] MEASURED = {
    {"tflm/micro_speech_quantized.tflite", 6812, 5968, 7312},
    {"tflm/hello_world_int8.tflite", 716, 32, 1184},
    {"mltk/tflite_micro_speech.tflite", 8844, 8000, 9344},
    {"mltk/image_example1.tflite", 70956, 69120, 71712},
    {"mltk/anomaly_detection.tflite", 5416, 3200, 6832},
    {"mltk/image_classification.tflite", 54364, 49152, 55712},
  };

  @Test
  void reproducesTflmsArenaOn32And64BitTargets() throws Exception {
    for (Object[] m : MEASURED) {
      Subgraph g = fixture((String) m[0]);
      ArenaReport x86 = ArenaModel.estimate(g, Target.X86_32, TflmKernels.REFERENCE);
      assertThat(x86.total()).as(m[0] + " -m32").isEqualTo(((Integer) m[1]).longValue());
      assertThat(x86.head()).as(m[0] + " planned").isEqualTo(((Integer) m[2]).longValue());
      assertThat(x86.unmodelledOps()).as(m[0] + " unmodelled ops").isEmpty();
      // the Cortex-M ABI (8-aligned doubles) lands on the same figures for these models
      assertThat(ArenaModel.estimate(g).total()).as(m[0] + " Cortex-M")
          .isEqualTo(((Integer) m[1]).longValue());
      ArenaReport x64 = ArenaModel.estimate(g, Target.X86_64, TflmKernels.REFERENCE);
      assertThat(x64.total()).as(m[0] + " x86-64").isEqualTo(((Integer) m[3]).longValue());
      assertThat(x64.head()).isEqualTo(x86.head());
    }
  }

  /** The breakdown's parts add up to the persistent part, in TFLite Micro's allocation order. */
  @Test
  void theBreakdownAddsUp() throws Exception {
    ArenaReport r = ArenaModel.estimate(fixture("tflm/micro_speech_quantized.tflite"));
    assertThat(r.tailParts().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(r.tail());
    assertThat(r.tailItems()).first().isEqualTo("SingleArenaBufferAllocator: 36 (align 4)");
    // 4 ops x NodeAndRegistration (6 pointers + int + registration pointer = 32 bytes)
    assertThat(r.tailParts()).containsEntry("NodeAndRegistration per op", 128L);
    assertThat(r.breakdown()).contains("total (TFLM reference kernels): 6812");
  }

  /** An op whose kernel is not in the table (a custom op) is named, not counted as free. */
  @Test
  void opsWithoutAKernelEntryAreReported() {
    List<Tensor> tensors = List.of(new Tensor("a", TensorType.FLOAT32, new int[] {1, 4}),
        new Tensor("b", TensorType.FLOAT32, new int[] {1, 4}));
    Subgraph g = new Subgraph("g", tensors,
        List.of(new Operator(BuiltinOp.CUSTOM, new int[] {0}, new int[] {1}, null)),
        new int[] {0}, new int[] {1});
    assertThat(ArenaModel.estimate(g).unmodelledOps()).containsExactly("CUSTOM");
    assertThat(ArenaModel.estimate(g).breakdown()).contains("not modelled");
  }

  /**
   * in (1x64 int8, 64 bytes) -> relu -> mid (64) -> relu -> out (64): mid lives at steps 1-2, in at
   * 0-1, out at 2-end, so two 64-byte buffers suffice (128); a 256-byte scratch at op 0 (step 1)
   * is alive with in and mid: 256 + 64 + 64 = 384.
   */
  @Test
  void scratchBuffersArePlannedAtTheirOpsStep() {
    List<Tensor> tensors = List.of(new Tensor("in", TensorType.INT8, new int[] {1, 64}),
        new Tensor("mid", TensorType.INT8, new int[] {1, 64}),
        new Tensor("out", TensorType.INT8, new int[] {1, 64}));
    Subgraph g = new Subgraph("g", tensors,
        List.of(new Operator(BuiltinOp.RELU, new int[] {0}, new int[] {1}, null),
            new Operator(BuiltinOp.RELU, new int[] {1}, new int[] {2}, null)),
        new int[] {0}, new int[] {2});
    assertThat(ArenaModel.estimate(g, Target.CORTEX_M, i -> new long[0]).head()).isEqualTo(128);
    ArenaReport withScratch = ArenaModel.estimate(g, Target.CORTEX_M,
        i -> i == 0 ? new long[] {250} : new long[0]);
    assertThat(withScratch.head()).isEqualTo(384);
    assertThat(withScratch.tailItems()).contains("ScratchBufferHandle x1: 4 (align 4)");
  }
}
