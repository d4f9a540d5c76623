package kiln.tflite.arena;

import java.util.Arrays;
import java.util.List;
import kiln.tflite.Operator;
import kiln.tflite.Subgraph;

/**
 * When each tensor is first and last used, in TFLite Micro's steps: graph inputs from step 0, op
 * i's inputs and outputs at step i + 1, graph outputs to the end (step op count). -1 for a tensor
 * no op and no graph input or output touches. Indices outside the tensor list are ignored.
 */
record Lifetimes(int[] first, int[] last) {
  static Lifetimes of(Subgraph g) {
    int n = g.tensors().size();
    int[] first = new int[n];
    int[] last = new int[n];
    Arrays.fill(first, -1);
    Arrays.fill(last, -1);
    for (int t : g.inputs()) {
      if (valid(t, n)) {
        first[t] = first[t] == -1 ? 0 : first[t];
        last[t] = 0;
      }
    }
    List<Operator> ops = g.operators();
    for (int i = 0; i < ops.size(); i++) {
      int step = i + 1;
      Operator op = ops.get(i);
      for (int t : op.outputs()) {
        if (valid(t, n) && first[t] == -1) {
          first[t] = step;
        }
      }
      for (int t : op.inputs()) {
        if (valid(t, n)) {
          last[t] = step;
        }
      }
      for (int t : op.outputs()) {
        if (valid(t, n)) {
          last[t] = step;
        }
      }
    }
    int end = ops.size();
    for (int t : g.outputs()) {
      if (valid(t, n)) {
        first[t] = first[t] == -1 ? end : first[t];
        last[t] = end;
      }
    }
    return new Lifetimes(first, last);
  }

  private static boolean valid(int t, int n) {
    return t >= 0 && t < n;
  }
}
