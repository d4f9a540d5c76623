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
   * int16, {@code B} bool, int8 or uint8 enum, and {@code (...)} a nested struct member (placed at
   * its own alignment and taking its own padded size, as C lays out a struct inside a struct).
   * Each field sits at its alignment; the size is rounded to the struct's alignment.
   */
  public int sizeOf(String layout) {
    return layout(layout)[0];
  }

  /** alignof the struct: its most aligned field's alignment. */
  public int alignOf(String layout) {
    return layout(layout)[1];
  }

  /** {size, align} of a layout, nested groups laid out as members. */
  private int[] layout(String layout) {
    int[] pos = {0};
    int[] r = group(layout, pos);
    if (pos[0] != layout.length()) {
      throw new IllegalArgumentException("unbalanced ')' in layout " + layout);
    }
    return r;
  }

  private int[] group(String layout, int[] pos) {
    int offset = 0;
    int align = 1;
    while (pos[0] < layout.length()) {
      char field = layout.charAt(pos[0]++);
      int bytes;
      int fieldAlign;
      if (field == ')') {
        pos[0]--;
        break;
      } else if (field == '(') {
        int[] nested = group(layout, pos);
        if (pos[0] >= layout.length() || layout.charAt(pos[0]) != ')') {
          throw new IllegalArgumentException("unclosed '(' in layout " + layout);
        }
        pos[0]++;
        bytes = nested[0];
        fieldAlign = nested[1];
      } else {
        bytes = fieldBytes(field);
        fieldAlign = fieldAlign(field);
      }
      offset = roundUp(offset, fieldAlign) + bytes;
      align = Math.max(align, fieldAlign);
    }
    return new int[] {roundUp(offset, align), align};
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
