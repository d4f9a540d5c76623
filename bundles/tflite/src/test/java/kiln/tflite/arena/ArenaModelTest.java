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

  /** TFLite Micro's arena_used_bytes() for micro_speech on x86-64 (reference kernels): 7312. */
  @Test
  void microSpeechNeedsWhatTflmReports() throws Exception {
    ArenaReport r = ArenaModel.estimate(fixture("tflm/micro_speech_quantized.tflite"));
    assertThat(r.total()).isEqualTo(7312);
    assertThat(r.head()).isEqualTo(5968);
    assertThat(r.tail()).isEqualTo(1344);
    assertThat(r.tailItems()).first().isEqualTo("SingleArenaBufferAllocator: 72 (align 8)");
  }

  /** The same model on a 32-bit MCU: the same plan, a smaller persistent part. */
  @Test
  void aCortexMHasTheSamePlanAndSmallerStructs() throws Exception {
    Subgraph g = fixture("tflm/micro_speech_quantized.tflite");
    ArenaReport host = ArenaModel.estimate(g);
    ArenaReport mcu = ArenaModel.estimate(g, Target.CORTEX_M, ArenaModel.referenceScratch(g));
    assertThat(mcu.head()).isEqualTo(host.head());
    assertThat(mcu.tail()).isLessThan(host.tail());
    assertThat(mcu.tailItems()).contains("TfLiteEvalTensor x" + g.tensors().size() + ": "
        + 12 * g.tensors().size() + " (align 4)");
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
