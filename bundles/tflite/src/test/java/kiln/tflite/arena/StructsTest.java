package kiln.tflite.arena;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The layouts give the C struct sizes worked out by hand from the fields (natural alignment,
 * size rounded to the widest member): x86-64 with 8-byte pointers, 32-bit targets with 4-byte
 * pointers, and the i386 rule that puts a double at a 4-byte boundary.
 */
class StructsTest {
  @Test
  void runtimeStructs() {
    Target x64 = Target.X86_64;
    assertThat(x64.sizeOf(Structs.SINGLE_ARENA_BUFFER_ALLOCATOR)).isEqualTo(72); // 8 x 8 + 4, pad
    assertThat(x64.sizeOf(Structs.GREEDY_MEMORY_PLANNER)).isEqualTo(72);
    assertThat(x64.sizeOf(Structs.MICRO_ALLOCATOR)).isEqualTo(72);
    assertThat(x64.sizeOf(Structs.TFLITE_EVAL_TENSOR)).isEqualTo(24);
    assertThat(x64.sizeOf(Structs.NODE_AND_REGISTRATION)).isEqualTo(64);
    assertThat(x64.sizeOf(Structs.TFLITE_TENSOR)).isEqualTo(64);
    assertThat(x64.sizeOf(Structs.TFLITE_AFFINE_QUANTIZATION)).isEqualTo(24);
    Target m32 = Target.CORTEX_M;
    assertThat(m32.sizeOf(Structs.SINGLE_ARENA_BUFFER_ALLOCATOR)).isEqualTo(36); // 8 x 4 + 4
    assertThat(m32.sizeOf(Structs.GREEDY_MEMORY_PLANNER)).isEqualTo(44); // 10 x 4 + 1, pad
    assertThat(m32.sizeOf(Structs.MICRO_ALLOCATOR)).isEqualTo(36); // 5 x 4, bool, pad, 3 x 4
    assertThat(m32.sizeOf(Structs.TFLITE_EVAL_TENSOR)).isEqualTo(12);
    assertThat(m32.sizeOf(Structs.NODE_AND_REGISTRATION)).isEqualTo(32);
    assertThat(m32.sizeOf(Structs.TFLITE_TENSOR)).isEqualTo(40); // 9 x 4 + bool, pad
    assertThat(m32.alignOf(Structs.TFLITE_EVAL_TENSOR)).isEqualTo(4);
  }

  @Test
  void kernelStructs() {
    Target x64 = Target.X86_64;
    assertThat(x64.sizeOf(Structs.OP_DATA_CONV)).isEqualTo(72); // 9 ints, pad, 2 ptrs, 3 ints, pad
    assertThat(x64.sizeOf(Structs.OP_DATA_FULLY_CONNECTED)).isEqualTo(64);
    assertThat(x64.sizeOf(Structs.SOFTMAX_OP_DATA)).isEqualTo(80); // 8 + 7 x 4, pad, 5 x 8
    assertThat(x64.sizeOf(Structs.TRANSPOSE_CONV_OP_DATA)).isEqualTo(80);
    assertThat(x64.sizeOf(Structs.STRIDED_SLICE_OP_DATA)).isEqualTo(84);
    assertThat(x64.sizeOf(Structs.PAD_OP_DATA)).isEqualTo(56);
    assertThat(x64.sizeOf(Structs.CONCATENATION_OP_DATA)).isEqualTo(40);
    assertThat(x64.sizeOf(Structs.HARD_SWISH_PARAMS)).isEqualTo(20);
    assertThat(x64.sizeOf(Structs.POOL_PARAMS)).isEqualTo(40);
    assertThat(x64.sizeOf(Structs.RESHAPE_PARAMS)).isEqualTo(36);
    assertThat(x64.sizeOf(Structs.FULLY_CONNECTED_PARAMS)).isEqualTo(16);
    Target m32 = Target.CORTEX_M;
    assertThat(m32.sizeOf(Structs.OP_DATA_CONV)).isEqualTo(56);
    assertThat(m32.sizeOf(Structs.OP_DATA_FULLY_CONNECTED)).isEqualTo(48); // 9 x 4 + 8 + 1, pad
    assertThat(m32.sizeOf(Structs.SOFTMAX_OP_DATA)).isEqualTo(56);
    // OpDataQuantizeReference: int, then a double at 8 on ARM (4 on i386), then three ints
    assertThat(m32.sizeOf(Structs.QUANTIZE_OP_DATA)).isEqualTo(32);
    assertThat(Target.X86_32.sizeOf(Structs.QUANTIZE_OP_DATA)).isEqualTo(24);
    assertThat(Target.X86_32.alignOf(Structs.SOFTMAX_OP_DATA)).isEqualTo(4);
  }
}
