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

  Tensor(Layer layer, List<Tensor> inputs, int[] shape) {
    this.layer = layer;
    this.inputs = List.copyOf(inputs);
    this.shape = shape.clone();
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
