package kiln.tflite.arena;

/**
 * The machine TFLite Micro is compiled for, as far as the arena cares: the width of pointers (and
 * {@code size_t}, {@code intptr_t}), which sets the size of the runtime's structs, and the
 * alignment of {@code double} and {@code int64_t} members inside structs. The planned tensors do
 * not depend on it; the persistent part does.
 */
public enum Target {
  /**
   * A 64-bit host (x86-64), where TFLite Micro's own tests run. Checked against
   * {@code arena_used_bytes()} of TFLite Micro built for x86-64 (micro_speech: 7312 bytes).
   */
  X86_64(8, 8),
  /**
   * TFLite Micro built with {@code -m32} on x86 (i386 System V ABI: 4-byte pointers; double and
   * int64 members only 4-aligned). This is the build the 32-bit figures were measured on
   * (micro_speech: 6812 bytes).
   */
  X86_32(4, 4),
  /**
   * A 32-bit Cortex-M (AAPCS: 4-byte pointers, double and int64 8-aligned, int-sized enums as
   * arm-none-eabi-gcc compiles them). Differs from {@link #X86_32} only in structs holding a double
   * or int64 (SoftmaxParams, the quantize and dequantize OpData); the kernels allocate those
   * rounded up to 16 bytes, where both sizes land on the same figure.
   */
  CORTEX_M(4, 8);

  private final int pointerBytes;
  private final int wideAlign;

  Target(int pointerBytes, int wideAlign) {
    this.pointerBytes = pointerBytes;
    this.wideAlign = wideAlign;
  }

  public int pointerBytes() {
    return pointerBytes;
  }

  /**
   * sizeof a C struct on this target, from its fields in order: {@code P} pointer, size_t or
   * intptr_t, {@code D} double, {@code L} int64, {@code I} 4-byte int, float or enum, {@code S}
   * int16, {@code B} bool, int8 or uint8 enum. Each field sits at its alignment; the size is rounded
   * to the struct's alignment. A nested struct is written flat, which gives the same offsets
   * wherever its trailing padding is taken up by the next field's alignment (true of every layout
   * in {@link Structs}).
   */
  public int sizeOf(String layout) {
    int offset = 0;
    for (char field : layout.toCharArray()) {
      offset = roundUp(offset, fieldAlign(field)) + fieldBytes(field);
    }
    return roundUp(offset, alignOf(layout));
  }

  /** alignof the struct: its most aligned field's alignment. */
  public int alignOf(String layout) {
    int align = 1;
    for (char field : layout.toCharArray()) {
      align = Math.max(align, fieldAlign(field));
    }
    return align;
  }

  private int fieldBytes(char field) {
    return switch (field) {
      case 'P' -> pointerBytes;
      case 'D', 'L' -> 8;
      case 'I' -> 4;
      case 'S' -> 2;
      case 'B' -> 1;
      default -> throw new IllegalArgumentException("unknown field kind '" + field + "'");
    };
  }

  private int fieldAlign(char field) {
    return field == 'D' || field == 'L' ? wideAlign : fieldBytes(field);
  }

  static int roundUp(int value, int align) {
    return (value + align - 1) / align * align;
  }
}
