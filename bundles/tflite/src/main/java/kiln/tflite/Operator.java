package kiln.tflite;

import java.util.Arrays;
import java.util.Objects;
import kiln.tflite.options.BuiltinOptions;

/**
 * One operator of a subgraph: what it runs, its input and output tensor indices (-1 marks an
 * optional input left out) and its typed builtin options.
 */
public final class Operator {
  private OperatorCode code;
  private int[] inputs;
  private int[] outputs;
  private int[] intermediates = new int[0];
  private BuiltinOptions options;
  private byte[] customOptions;

  public Operator(OperatorCode code, int[] inputs, int[] outputs, BuiltinOptions options) {
    this.code = Objects.requireNonNull(code, "code");
    this.inputs = inputs == null ? new int[0] : inputs.clone();
    this.outputs = outputs == null ? new int[0] : outputs.clone();
    this.options = options;
  }

  /** A version-1 builtin operator. */
  public Operator(BuiltinOp op, int[] inputs, int[] outputs, BuiltinOptions options) {
    this(OperatorCode.of(op, 1), inputs, outputs, options);
  }

  public OperatorCode code() {
    return code;
  }

  public Operator setCode(OperatorCode code) {
    this.code = Objects.requireNonNull(code, "code");
    return this;
  }

  /** The builtin operator (same as {@code code().op()}). */
  public BuiltinOp op() {
    return code.op();
  }

  public int version() {
    return code.version();
  }

  public int[] inputs() {
    return inputs.clone();
  }

  /** The i-th input's tensor index, -1 when absent (also when i is past the end). */
  public int input(int i) {
    return i < inputs.length ? inputs[i] : -1;
  }

  public Operator setInputs(int[] inputs) {
    this.inputs = inputs.clone();
    return this;
  }

  public int[] outputs() {
    return outputs.clone();
  }

  public int output(int i) {
    return i < outputs.length ? outputs[i] : -1;
  }

  public Operator setOutputs(int[] outputs) {
    this.outputs = outputs.clone();
    return this;
  }

  public int[] intermediates() {
    return intermediates.clone();
  }

  public Operator setIntermediates(int[] intermediates) {
    this.intermediates = intermediates == null ? new int[0] : intermediates.clone();
    return this;
  }

  /** The builtin options, null when the operator has none. */
  public BuiltinOptions options() {
    return options;
  }

  /** The options if they have the given type, else null. */
  public <T extends BuiltinOptions> T options(Class<T> type) {
    return type.isInstance(options) ? type.cast(options) : null;
  }

  public Operator setOptions(BuiltinOptions options) {
    this.options = options;
    return this;
  }

  /** Custom operators' options (flexbuffer bytes), null when absent. */
  public byte[] customOptions() {
    return customOptions;
  }

  public Operator setCustomOptions(byte[] customOptions) {
    this.customOptions = customOptions;
    return this;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Operator p
        && p.code.equals(code)
        && Arrays.equals(p.inputs, inputs)
        && Arrays.equals(p.outputs, outputs)
        && Arrays.equals(p.intermediates, intermediates)
        && Objects.equals(p.options, options)
        && Arrays.equals(p.customOptions, customOptions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, Arrays.hashCode(inputs), Arrays.hashCode(outputs));
  }

  @Override
  public String toString() {
    return code.op().displayName() + " " + Arrays.toString(inputs) + " -> " + Arrays.toString(outputs);
  }

  /**
   * The op's name as interpreters name it in {@code Interpreter.check}: the builtin name, or
   * {@code CUSTOM(code)} (plain CUSTOM when a damaged file gives no code); UNKNOWN for an opcode
   * this schema does not know.
   */
  public String checkName() {
    BuiltinOp op = op();
    if (op == null) {
      return "UNKNOWN";
    }
    if (op == BuiltinOp.CUSTOM) {
      return code().customCode() == null ? "CUSTOM" : "CUSTOM(" + code().customCode() + ")";
    }
    return op.name();
  }
}
