package kiln.tflite;

import java.util.Objects;

/**
 * What an operator runs: a builtin operator (or {@link BuiltinOp#CUSTOM} with a custom code) and
 * the version of its kernel.
 *
 * @param op the builtin operator
 * @param customCode the custom operator's name, null for builtin operators
 * @param version the operator version (1 and up)
 */
public record OperatorCode(BuiltinOp op, String customCode, int version) {
  public OperatorCode {
    Objects.requireNonNull(op, "op");
  }

  public static OperatorCode of(BuiltinOp op, int version) {
    return new OperatorCode(op, null, version);
  }

  public static OperatorCode custom(String code, int version) {
    return new OperatorCode(BuiltinOp.CUSTOM, code, version);
  }
}
