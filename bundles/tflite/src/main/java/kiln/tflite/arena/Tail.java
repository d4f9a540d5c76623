package kiln.tflite.arena;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The persistent end of the arena (SingleArenaBufferAllocator::AllocatePersistentBuffer): each
 * allocation is taken from the end downwards and aligned down, so with a 16-aligned arena end the
 * bytes used grow to {@code roundUp(used + size, align)}. Allocations are grouped in named parts,
 * each counting its own alignment padding.
 */
final class Tail {
  private long used;
  private String part = "";
  private final List<String> items = new ArrayList<>();
  private final Map<String, Long> parts = new LinkedHashMap<>();

  /** Counts the following allocations under {@code name}. */
  void part(String name) {
    part = name;
  }

  void alloc(String what, long size, int align) {
    long before = used;
    used = (used + size + align - 1) / align * align;
    parts.merge(part, used - before, Long::sum);
    items.add(what + ": " + size + " (align " + align + ")");
  }

  long used() {
    return used;
  }

  List<String> items() {
    return items;
  }

  Map<String, Long> parts() {
    return parts;
  }
}
