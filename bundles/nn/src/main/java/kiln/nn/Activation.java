package kiln.nn;

import java.util.List;
import java.util.Map;

/**
 * An activation function: linear, relu, relu6, sigmoid, tanh, softmax (last axis), hard_swish,
 * swish (x * sigmoid(x), Keras' swish / silu).
 */
public final class Activation extends Layer {
  public Activation(Map<String, ?> kwargs) {
    super("Activation", kwargs);
  }

  public Activation(String activation) {
    this(Args.kw("activation", activation));
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    return single(in, 0, "").clone();
  }
}
