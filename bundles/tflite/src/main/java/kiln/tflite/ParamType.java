package kiln.tflite;

import java.util.Locale;

/**
 * Value types of model parameters. The code is the value's union type in the {@code SL_PARAMSv1}
 * dictionary; {@link #mltkName()} is what MLTK calls the type ({@code --dtype} style).
 */
public enum ParamType {
  BOOL(1, "bool"),
  INT8(2, "int8"),
  UINT8(3, "uint8"),
  INT16(4, "int16"),
  UINT16(5, "uint16"),
  INT32(6, "int32"),
  UINT32(7, "uint32"),
  INT64(8, "int64"),
  UINT64(9, "uint64"),
  FLOAT(10, "float"),
  DOUBLE(11, "double"),
  STRING(12, "str"),
  STRING_LIST(13, "str_list"),
  INT32_LIST(14, "int32_list"),
  FLOAT_LIST(15, "float_list"),
  BYTES(16, "bin");

  private final int code;
  private final String mltkName;

  ParamType(int code, String mltkName) {
    this.code = code;
    this.mltkName = mltkName;
  }

  public int code() {
    return code;
  }

  public String mltkName() {
    return mltkName;
  }

  /** Whether values are whole numbers (stored as {@code Long}). */
  public boolean isInteger() {
    return code >= INT8.code && code <= UINT64.code;
  }

  /** The type with the given union code, null when unknown. */
  public static ParamType ofCode(int code) {
    for (ParamType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }

  /** The type with the given name (MLTK's {@code int32}, {@code str}, or Kiln's {@code STRING}). */
  public static ParamType ofName(String name) {
    for (ParamType t : values()) {
      if (t.mltkName.equals(name) || t.name().equalsIgnoreCase(name)) {
        return t;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
