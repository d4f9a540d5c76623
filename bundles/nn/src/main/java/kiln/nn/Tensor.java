package kiln.nn;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A symbolic tensor of the functional API: the output of one applied layer. */
public final class Tensor {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final Layer layer;
  private final List<Tensor> inputs;
  private final int[] shape;
  private final long sequence = SEQUENCE.incrementAndGet();
  private final int application;

  Tensor(Layer layer, List<Tensor> inputs, int[] shape) {
    this(layer, inputs, shape, 0);
  }

  /** @param application 0 for a layer's first application, k for its k-th reuse (a shared layer) */
  Tensor(Layer layer, List<Tensor> inputs, int[] shape, int application) {
    this.layer = layer;
    this.inputs = List.copyOf(inputs);
    this.shape = shape.clone();
    this.application = application;
  }

  /** Which application of its layer made this tensor: 0 the first, k the k-th reuse. */
  int application() {
    return application;
  }

  /** The shape without the batch dimension. */
  public int[] shape() {
    return shape.clone();
  }

  public Layer layer() {
    return layer;
  }

  List<Tensor> inputs() {
    return inputs;
  }

  long sequence() {
    return sequence;
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape) + " from " + layer.className();
  }
}
