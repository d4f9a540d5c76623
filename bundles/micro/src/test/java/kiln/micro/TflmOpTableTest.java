package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import kiln.micro.kernels.Kernels;
import org.junit.jupiter.api.Test;

/**
 * The README's op table says, for every builtin op TFLite Micro's MicroMutableOpResolver can add
 * (tensorflow/lite/micro/micro_mutable_op_resolver.h: its Add* methods for builtin operators; the
 * signal library's custom ops and Ethos-U are left out), whether Kiln's runtime runs it. The table
 * must match the kernel registry, so it can never call an op supported that the runtime cannot run.
 */
class TflmOpTableTest {
  /** From micro_mutable_op_resolver.h (tflite-micro main, 2026): the builtin ops it registers. */
  static final List<String> TFLM_BUILTINS = List.of("ABS", "ADD", "ADD_N", "ARG_MAX", "ARG_MIN",
      "ASSIGN_VARIABLE", "AVERAGE_POOL_2D", "BATCH_MATMUL", "BATCH_TO_SPACE_ND", "BROADCAST_ARGS",
      "BROADCAST_TO", "CALL_ONCE", "CAST", "CEIL", "CONCATENATION", "CONV_2D", "COS", "CUMSUM",
      "DEPTH_TO_SPACE", "DEPTHWISE_CONV_2D", "DEQUANTIZE", "DIV", "DYNAMIC_UPDATE_SLICE", "ELU", "EMBEDDING_LOOKUP",
      "EQUAL", "EXP", "EXPAND_DIMS", "FILL", "FLOOR", "FLOOR_DIV", "FLOOR_MOD", "FULLY_CONNECTED", "GATHER",
      "GATHER_ND", "GREATER", "GREATER_EQUAL", "HARD_SWISH", "IF", "L2_NORMALIZATION", "L2_POOL_2D",
      "LEAKY_RELU", "LESS", "LESS_EQUAL", "LOG", "LOG_SOFTMAX", "LOGICAL_AND", "LOGICAL_NOT", "LOGICAL_OR",
      "LOGISTIC", "MAX_POOL_2D", "MAXIMUM", "MEAN", "MINIMUM", "MIRROR_PAD", "MUL", "NEG", "NOT_EQUAL", "PACK",
      "PAD", "PADV2", "PRELU", "QUANTIZE", "READ_VARIABLE", "REDUCE_ALL", "REDUCE_MAX", "REDUCE_MIN", "RELU",
      "RELU6", "RESHAPE", "RESIZE_BILINEAR", "RESIZE_NEAREST_NEIGHBOR", "REVERSE_V2", "ROUND", "RSQRT",
      "SELECT_V2", "SHAPE", "SIN", "SLICE", "SOFTMAX", "SPACE_TO_BATCH_ND", "SPACE_TO_DEPTH", "SPLIT",
      "SPLIT_V", "SQRT", "SQUARE", "SQUARED_DIFFERENCE", "SQUEEZE", "STRIDED_SLICE", "SUB", "SUM", "SVDF",
      "TANH", "TRANSPOSE", "TRANSPOSE_CONV", "UNIDIRECTIONAL_SEQUENCE_LSTM", "UNPACK", "VAR_HANDLE", "WHILE",
      "ZEROS_LIKE");
  /** Custom ops TFLite Micro's resolver registers beside the builtins. */
  static final List<String> TFLM_CUSTOM = List.of("CIRCULAR_BUFFER", "DETECTION_POSTPROCESS");
  static final int COLUMNS = 4;

  /** How the kernel registry names an op: custom ops as CUSTOM(code), as Interpreter.check does. */
  static String registryName(String op) {
    // the converter names DETECTION_POSTPROCESS TFLite_Detection_PostProcess in the model
    return op.equals("DETECTION_POSTPROCESS") ? "CUSTOM(TFLite_Detection_PostProcess)"
        : TFLM_CUSTOM.contains(op) ? "CUSTOM(" + op + ")" : op;
  }

  static String expectedTable() {
    Set<String> ops = new TreeSet<>(TFLM_BUILTINS);
    ops.addAll(TFLM_CUSTOM);
    List<String> cells = ops.stream()
        .map(op -> "`" + op + "` | " + (Kernels.isSupported(registryName(op)) ? "runs" : "**not yet**")).toList();
    StringBuilder b = new StringBuilder();
    b.append("| TFLM op | Kiln ".repeat(COLUMNS)).append("|\n");
    b.append("|---|---".repeat(COLUMNS)).append("|\n");
    for (int i = 0; i < cells.size(); i += COLUMNS) {
      StringBuilder row = new StringBuilder("|");
      for (int c = 0; c < COLUMNS; c++) {
        row.append(' ').append(i + c < cells.size() ? cells.get(i + c) : " | ").append(" |");
      }
      b.append(row).append('\n');
    }
    return b.toString();
  }

  @Test
  void theReadmeTableMatchesTheKernelRegistry() throws IOException {
    Path readme = Path.of("../../README.md");
    String text = Files.readString(readme);
    String expected = expectedTable();
    assertThat(text).as("README.md's op table; expected (paste it there):%n%s", expected).contains(expected);
  }

  @Test
  void everyKernelKilnRegistersIsATflmOp() {
    Set<String> tflm = new TreeSet<>(TFLM_BUILTINS);
    TFLM_CUSTOM.forEach(op -> tflm.add(registryName(op)));
    assertThat(tflm).containsAll(Kernels.supported());
  }
}
