package kiln.tflite.arena;

/**
 * The field layouts (see {@link Target#sizeOf}) of the C structs TFLite Micro takes from the arena
 * for good, each named after its struct and the file that declares it in tensorflow/tflite-micro.
 * Compiled for x86-64 they give the sizes behind TFLite Micro's {@code arena_used_bytes()}; on a
 * 32-bit target the pointer fields shrink. Kernels' structs are used from {@link TflmKernels}.
 */
final class Structs {
  private Structs() {}

  // ---- runtime objects (micro/arena_allocator, micro/memory_planner, micro/micro_allocator.*) ----

  /**
   * SingleArenaBufferAllocator: two vtables (INonPersistentBufferAllocator,
   * IPersistentBufferAllocator), buffer_head_, buffer_tail_, head_, tail_, temp_,
   * temp_buffer_ptr_check_sum_ (intptr_t), temp_buffer_count_.
   */
  static final String SINGLE_ARENA_BUFFER_ALLOCATOR = "PPPPPPPPI";
  /**
   * GreedyMemoryPlanner: vtable, max_buffer_count_, buffer_count_, requirements_,
   * buffer_sizes_sorted_, buffer_ids_sorted_, buffers_sorted_by_offset_, next_free_entry_,
   * first_entry_index_, buffer_offsets_, need_to_calculate_offsets_.
   */
  static final String GREEDY_MEMORY_PLANNER = "PIIPPPPIIPB";
  /**
   * MicroAllocator: vtable, non_persistent_buffer_allocator_, persistent_buffer_allocator_,
   * builtin_data_allocator_, memory_planner_, model_is_allocating_, scratch_buffer_request_count_
   * (size_t), scratch_buffer_head_, max_head_buffer_usage_ (size_t).
   */
  static final String MICRO_ALLOCATOR = "PPPPPBPPP";
  /** MicroBuiltinDataAllocator (micro_allocator.cc): vtable, persistent_allocator_. */
  static final String MICRO_BUILTIN_DATA_ALLOCATOR = "PP";
  /** SubgraphAllocations: node_and_registrations, tensors. */
  static final String SUBGRAPH_ALLOCATIONS = "PP";
  /** TfLiteEvalTensor (c/common.h): data, dims, type. */
  static final String TFLITE_EVAL_TENSOR = "PPI";
  /**
   * NodeAndRegistration: TF_LITE_STATIC_MEMORY's TfLiteNode (inputs, outputs, intermediates,
   * user_data, builtin_data, custom_initial_data, custom_initial_data_size), then registration.
   */
  static final String NODE_AND_REGISTRATION = "PPPPPPIP";
  /** ScratchBufferHandle: data. */
  static final String SCRATCH_BUFFER_HANDLE = "P";
  /**
   * TF_LITE_STATIC_MEMORY's TfLiteTensor: quantization {type, params}, params {scale, zero_point},
   * data, dims, bytes (size_t), type, allocation_type, is_variable.
   */
  static final String TFLITE_TENSOR = "IPIIPPPIIB";
  /** TfLiteAffineQuantization: scale, zero_point, quantized_dimension. */
  static final String TFLITE_AFFINE_QUANTIZATION = "PPI";
  /** One TfLiteTensor* of the interpreter's input and output arrays. */
  static final String TENSOR_POINTER = "P";

  // ---- builtin options (core/c/builtin_op_data.h), allocated by the op's Parse* function ----

  /** TfLiteConvParams: padding, stride w/h, activation, dilation w/h, quantized_bias_type. */
  static final String CONV_PARAMS = "IIIIIII";
  /** TfLiteDepthwiseConvParams: padding, stride w/h, depth_multiplier, activation, dilation w/h. */
  static final String DEPTHWISE_CONV_PARAMS = "IIIIIII";
  /**
   * TfLiteFullyConnectedParams: activation, weights_format, keep_num_dims,
   * asymmetric_quantize_inputs, quantized_bias_type.
   */
  static final String FULLY_CONNECTED_PARAMS = "IIBBI";
  /** TfLitePoolParams: padding, stride w/h, filter w/h, activation, computed.padding (4 ints). */
  static final String POOL_PARAMS = "IIIIII" + "IIII";
  /** TfLiteReshapeParams: shape[8], num_dimensions. */
  static final String RESHAPE_PARAMS = "I".repeat(8) + "I";
  /** TfLiteSqueezeParams: squeeze_dims[8], num_squeeze_dims. */
  static final String SQUEEZE_PARAMS = "I".repeat(8) + "I";
  /** TfLiteSoftmaxParams: beta. */
  static final String SOFTMAX_PARAMS = "I";
  /** TfLiteAddParams, TfLiteSubParams: activation, pot_scale_int16. */
  static final String ADD_SUB_PARAMS = "IB";
  /** TfLiteMulParams, TfLiteDivParams: activation. */
  static final String MUL_DIV_PARAMS = "I";
  /** TfLiteReducerParams: keep_dims. */
  static final String REDUCER_PARAMS = "B";
  /** TfLiteConcatenationParams: axis, activation. */
  static final String CONCATENATION_PARAMS = "II";
  /** TfLitePackParams, TfLiteUnpackParams: values_count / num, axis. */
  static final String PACK_PARAMS = "II";
  /** TfLiteShapeParams, TfLiteArgMaxParams, TfLiteArgMinParams: out_type / output_type. */
  static final String TYPE_PARAMS = "I";
  /** TfLiteLeakyReluParams: alpha. */
  static final String LEAKY_RELU_PARAMS = "I";
  /** TfLiteTransposeConvParams: padding, stride w/h, activation, quantized_bias_type. */
  static final String TRANSPOSE_CONV_PARAMS = "IIIII";
  /** TfLiteStridedSliceParams: five masks, offset. */
  static final String STRIDED_SLICE_PARAMS = "IIIIIB";
  /** TfLiteBatchMatMulParams: adj_x, adj_y, asymmetric_quantize_inputs. */
  static final String BATCH_MATMUL_PARAMS = "BBB";
  /** TfLiteCastParams: in_data_type, out_data_type. */
  static final String CAST_PARAMS = "II";
  /** TfLiteCumsumParams, TfLiteResizeBilinearParams, TfLiteResizeNearestNeighborParams: two bools. */
  static final String TWO_BOOL_PARAMS = "BB";
  /**
   * One int: TfLiteDepthToSpaceParams, TfLiteSpaceToDepthParams (block_size),
   * TfLiteSplitParams, TfLiteSplitVParams (num_splits), TfLiteCallOnceParams,
   * TfLiteMirrorPaddingParams (mode).
   */
  static final String ONE_INT_PARAMS = "I";
  /** TfLiteGatherParams, TfLiteIfParams, TfLiteWhileParams: two ints. */
  static final String TWO_INT_PARAMS = "II";
  /** TfLiteSVDFParams: rank, activation, asymmetric_quantize_inputs. */
  static final String SVDF_PARAMS = "IIB";
  /**
   * TfLiteUnidirectionalSequenceLSTMParams: activation, cell_clip, proj_clip, time_major,
   * asymmetric_quantize_inputs, diagonal_recurrent_tensors.
   */
  static final String UNIDIRECTIONAL_SEQUENCE_LSTM_PARAMS = "IIIBBB";
  /** TfLiteVarHandleParams: container, shared_name. */
  static final String VAR_HANDLE_PARAMS = "PP";

  // ---- reference kernels' OpData (micro/kernels/*, kernels/internal/types.h), from Init ----

  /**
   * OpDataConv (kernels/conv.h), also depthwise_conv's: padding (TfLitePaddingValues, 4 ints),
   * input/filter/output zero points, output_multiplier, output_shift,
   * per_channel_output_multiplier, per_channel_output_shift, activation min/max,
   * filter_buffer_index.
   */
  static final String OP_DATA_CONV = "IIII" + "IIIII" + "PP" + "III";
  /**
   * OpDataFullyConnected (kernels/fully_connected.h): output_multiplier, output_shift, activation
   * min/max, input_quantized_index, input/filter/output zero points, filter_buffer_index,
   * per_channel_output_multiplier, per_channel_output_shift, is_per_channel.
   */
  static final String OP_DATA_FULLY_CONNECTED = "I".repeat(8) + "I" + "PP" + "B";
  /** OpDataPooling (kernels/pooling.h): padding (4 ints), activation min/max, f32 min/max. */
  static final String OP_DATA_POOLING = "IIII" + "IIII";
  /**
   * SoftmaxParams (kernels/internal/types.h): beta (double), input_multiplier, input_left_shift,
   * reverse_scaling_divisor, reverse_scaling_right_shift, diff_min, zero_point, scale, table,
   * exp_lut, one_over_one_plus_x_lut, uint8_table1, uint8_table2.
   */
  static final String SOFTMAX_OP_DATA = "D" + "IIIIII" + "I" + "PPPPP";
  /** OpDataLogistic (kernels/logistic.h), tanh.cc's OpData: four ints. */
  static final String OP_DATA_LOGISTIC = "IIII";
  /**
   * ReluOpData (kernels/activations.h): ReluParams = ActivationParams (activation_type uint8,
   * quantized min/max), input_offset, output_offset, output_multiplier, output_shift.
   */
  static final String RELU_OP_DATA = "B" + "II" + "IIII";
  /** Relu6OpData (kernels/activations.h): six, zero. */
  static final String RELU6_OP_DATA = "II";
  /** LeakyReluOpData (kernels/leaky_relu.h): six int32s. */
  static final String LEAKY_RELU_OP_DATA = "I".repeat(6);
  /**
   * HardSwishParams (kernels/internal/types.h): input/output zero points (int16),
   * reluish_multiplier_fixedpoint_int16, reluish_multiplier_exponent,
   * output_multiplier_fixedpoint_int16, output_multiplier_exponent.
   */
  static final String HARD_SWISH_PARAMS = "SSS" + "I" + "S" + "I";
  /** OpDataAdd (kernels/add.h): requires_broadcast, 12 ints, two floats. */
  static final String OP_DATA_ADD = "B" + "I".repeat(12) + "II";
  /** OpDataSub (kernels/sub.h): requires_broadcast, 12 ints. */
  static final String OP_DATA_SUB = "B" + "I".repeat(12);
  /** OpDataMul (kernels/mul.h): seven ints, two floats. */
  static final String OP_DATA_MUL = "I".repeat(7) + "II";
  /** OpDataReduce (kernels/reduce.h): eleven ints and floats. */
  static final String OP_DATA_REDUCE = "I".repeat(11);
  /**
   * pad.h's OpData: PadParams (left_padding_count int8, left_padding[5], right_padding_count,
   * right_padding[5], resizing_category uint8), output_zero_point.
   */
  static final String PAD_OP_DATA = "B" + "IIIII" + "B" + "IIIII" + "B" + "I";
  /**
   * concatenation.cc's OpData: ConcatenationParams (axis, input_zeropoint, input_scale,
   * inputs_count, output_zeropoint, output_scale).
   */
  static final String CONCATENATION_OP_DATA = "I" + "PP" + "III";
  /**
   * transpose_conv.cc's OpData: ConvParams (padding_type uint8, PaddingValues of 4 int16, stride
   * and dilation int16 x4, 9 ints and floats), scratch_buffer_index, bias_converted_buffer_index,
   * per_channel_output_multiplier, per_channel_output_shift.
   */
  static final String TRANSPOSE_CONV_OP_DATA = "B" + "SSSS" + "SSSS" + "I".repeat(9) + "II" + "PP";
  /**
   * StridedSliceParams (kernels/internal/types.h): start_indices_count (int8), start_indices[5],
   * stop_indices_count, stop_indices[5], strides_count, strides[5], five uint16 masks, offset.
   */
  static final String STRIDED_SLICE_OP_DATA =
      "B" + "IIIII" + "B" + "IIIII" + "B" + "IIIII" + "SSSSS" + "B";
  /**
   * OpDataQuantizeReference (kernels/quantize.h): QuantizationParams (zero_point, scale double),
   * requantize_output_multiplier, requantize_output_shift, input_zero_point.
   */
  static final String QUANTIZE_OP_DATA = "ID" + "III";
  /**
   * DequantizeOpData (kernels/dequantize.h): DequantizationParams (scale double, zero_point),
   * output_multiplier, output_shift, output_zero_point.
   */
  static final String DEQUANTIZE_OP_DATA = "DI" + "III";

  // ---- added for the ops beyond the measured models (each from the named TFLM source) ----

  /** TfLiteL2NormParams (builtin_op_data.h, ParseL2Normalization): activation. */
  static final String L2_NORM_PARAMS = "I";
  /**
   * OpDataAbsRsqrt (kernels/elementwise.cc, ElementWiseAbsRsqrtInit): multiplier, shift,
   * input_offset, output_offset, needs_rescale (bool), input_quantization_type, input_type.
   */
  static final String OP_DATA_ABS_RSQRT = "IIII" + "B" + "II";
  /** elu.cc's OpData: int8_t table[256]. */
  static final String ELU_OP_DATA = "B".repeat(256);
  /**
   * PreluParams (kernels/internal/types.h, prelu.cc PreluInit): input_offset, alpha_offset,
   * output_offset, output_multiplier_1, output_shift_1, output_multiplier_2, output_shift_2.
   */
  static final String PRELU_PARAMS = "I".repeat(7);
  /**
   * ArithmeticParams (kernels/internal/types.h): broadcast_category (uint8 enum), 10 offsets,
   * multipliers and shifts, quantized activation min/max, float activation min/max, int64
   * activation min/max, int16 activation min/max, broadcast_shape[5].
   */
  static final String ARITHMETIC_PARAMS = "B" + "I".repeat(10) + "II" + "II" + "LL" + "SS"
      + "I".repeat(5);
  /** squared_difference.cc's OpData: requires_broadcast, ArithmeticParams arithmetic_params. */
  static final String SQUARED_DIFFERENCE_OP_DATA = "B(" + ARITHMETIC_PARAMS + ")";
  /**
   * OpDataDiv (div.cc): input1/input2/output zero points, output activation min/max,
   * output_multiplier, output_shift.
   */
  static final String OP_DATA_DIV = "I".repeat(7);
  /**
   * comparisons.cc's OpData: ComparisonParams (kernels/internal/types.h): left_shift,
   * input1_offset, input1_multiplier, input1_shift, input2_offset, input2_multiplier,
   * input2_shift, is_broadcast.
   */
  static final String COMPARISON_OP_DATA = "I".repeat(7) + "B";
  /** select.cc's OpData: requires_broadcast. */
  static final String SELECT_OP_DATA = "B";
  /**
   * add_n.cc's OpData (int8 only, allocated in Prepare): output activation min/max,
   * input/output offsets, input/output multipliers, input/output shifts, left_shift,
   * scratch_index.
   */
  static final String ADD_N_OP_DATA = "I".repeat(10);
  /**
   * cumsum.cc's OpData (int8 only, allocated in Prepare): output activation min/max,
   * input/output offsets, input/output multipliers, input/output shifts, left_shift.
   */
  static final String CUMSUM_OP_DATA = "I".repeat(9);
  /**
   * LogSoftmaxOpData (log_softmax.cc, int8 only, allocated in Prepare): input_multiplier,
   * input_left_shift, reverse_scaling_divisor, reverse_scaling_right_shift, diff_min,
   * outer_size (size_t), depth (size_t).
   */
  static final String LOG_SOFTMAX_OP_DATA = "IIIII" + "PP";
  /** L2NormalizationParams (kernels/internal/types.h, l2norm.cc L2NormInit): input_zero_point. */
  static final String L2_NORMALIZATION_OP_DATA = "I";
  /**
   * embedding_lookup.cc's OpData (allocated in CalculateOpData from Prepare): scale (float),
   * num_columns (size_t).
   */
  static final String EMBEDDING_LOOKUP_OP_DATA = "IP";
  /** SpaceToBatchParams (kernels/internal/types.h, SpaceToBatchNDInit): output_offset. */
  static final String SPACE_TO_BATCH_PARAMS = "I";
  /**
   * OpDataMirrorPad (mirror_pad.cc): input_dims, output_size, offset, and the two scratch buffer
   * indices.
   */
  static final String OP_DATA_MIRROR_PAD = "I".repeat(5);
  /**
   * OpDataBatchMatmul (kernels/batch_matmul.h): quantization, lhs_transposed_tensor,
   * rhs_transposed_tensor (pointers), rhs_is_transposed, lhs_is_constant_tensor,
   * rhs_is_constant_tensor.
   */
  static final String OP_DATA_BATCH_MATMUL = "PPP" + "BBB";
  /**
   * QuantizationOpDataBatchMatmul (kernels/batch_matmul.h, int8/int16 only): output_multiplier,
   * output_shift, output activation min/max, lhs/rhs/output zero points.
   */
  static final String BATCH_MATMUL_QUANTIZATION = "I".repeat(7);
  /** call_once.cc's OpData: init_subgraph_index, has_run. */
  static final String CALL_ONCE_OP_DATA = "IB";
  /** if.cc's OpData (then/else subgraph index), while.cc's (cond/body subgraph index). */
  static final String TWO_SUBGRAPH_OP_DATA = "II";
  /** var_handle.cc's OpData: resource_id. */
  static final String VAR_HANDLE_OP_DATA = "I";
  /**
   * OpDataSvdf (kernels/svdf.h): effective_scale_1_a, effective_scale_2_a, effective_scale_1_b,
   * effective_scale_2_b, scratch_tensor_index, scratch_output_tensor_index, input, output and
   * activation state zero points.
   */
  static final String OP_DATA_SVDF = "I".repeat(9);
  /**
   * FullyConnectedParams (kernels/internal/types.h): input/weights/output offsets,
   * output_multiplier, output_shift, quantized activation min/max, float activation min/max,
   * lhs_cacheable, rhs_cacheable, weights_format (uint8 enum).
   */
  static final String FULLY_CONNECTED_PARAMS_STRUCT = "I".repeat(9) + "BBB";
  /** GateParameters (kernels/lstm_shared.h): input_fc_params, recurrent_fc_params. */
  static final String GATE_PARAMETERS =
      "(" + FULLY_CONNECTED_PARAMS_STRUCT + ")(" + FULLY_CONNECTED_PARAMS_STRUCT + ")";
  /**
   * OpDataLSTM (kernels/lstm_shared.h): LstmSizeInfo (time_major bool, batch_size, time_steps,
   * input_dimension, state_dimension), CellStateInfo (cell_clip float, quantized_cell_clip int16,
   * cell_state_scale_power), cell_gate_nonlinear_type, four GateParameters (forget, input, cell,
   * output), InterGateParameters (three ArithmeticParams: forget_cell_mul, input_mul,
   * output_mul), buffer_indices[4].
   */
  static final String OP_DATA_LSTM = "(BIIII)" + "(ISI)" + "I"
      + ("(" + GATE_PARAMETERS + ")").repeat(4)
      + "((" + ARITHMETIC_PARAMS + ")(" + ARITHMETIC_PARAMS + ")(" + ARITHMETIC_PARAMS + "))"
      + "IIII";
  /** MicroResourceVariables (micro_resource_variable.h): resource_variables_, max and count. */
  static final String MICRO_RESOURCE_VARIABLES = "PII";
  /**
   * MicroResourceVariables::MicroResourceVariable: container, shared_name, resource_buffer, bytes
   * (size_t), default_value (int8).
   */
  static final String MICRO_RESOURCE_VARIABLE = "PPPPB";

  // ---- CMSIS-NN kernels (kernels/cmsis_nn, CMSIS-NN at 4ab83cc Include/arm_nn_types.h) ----

  /**
   * cmsis_nn/svdf.cc CmsisNnOpDataSvdf under KERNELS_OPTIMIZED_FOR_SPEED: the four scales, the two
   * scratch indices, three zero points, kernel_sums (pointer).
   */
  static final String CMSIS_NN_OP_DATA_SVDF = "I".repeat(9) + "P";
  /**
   * cmsis_nn_lstm_gate: input multiplier and shift, input_weights, input_effective_bias, hidden
   * multiplier and shift, hidden_weights, hidden_effective_bias, bias, activation_type (enum).
   */
  static final String CMSIS_NN_LSTM_GATE = "IIPP" + "IIPP" + "P" + "I";
  /** cmsis_nn_lstm_params: 15 int32 (sizes, offsets, multipliers, shifts), then four gates. */
  static final String CMSIS_NN_LSTM_PARAMS = "I".repeat(15)
      + ("(" + CMSIS_NN_LSTM_GATE + ")").repeat(4);
  /** cmsis_nn/unidirectional_sequence_lstm.cc OpData: OpDataLSTM, cmsis_nn_lstm_params. */
  static final String CMSIS_NN_LSTM_OP_DATA =
      "(" + OP_DATA_LSTM + ")(" + CMSIS_NN_LSTM_PARAMS + ")";
}
