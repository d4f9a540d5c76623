package kiln.tflite;

import java.util.Locale;

/** Element types of TFLite tensors, with their code in the file and their size in bits. */
public enum TensorType {
  FLOAT32(0, 32),
  FLOAT16(1, 16),
  INT32(2, 32),
  UINT8(3, 8),
  INT64(4, 64),
  /** Variable-length strings: no fixed size. */
  STRING(5, 0),
  BOOL(6, 8),
  INT16(7, 16),
  COMPLEX64(8, 64),
  INT8(9, 8),
  FLOAT64(10, 64),
  COMPLEX128(11, 128),
  UINT64(12, 64),
  RESOURCE(13, 0),
  VARIANT(14, 0),
  UINT32(15, 32),
  UINT16(16, 16),
  /** Packed two per byte in constant buffers. */
  INT4(17, 4),
  BFLOAT16(18, 16),
  INT2(19, 2),
  UINT4(20, 4),
  FLOAT8_E4M3FN(21, 8),
  FLOAT8_E5M2(22, 8);

  private static final TensorType[] BY_CODE = values();
  private final int code;
  private final int bits;

  TensorType(int code, int bits) {
    this.code = code;
    this.bits = bits;
  }

  /** The code stored in a .tflite file. */
  public int code() {
    return code;
  }

  /** Bits per element; 0 for types without a fixed size (string, resource, variant). */
  public int bits() {
    return bits;
  }

  /** Bytes per element rounded up (1 for sub-byte types); 0 for types without a fixed size. */
  public int bytes() {
    return (bits + 7) / 8;
  }

  /** The bytes {@code elements} values of this type take in a buffer, -1 without a fixed size. */
  public long bytesFor(long elements) {
    return bits == 0 ? -1 : (elements * bits + 7) / 8;
  }

  /** The type with the given code, or null when unknown. */
  public static TensorType ofCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  /** Lower-case name as TFLite tools print it ({@code int8}). */
  public String displayName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
