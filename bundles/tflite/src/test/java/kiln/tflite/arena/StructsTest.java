package kiln.tflite.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.tflite.BuiltinOp;
import org.junit.jupiter.api.Test;

/** The layouts give TFLite Micro's x86-64 struct sizes (those behind the 7312-byte check). */
class StructsTest {
  @Test
  void runtimeStructsOnX86AndCortexM() {
    Target x86 = Target.X86_64;
    assertThat(x86.sizeOf(Structs.SINGLE_ARENA_BUFFER_ALLOCATOR)).isEqualTo(72);
    assertThat(x86.sizeOf(Structs.GREEDY_MEMORY_PLANNER)).isEqualTo(72);
    assertThat(x86.sizeOf(Structs.MICRO_ALLOCATOR)).isEqualTo(72);
    assertThat(x86.sizeOf(Structs.MICRO_BUILTIN_DATA_ALLOCATOR)).isEqualTo(16);
    assertThat(x86.sizeOf(Structs.TFLITE_EVAL_TENSOR)).isEqualTo(24);
    assertThat(x86.sizeOf(Structs.NODE_AND_REGISTRATION)).isEqualTo(64);
    assertThat(x86.sizeOf(Structs.TFLITE_TENSOR)).isEqualTo(64);
    assertThat(x86.sizeOf(Structs.TFLITE_AFFINE_QUANTIZATION)).isEqualTo(24);
    // 32-bit: pointers 4 bytes, so data + dims + type = 12, six node pointers + int + registration
    Target mcu = Target.CORTEX_M;
    assertThat(mcu.sizeOf(Structs.TFLITE_EVAL_TENSOR)).isEqualTo(12);
    assertThat(mcu.sizeOf(Structs.NODE_AND_REGISTRATION)).isEqualTo(32);
    assertThat(mcu.alignOf(Structs.TFLITE_EVAL_TENSOR)).isEqualTo(4);
  }

  @Test
  void kernelStructsOnX86() {
    Map<BuiltinOp, Integer> params = new LinkedHashMap<>();
    params.put(BuiltinOp.CONV_2D, 28);
    params.put(BuiltinOp.FULLY_CONNECTED, 16);
    params.put(BuiltinOp.MAX_POOL_2D, 40);
    params.put(BuiltinOp.RESHAPE, 36);
    params.put(BuiltinOp.SOFTMAX, 4);
    params.put(BuiltinOp.ADD, 8);
    params.put(BuiltinOp.MEAN, 1);
    params.put(BuiltinOp.TRANSPOSE_CONV, 20);
    params.put(BuiltinOp.STRIDED_SLICE, 24);
    params.forEach((op, size) ->
        assertThat(Target.X86_64.sizeOf(Structs.builtinParams(op))).as(op.name()).isEqualTo(size));
    Map<BuiltinOp, Integer> opData = new LinkedHashMap<>();
    opData.put(BuiltinOp.CONV_2D, 72);
    opData.put(BuiltinOp.FULLY_CONNECTED, 64);
    opData.put(BuiltinOp.AVERAGE_POOL_2D, 32);
    opData.put(BuiltinOp.SOFTMAX, 80);
    opData.put(BuiltinOp.LOGISTIC, 16);
    opData.put(BuiltinOp.RELU, 28);
    opData.put(BuiltinOp.RELU6, 8);
    opData.put(BuiltinOp.LEAKY_RELU, 24);
    opData.put(BuiltinOp.HARD_SWISH, 20);
    opData.put(BuiltinOp.ADD, 60);
    opData.put(BuiltinOp.SUB, 52);
    opData.put(BuiltinOp.MUL, 36);
    opData.put(BuiltinOp.MEAN, 44);
    opData.put(BuiltinOp.PAD, 56);
    opData.put(BuiltinOp.CONCATENATION, 40);
    opData.put(BuiltinOp.TRANSPOSE_CONV, 80);
    opData.put(BuiltinOp.STRIDED_SLICE, 84);
    opData.put(BuiltinOp.QUANTIZE, 32);
    opData.forEach((op, size) ->
        assertThat(Target.X86_64.sizeOf(Structs.opData(op))).as(op.name()).isEqualTo(size));
    assertThat(Structs.opData(BuiltinOp.RESHAPE)).isNull();
  }
}
