package kiln.tflite.arena;

import java.util.List;
import java.util.Map;

/**
 * An arena figure: the total and its two parts, the plan of the head, every persistent item and
 * the persistent part broken down by kind.
 *
 * @param total head + tail, what {@code arena_used_bytes()} reports
 * @param head the planned part: activations and kernel scratch buffers
 * @param tail the persistent part: runtime objects and what kernels keep
 * @param plan the head's plan as {@link MemoryPlanner#printPlan()} draws it
 * @param tailItems each persistent allocation, in order, with its size and alignment
 * @param tailParts the tail by kind (runtime objects, TfLiteEvalTensor, NodeAndRegistration,
 *     builtin options, kernel OpData, kernel persistent buffers, scratch buffer handles, variable
 *     tensors, graph input/output TfLiteTensors), in allocation order, each with its alignment
 *     padding; they sum to {@code tail}
 * @param kernels the kernels the figure is for ({@link TflmKernels#name()})
 * @param unmodelledOps ops of the model without a line in the kernel table (custom ops, builtin
 *     ops the runtime does not run): their figure counts the node only; empty when the figure is
 *     complete
 */
public record ArenaReport(long total, long head, long tail, String plan, List<String> tailItems,
    Map<String, Long> tailParts, String kernels, List<String> unmodelledOps) {
  public ArenaReport {
    tailItems = List.copyOf(tailItems);
    tailParts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tailParts));
    unmodelledOps = List.copyOf(unmodelledOps);
  }

  /** The breakdown as text, one part a line. */
  public String breakdown() {
    StringBuilder b = new StringBuilder();
    b.append("planned (activations, kernel scratch): ").append(head).append('\n');
    tailParts.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
    b.append("total (").append(kernels).append("): ").append(total);
    if (!unmodelledOps.isEmpty()) {
      b.append("\nnot modelled (node only): ").append(String.join(", ", unmodelledOps));
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return "arena " + total + " bytes = head (planned tensors and scratch) " + head
        + " + tail (persistent runtime data) " + tail;
  }
}
