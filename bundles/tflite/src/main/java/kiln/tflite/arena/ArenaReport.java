package kiln.tflite.arena;

import java.util.List;

/**
 * An arena estimate: the total and its two parts, the plan of the head and the list of persistent
 * items.
 *
 * @param total head + tail, what {@code arena_used_bytes()} reports
 * @param head the planned part: activation tensors and kernel scratch buffers
 * @param tail the persistent part: runtime objects and what kernels keep
 * @param plan the head's plan as {@link MemoryPlanner#printPlan()} draws it
 * @param tailItems each persistent allocation, in order, with its size and alignment
 */
public record ArenaReport(long total, long head, long tail, String plan, List<String> tailItems) {
  public ArenaReport {
    tailItems = List.copyOf(tailItems);
  }

  @Override
  public String toString() {
    return "arena " + total + " bytes = head (planned tensors and scratch) " + head
        + " + tail (persistent runtime data) " + tail;
  }
}
