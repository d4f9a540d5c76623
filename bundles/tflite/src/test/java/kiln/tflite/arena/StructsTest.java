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

  /**
   * Structs of the kernels beyond the measured models, by hand. ArithmeticParams: uint8 category,
   * 14 four-byte fields (4..60), two int64 (8-aligned on x86-64 and ARM: 64..80; 4-aligned on
   * i386: 60..76), two int16, five ints: 104 (x86-64, ARM) or 100 (i386). Nested after a bool
   * (squared_difference.cc's OpData) it starts at its own alignment: 8 + 104 = 112, 4 + 100 = 104.
   */
  @Test
  void nestedAndNewKernelStructs() {
    Target x64 = Target.X86_64;
    Target arm = Target.CORTEX_M;
    Target i386 = Target.X86_32;
    assertThat(x64.sizeOf(Structs.ARITHMETIC_PARAMS)).isEqualTo(104);
    assertThat(arm.sizeOf(Structs.ARITHMETIC_PARAMS)).isEqualTo(104);
    assertThat(i386.sizeOf(Structs.ARITHMETIC_PARAMS)).isEqualTo(100);
    assertThat(arm.sizeOf(Structs.SQUARED_DIFFERENCE_OP_DATA)).isEqualTo(112);
    assertThat(i386.sizeOf(Structs.SQUARED_DIFFERENCE_OP_DATA)).isEqualTo(104);
    // OpDataLSTM: LstmSizeInfo 20, CellStateInfo (float, int16, int32) 12, activation 4 = 36;
    // four GateParameters of two FullyConnectedParams (9 ints, 3 bytes: 40) = 320 -> 356; three
    // ArithmeticParams from 360 (8-aligned) = 672 or from 356 = 656 (i386); 4 ints: 688 / 672
    assertThat(arm.sizeOf(Structs.OP_DATA_LSTM)).isEqualTo(688);
    assertThat(x64.sizeOf(Structs.OP_DATA_LSTM)).isEqualTo(688);
    assertThat(i386.sizeOf(Structs.OP_DATA_LSTM)).isEqualTo(672);
    assertThat(arm.sizeOf(Structs.OP_DATA_SVDF)).isEqualTo(36);
    assertThat(arm.sizeOf(Structs.OP_DATA_ABS_RSQRT)).isEqualTo(28); // 4 ints, bool, pad, 2 enums
    assertThat(arm.sizeOf(Structs.COMPARISON_OP_DATA)).isEqualTo(32); // 7 ints, bool, pad
    assertThat(arm.sizeOf(Structs.OP_DATA_BATCH_MATMUL)).isEqualTo(16); // 3 pointers, 3 bools
    assertThat(x64.sizeOf(Structs.OP_DATA_BATCH_MATMUL)).isEqualTo(32);
    assertThat(arm.sizeOf(Structs.LOG_SOFTMAX_OP_DATA)).isEqualTo(28); // 5 ints, 2 size_t
    assertThat(x64.sizeOf(Structs.LOG_SOFTMAX_OP_DATA)).isEqualTo(40); // 20, pad to 24, 2 x 8
    assertThat(arm.sizeOf(Structs.EMBEDDING_LOOKUP_OP_DATA)).isEqualTo(8);
    assertThat(arm.sizeOf(Structs.MICRO_RESOURCE_VARIABLE)).isEqualTo(20); // 4 pointers, int8
    assertThat(x64.sizeOf(Structs.MICRO_RESOURCE_VARIABLE)).isEqualTo(40);
    assertThat(arm.sizeOf(Structs.ELU_OP_DATA)).isEqualTo(256);
    // CMSIS-NN: cmsis_nn_lstm_gate = 2 ints, 2 pointers, 2 ints, 3 pointers, enum: 40 on 32 bits,
    // 4 + 4 + 16 + 4 + 4 + 24 + 4 = 60 -> 64 on x86-64; cmsis_nn_lstm_params = 15 ints + 4 gates:
    // 220, or 60 -> 64 + 256 = 320; the LSTM OpData: OpDataLSTM 688 + 220 = 908 -> 912 (8-aligned)
    assertThat(arm.sizeOf(Structs.CMSIS_NN_LSTM_GATE)).isEqualTo(40);
    assertThat(x64.sizeOf(Structs.CMSIS_NN_LSTM_GATE)).isEqualTo(64);
    assertThat(arm.sizeOf(Structs.CMSIS_NN_LSTM_PARAMS)).isEqualTo(220);
    assertThat(x64.sizeOf(Structs.CMSIS_NN_LSTM_PARAMS)).isEqualTo(320);
    assertThat(arm.sizeOf(Structs.CMSIS_NN_LSTM_OP_DATA)).isEqualTo(912);
    assertThat(arm.sizeOf(Structs.CMSIS_NN_OP_DATA_SVDF)).isEqualTo(40);
    assertThat(arm.alignOf("B(L)")).isEqualTo(8);
    assertThat(i386.sizeOf("B(L)")).isEqualTo(12);
  }
}
