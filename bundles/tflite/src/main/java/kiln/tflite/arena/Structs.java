package kiln.tflite.arena;

import kiln.tflite.BuiltinOp;

/**
 * The field layouts (see {@link Target#sizeOf}) of the structs TFLite Micro allocates for good
 * when it prepares a model. Compiled for x86-64 they give the sizes TFLite Micro's
 * {@code arena_used_bytes()} accounts for; on a 32-bit target the pointer fields shrink.
 */
final class Structs {
  private Structs() {}

  /** Two vtables, buffer head/tail, head, tail, temp, temp checksum (intptr_t), temp count. */
  static final String SINGLE_ARENA_BUFFER_ALLOCATOR = "PPPPPPPPI";
  /** vtable, max count, four arrays, next free entry, first entry, offsets, count, need-to-plan. */
  static final String GREEDY_MEMORY_PLANNER = "PIPPPPIIPIB";
  /** vtable, the two buffer allocators, planner, builtin-data allocator, a flag, two arrays, count. */
  static final String MICRO_ALLOCATOR = "PPPPPBPPI";
  /** vtable and its buffer allocator. */
  static final String MICRO_BUILTIN_DATA_ALLOCATOR = "PP";
  /** The node-and-registration array and the eval-tensor array of one subgraph. */
  static final String SUBGRAPH_ALLOCATIONS = "PP";
  /** data, dims, type. */
  static final String TFLITE_EVAL_TENSOR = "PPI";
  /** TfLiteNode (inputs, outputs, intermediates, user data, builtin data, custom data, its size) and the registration. */
  static final String NODE_AND_REGISTRATION = "PPPPPPIP";
  /** The scratch buffer's data pointer. */
  static final String SCRATCH_BUFFER_HANDLE = "P";
  /** TF_LITE_STATIC_MEMORY's TfLiteTensor: quantization (type, params), scale, zero point, data, dims, bytes, type, allocation type, is_variable. */
  static final String TFLITE_TENSOR = "IPIIPPPIIB";
  /** scale array, zero-point array, quantized dimension. */
  static final String TFLITE_AFFINE_QUANTIZATION = "PPI";
  /** One TfLiteTensor* of the graph's input and output arrays. */
  static final String TENSOR_POINTER = "P";

  /** The TfLite*Params struct the op's parser allocates (no pointers in any), or null for none. */
  static String builtinParams(BuiltinOp op) {
    return switch (op) {
      case CONV_2D, DEPTHWISE_CONV_2D -> "IIIIIII";
      case FULLY_CONNECTED -> "IIBBI";
      case AVERAGE_POOL_2D, MAX_POOL_2D -> "I".repeat(10);
      case RESHAPE, SQUEEZE -> "I".repeat(9);
      case SOFTMAX, MUL, LEAKY_RELU, SHAPE -> "I";
      case ADD, SUB, CONCATENATION, PACK -> "II";
      case MEAN -> "B";
      case TRANSPOSE_CONV -> "IIIII";
      case STRIDED_SLICE -> "IIIIII";
      default -> null; // EXPAND_DIMS, LOGISTIC, TANH, RELU, RELU6, HARD_SWISH, PAD, QUANTIZE, ...
    };
  }

  /** The OpData the reference kernel's Init allocates, or null for kernels without one. */
  static String opData(BuiltinOp op) {
    return switch (op) {
      // OpDataConv: padding (4), 3 zero points, multiplier, shift, per-channel multiplier and
      // shift arrays, activation min/max, filter buffer index
      case CONV_2D, DEPTHWISE_CONV_2D -> "IIII" + "IIIII" + "PP" + "III";
      case FULLY_CONNECTED -> "I".repeat(8) + "PPP" + "B";
      case AVERAGE_POOL_2D, MAX_POOL_2D -> "I".repeat(8);
      // SoftmaxParams: beta, 4 ints, scale, 6 lookup-table pointers
      case SOFTMAX -> "D" + "IIII" + "I" + "PPPPPP";
      case LOGISTIC, TANH -> "IIII";
      case RELU -> "I".repeat(7);
      case RELU6 -> "II";
      case LEAKY_RELU -> "I".repeat(6);
      case HARD_SWISH -> "I".repeat(5);
      case ADD -> "I".repeat(15);
      case SUB -> "I".repeat(13);
      case MUL -> "I".repeat(9);
      case MEAN -> "I".repeat(11);
      case PAD, PADV2 -> "I".repeat(14);
      // ConcatenationParams: axis, zero-point and scale arrays, input count, output zero point, scale
      case CONCATENATION -> "BPPSII";
      // ConvParams (padding type, 8 int16 geometry fields, 9 ints), scratch index, per-channel arrays
      case TRANSPOSE_CONV -> "B" + "S".repeat(8) + "I".repeat(9) + "I" + "PP";
      case STRIDED_SLICE -> "I".repeat(21);
      // QuantizationParams (zero point, double scale), requantize multiplier and shift, input zero point
      case QUANTIZE, DEQUANTIZE -> "IDIII";
      default -> null; // RESHAPE, SQUEEZE, EXPAND_DIMS, SHAPE, PACK
    };
  }
}
