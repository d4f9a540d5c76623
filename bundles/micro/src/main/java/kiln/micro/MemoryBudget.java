package kiln.micro;

import kiln.api.KilnException;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;

/**
 * Checks, before the runtime allocates a model's tensors, that they fit: at most
 * {@value #MAX_ELEMENTS} elements over all tensors (each held in a Java array of its type, plus
 * index tables of up to one int per element for movement ops), and no more memory than the JVM
 * has left. A model from elsewhere asking for more gets a message instead of an OutOfMemoryError.
 */
final class MemoryBudget {
  /** The most tensor elements a model may have in all (2^28: 1 GiB as int32 or float32). */
  static final long MAX_ELEMENTS = 1L << 28;

  private MemoryBudget() {}

  static void check(Subgraph g, String model) {
    long elements = 0;
    for (Tensor t : g.tensors()) {
      elements += t.elementCount(); // each at most 2^30 (the reader's limit): no overflow
    }
    if (elements > MAX_ELEMENTS) {
      throw new KilnException(model + ": its " + g.tensors().size() + " tensors hold " + elements
          + " elements in all, expected at most " + MAX_ELEMENTS + " for the micro runtime");
    }
    // arrays of 4-byte values at worst, and as much again for kernels' index tables
    long needed = elements * 8;
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (needed > free) {
      throw new KilnException(model + ": its tensors need up to " + needed / (1 << 20)
          + " MiB, but the JVM has " + free / (1 << 20) + " MiB left (raise -Xmx, e.g. with "
          + "KILN_JAVA_OPTS=-Xmx8g)");
    }
  }
}
