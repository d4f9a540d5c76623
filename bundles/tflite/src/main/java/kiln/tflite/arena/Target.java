package kiln.tflite.arena;

/**
 * The machine TFLite Micro is compiled for, as far as the arena cares: the width of pointers (and
 * {@code size_t}), which sets the size of the runtime's structs. The planned tensors do not depend
 * on it; the persistent part does.
 */
public enum Target {
  /**
   * A 64-bit host (x86-64), where TFLite Micro's own tests run: Kiln's figures for it are checked
   * against {@code arena_used_bytes()} (micro_speech: 7312 bytes).
   */
  X86_64(8),
  /** A 32-bit microcontroller (Cortex-M): the same structs with 4-byte pointers. */
  CORTEX_M(4);

  private final int pointerBytes;

  Target(int pointerBytes) {
    this.pointerBytes = pointerBytes;
  }

  public int pointerBytes() {
    return pointerBytes;
  }

  /**
   * sizeof a C struct on this target, from its fields in order: {@code P} pointer or size_t,
   * {@code D} double, {@code I} 4-byte int, float or enum, {@code S} int16, {@code B} bool or
   * int8. Each field sits at its natural alignment; the size is rounded to the largest one.
   */
  public int sizeOf(String layout) {
    int offset = 0;
    for (char field : layout.toCharArray()) {
      int size = fieldBytes(field);
      offset = roundUp(offset, size) + size;
    }
    return roundUp(offset, alignOf(layout));
  }

  /** alignof the struct: its widest field's size. */
  public int alignOf(String layout) {
    int align = 1;
    for (char field : layout.toCharArray()) {
      align = Math.max(align, fieldBytes(field));
    }
    return align;
  }

  private int fieldBytes(char field) {
    return switch (field) {
      case 'P' -> pointerBytes;
      case 'D' -> 8;
      case 'I' -> 4;
      case 'S' -> 2;
      case 'B' -> 1;
      default -> throw new IllegalArgumentException("unknown field kind '" + field + "'");
    };
  }

  static int roundUp(int value, int align) {
    return (value + align - 1) / align * align;
  }
}
