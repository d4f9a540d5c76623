package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import kiln.micro.kernels.Kernels;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import kiln.tflite.arena.ArenaModel;
import kiln.tflite.arena.ArenaReport;
import kiln.tflite.arena.Target;
import kiln.tflite.arena.TflmKernels;
import org.junit.jupiter.api.Test;

/** The arena model has a full line (options, Init, Prepare) for every op the runtime runs. */
class ArenaCoverageTest {
  @Test
  void everyOpTheRuntimeRunsIsModelled() {
    List<String> missing = new ArrayList<>();
    for (String name : Kernels.supported()) {
      // custom ops are registered as CUSTOM(code), as Interpreter.check names them
      kiln.tflite.OperatorCode code = name.startsWith("CUSTOM(")
          ? kiln.tflite.OperatorCode.custom(name.substring(7, name.length() - 1), 1)
          : kiln.tflite.OperatorCode.of(BuiltinOp.valueOf(name), 1);
      // one op over two float [1,4] inputs: the table's line is what is checked, not the shapes
      Subgraph g = new Subgraph("g", List.of(
          new Tensor("a", TensorType.FLOAT32, new int[] {1, 4}),
          new Tensor("b", TensorType.FLOAT32, new int[] {1, 4}),
          new Tensor("out", TensorType.FLOAT32, new int[] {1, 4})),
          List.of(new Operator(code, new int[] {0, 1}, new int[] {2}, null)),
          new int[] {0, 1}, new int[] {2});
      for (TflmKernels kernels : List.of(TflmKernels.REFERENCE, TflmKernels.CMSIS_NN)) {
        ArenaReport r = ArenaModel.estimate(g, Target.CORTEX_M, kernels);
        if (!r.unmodelledOps().isEmpty()) {
          missing.add(name + " (" + kernels + ")");
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  /**
   * VariableOpsTest's float accumulator on a 32-bit device: subgraph 0 CALL_ONCE(1), VAR_HANDLE,
   * READ_VARIABLE, ADD, ASSIGN_VARIABLE; subgraph 1 VAR_HANDLE, ASSIGN_VARIABLE of a constant;
   * float [1,4] values. Scopes (micro_allocation_info.cc): x from 0; CALL_ONCE 1, subgraph 1
   * entered at 2, its ops 3 and 4; VAR_HANDLE 5, READ 6 (v), ADD 7 (y, x's last use), ASSIGN 8.
   * The handles get their data in VarHandlePrepare and are not planned; x [0,7], v [6,7], y [7,8]
   * of 16 bytes all meet at 7: head 48. Tail: runtime objects 116; MicroResourceVariables 12 ->
   * 128 and one MicroResourceVariable 20 -> 160; builtin data allocator -> 168; two
   * SubgraphAllocations -> 184; eval tensors 4 x 12 -> 232 and 2 x 12 -> 256; nodes 5 x 32 -> 416
   * and 2 x 32 -> 480; options: TfLiteCallOnceParams 4 -> 484, TfLiteVarHandleParams 8 -> 492,
   * TfLiteAddParams 8 -> 500, subgraph 1's TfLiteVarHandleParams -> 508; Init (16-aligned):
   * call_once.cc OpData 8 -> 528, var_handle.cc OpData 4 -> 544, OpDataAdd 60 -> 608, subgraph
   * 1's VAR_HANDLE 4 -> 624; Prepare: main's ASSIGN_VARIABLE allocates the variable with y's 16
   * bytes -> 640 (subgraph 1's finds it allocated); input TfLiteTensor* -> 656, TfLiteTensor 40 ->
   * 696; output TfLiteTensor* -> 704, TfLiteTensor -> 744. Total 48 + 744 = 792.
   */
  @Test
  void callOnceAndAResourceVariableThroughTheRuntime() {
    byte[] model = VariableOpsTest.accumulator(false, new float[] {1, 2, 3, 4}, 0, 0).toBytes();
    assertThat(MicroRuntime.arenaSize(model, "acc")).isEqualTo(792);
    assertThat(MicroRuntime.load(model, "acc").arenaBytes()).isEqualTo(792);
    ArenaReport r = ArenaModel.estimate(TfliteModel.read(model, "acc"));
    assertThat(r.head()).isEqualTo(48);
    assertThat(r.unmodelledOps()).isEmpty();
  }

  /**
   * The runtime's own graphs (options carried over from OpOptions) give the same arena as the
   * .tflite file (options read by kiln.tflite) for models whose figure depends on options: SVDF's
   * rank sets a scratch size, LSTM's time_major its batch.
   */
  @Test
  void theRuntimeGraphsCarryTheOptionsTheArenaReads() {
    SequenceOpModels gen = new SequenceOpModels(20261205L);
    for (TfliteModel m : List.of(gen.svdf(false), gen.svdf(true), gen.floatLstm(true),
        gen.floatLstm(false))) {
      byte[] bytes = m.toBytes();
      int fromFile = MicroRuntime.arenaSize(bytes, "m");
      assertThat(MicroRuntime.load(bytes, "m").arenaBytes()).isEqualTo(fromFile);
      assertThat(ArenaModel.estimate(m).unmodelledOps()).isEmpty();
    }
  }
}
