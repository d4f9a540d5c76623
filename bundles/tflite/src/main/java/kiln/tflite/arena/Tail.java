package kiln.tflite.arena;

import java.util.ArrayList;
import java.util.List;

/**
 * The persistent end of the arena: each allocation is taken from the end downwards and aligned
 * down, so with a 16-aligned arena end the bytes used grow to {@code roundUp(used + size, align)}.
 */
final class Tail {
  private long used;
  private final List<String> items = new ArrayList<>();

  void alloc(String what, long size, int align) {
    used = (used + size + align - 1) / align * align;
    items.add(what + ": " + size + " (align " + align + ")");
  }

  long used() {
    return used;
  }

  List<String> items() {
    return items;
  }
}
