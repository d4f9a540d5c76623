package kiln.tflite.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.Quantization;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.options.Activation;
import kiln.tflite.options.GenericOptions;
import kiln.tflite.options.SVDFOptions;
import org.junit.jupiter.api.Test;

/**
 * Arena figures of ops no measurement covers, worked out by hand from TFLite Micro's structs and
 * calls (named in each comment) for 32-bit x86 ({@link Target#X86_32}: 4-byte pointers). The
 * runtime objects every model starts with: SingleArenaBufferAllocator 36, GreedyMemoryPlanner 44
 * (to 80), MicroAllocator 36 (to 116); then MicroBuiltinDataAllocator 8 and 8 per
 * SubgraphAllocations. TfLiteEvalTensor is 12 bytes, NodeAndRegistration 32, TfLiteTensor 40,
 * TfLiteAffineQuantization 12, a one-entry zero-point TfLiteIntArray 8; Init and Prepare buffers,
 * variable tensors and the TfLiteTensor* arrays start on 16 bytes. Each figure after an arrow is
 * the persistent bytes used after that allocation (rounded up to its alignment).
 */
class SourceDerivedArenaTest {
  /**
   * MIRROR_PAD of a float [1,4] by a constant int32 [2,2] to [1,6]. Head: in 16 (scopes 0-1),
   * out 24 -> 32 and two scratch buffers of 4 x rank = 8 -> 16 each (mirror_pad.cc Prepare), all
   * alive at scope 1: 80. Tail: 116 + 8 (builtin data allocator) + 8 (one SubgraphAllocations) =
   * 132; 3 eval tensors 36 -> 168; one node 32 -> 200; TfLiteMirrorPaddingParams 4 -> 204;
   * OpDataMirrorPad (5 ints) 20 -> 224 (16-aligned); two ScratchBufferHandles 8 -> 232; input
   * TfLiteTensor* 4 -> 240, its TfLiteTensor 40 -> 280; output TfLiteTensor* 4 -> 288, its
   * TfLiteTensor -> 328. Total 80 + 328 = 408.
   */
  @Test
  void mirrorPad() {
    Tensor paddings = new Tensor("paddings", TensorType.INT32, new int[] {2, 2})
        .setData(new byte[16]);
    Subgraph g = new Subgraph("g", List.of(
        new Tensor("in", TensorType.FLOAT32, new int[] {1, 4}), paddings,
        new Tensor("out", TensorType.FLOAT32, new int[] {1, 6})),
        List.of(new Operator(BuiltinOp.MIRROR_PAD, new int[] {0, 1}, new int[] {2}, null)),
        new int[] {0}, new int[] {2});
    ArenaReport r = ArenaModel.estimate(g, Target.X86_32, TflmKernels.REFERENCE);
    assertThat(r.head()).isEqualTo(80);
    assertThat(r.tail()).isEqualTo(328);
    assertThat(r.total()).isEqualTo(408);
    assertThat(r.unmodelledOps()).isEmpty();
  }

  /**
   * An int8 SVDF (keyword_scrambled's kind): input [1,4], weights_feature [8,4], weights_time
   * int16 [8,10], bias int32 [4], activation state int16 [1,80] variable, output [1,4]; rank 2,
   * so 8 filters and 4 units. Head: input 4 -> 16, output 4 -> 16, scratch batch x filters x 4 =
   * 32 and batch x units x 4 = 16 (svdf_common.cc PrepareSvdf), all alive at scope 1: 80. Tail:
   * 132; 6 eval tensors 72 -> 204; node -> 236; TfLiteSVDFParams (rank, activation, bool) 12 ->
   * 248; OpDataSvdf (9 ints) 36 -> 288 (16-aligned); two ScratchBufferHandles -> 296; the state
   * (MicroAllocator::AllocateVariables) 160 -> 464; input TfLiteTensor* -> 480, TfLiteTensor ->
   * 520, TfLiteAffineQuantization -> 532, zero points -> 540; output TfLiteTensor* -> 544,
   * TfLiteTensor -> 584, quantization -> 596, zero points -> 604. Total 80 + 604 = 684.
   */
  @Test
  void int8Svdf() {
    Subgraph g = new Subgraph("g", List.of(
        quantized(new Tensor("in", TensorType.INT8, new int[] {1, 4})),
        new Tensor("wf", TensorType.INT8, new int[] {8, 4}).setData(new byte[32]),
        new Tensor("wt", TensorType.INT16, new int[] {8, 10}).setData(new byte[160]),
        new Tensor("bias", TensorType.INT32, new int[] {4}).setData(new byte[16]),
        new Tensor("state", TensorType.INT16, new int[] {1, 80}).setVariable(true),
        quantized(new Tensor("out", TensorType.INT8, new int[] {1, 4}))),
        List.of(new Operator(BuiltinOp.SVDF, new int[] {0, 1, 2, 3, 4}, new int[] {5},
            new SVDFOptions(2, Activation.NONE))),
        new int[] {0}, new int[] {5});
    ArenaReport r = ArenaModel.estimate(g, Target.X86_32, TflmKernels.REFERENCE);
    assertThat(r.head()).isEqualTo(80);
    assertThat(r.tail()).isEqualTo(604);
    assertThat(r.total()).isEqualTo(684);
    assertThat(r.tailParts()).containsEntry("variable tensors", 168L); // 8 padding + 160
    // CMSIS-NN's SVDF (Cortex-M33 without MVE): CmsisNnOpDataSvdf adds the kernel_sums pointer,
    // 40 bytes, which from 248 also ends at 288; no kernel sums without MVE: the same 684
    assertThat(ArenaModel.estimate(g, Target.X86_32, TflmKernels.CMSIS_NN).total())
        .isEqualTo(684);
  }

  /**
   * IF with a NEG then-branch and an ABS else-branch, all three subgraphs allocated
   * (MicroAllocator::StartModelAllocation) and planned together (micro_allocation_info.cc): main
   * cond bool [1], x and y float [1,4]; each branch in [1,4] -> out [1,4]. Scopes: main inputs
   * 0; IF 1; then-branch entered at 2, its NEG at 3; else-branch entered at 4, its ABS at 5; the
   * IF's tensors live to 5. Seven 16-byte buffers, at most five alive at once (main's three and
   * a branch's two): head 80. Tail: 116 + 8 + 3 x 8 = 148; eval tensors 36 + 24 + 24 -> 232;
   * three nodes 96 -> 328; TfLiteIfParams 8 -> 336; the IF's OpData (2 ints) 8 -> 352, ABS's
   * OpDataAbsRsqrt 28 -> 384 (NEG has no Init); input TfLiteTensor* x2 8 -> 400, two
   * TfLiteTensors -> 480; output TfLiteTensor* -> 496, TfLiteTensor -> 536. Total 616.
   */
  @Test
  void ifAllocatesEverySubgraph() {
    Subgraph main = new Subgraph("main", List.of(
        new Tensor("cond", TensorType.BOOL, new int[] {1}),
        new Tensor("x", TensorType.FLOAT32, new int[] {1, 4}),
        new Tensor("y", TensorType.FLOAT32, new int[] {1, 4})),
        List.of(new Operator(BuiltinOp.IF, new int[] {0, 1}, new int[] {2},
            new GenericOptions("IfOptions",
                Map.of("thenSubgraphIndex", 1, "elseSubgraphIndex", 2)))),
        new int[] {0, 1}, new int[] {2});
    ArenaReport r = ArenaModel.estimate(
        List.of(main, branch("then", BuiltinOp.NEG), branch("else", BuiltinOp.ABS)),
        Target.X86_32, TflmKernels.REFERENCE);
    assertThat(r.head()).isEqualTo(80);
    assertThat(r.tail()).isEqualTo(536);
    assertThat(r.total()).isEqualTo(616);
  }

  /**
   * VAR_HANDLE, ASSIGN_VARIABLE of a constant float [1,4], READ_VARIABLE to the output. The
   * handle's tensor gets its data in VarHandlePrepare, so only the output (16 bytes) is planned:
   * head 16. Tail: 116; MicroResourceVariables (pointer, two ints) 12 -> 128, one
   * MicroResourceVariable (four pointers, int8) 20 -> 160 (both 16-aligned: AllocatePersistentBuffer
   * of MicroAllocator); builtin data allocator -> 168, SubgraphAllocations -> 176; 3 eval tensors
   * -> 212; 3 nodes -> 308; TfLiteVarHandleParams (two pointers) -> 316; var_handle.cc OpData 4
   * -> 320; ASSIGN_VARIABLE's Prepare (MicroResourceVariables::Allocate) the value's 16 bytes ->
   * 336; no inputs: an empty TfLiteTensor* array; output TfLiteTensor* -> 352, TfLiteTensor ->
   * 392. Total 408.
   */
  @Test
  void resourceVariable() {
    Subgraph g = new Subgraph("g", List.of(
        new Tensor("handle", TensorType.RESOURCE, new int[0]),
        new Tensor("value", TensorType.FLOAT32, new int[] {1, 4}).setData(new byte[16]),
        new Tensor("out", TensorType.FLOAT32, new int[] {1, 4})),
        List.of(
            new Operator(BuiltinOp.VAR_HANDLE, new int[0], new int[] {0},
                new GenericOptions("VarHandleOptions", Map.of("sharedName", "v"))),
            new Operator(BuiltinOp.ASSIGN_VARIABLE, new int[] {0, 1}, new int[0], null),
            new Operator(BuiltinOp.READ_VARIABLE, new int[] {0}, new int[] {2}, null)),
        new int[0], new int[] {2});
    ArenaReport r = ArenaModel.estimate(g, Target.X86_32, TflmKernels.REFERENCE);
    assertThat(r.head()).isEqualTo(16);
    assertThat(r.tail()).isEqualTo(392);
    assertThat(r.total()).isEqualTo(408);
  }

  /**
   * int8 BATCH_MATMUL of an input [2,3] by a constant [3,4] to [2,4], adj_x and adj_y false.
   * Head: lhs 6 -> 16 and out 8 -> 16, both alive at scope 1: 32. Tail: 132; 3 eval tensors ->
   * 168; node -> 200; TfLiteBatchMatMulParams (three bools) 3 -> 203; BatchMatMulInit's
   * OpDataBatchMatmul (3 pointers, 3 bools) 16 -> 224; Prepare (batch_matmul.cc
   * InitializeTemporaries): QuantizationOpDataBatchMatmul (7 ints) 28 -> 256, and, adj_y being
   * false, rhs's transposed copy: TfLiteEvalTensor 12 -> 272, dims 4 + 2 x 4 -> 288, data 12
   * int8 -> 304; ReshapeOutputTensor's output dims 12 -> 320; input TfLiteTensor* -> 336,
   * TfLiteTensor -> 376, quantization -> 388, zero points -> 396; output TfLiteTensor* -> 400,
   * TfLiteTensor -> 440, quantization -> 452, zero points -> 460. Total 32 + 460 = 492.
   */
  @Test
  void int8BatchMatmul() {
    Subgraph g = new Subgraph("g", List.of(
        quantized(new Tensor("lhs", TensorType.INT8, new int[] {2, 3})),
        quantized(new Tensor("rhs", TensorType.INT8, new int[] {3, 4})).setData(new byte[12]),
        quantized(new Tensor("out", TensorType.INT8, new int[] {2, 4}))),
        List.of(new Operator(BuiltinOp.BATCH_MATMUL, new int[] {0, 1}, new int[] {2},
            new GenericOptions("BatchMatMulOptions", Map.of("adjX", false, "adjY", false)))),
        new int[] {0}, new int[] {2});
    ArenaReport r = ArenaModel.estimate(g, Target.X86_32, TflmKernels.REFERENCE);
    assertThat(r.head()).isEqualTo(32);
    assertThat(r.tail()).isEqualTo(460);
    assertThat(r.total()).isEqualTo(492);
  }

  private static Subgraph branch(String name, BuiltinOp op) {
    return new Subgraph(name, List.of(
        new Tensor("in", TensorType.FLOAT32, new int[] {1, 4}),
        new Tensor("out", TensorType.FLOAT32, new int[] {1, 4})),
        List.of(new Operator(op, new int[] {0}, new int[] {1}, null)),
        new int[] {0}, new int[] {1});
  }

  private static Tensor quantized(Tensor t) {
    return t.setQuantization(new Quantization(new float[] {0.5f}, new long[] {0}, 0, null, null));
  }
}
