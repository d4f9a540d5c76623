package kiln.nn;

import java.util.List;
import java.util.Map;

/** The model input; {@code input_shape} has no batch dimension, e.g. (49, 40, 1). */
public final class InputLayer extends Layer {
  public InputLayer(Map<String, ?> kwargs) {
    super("InputLayer", kwargs);
  }

  public InputLayer(int... inputShape) {
    this(Args.kw("input_shape", inputShape));
  }

  public InputLayer(List<Integer> inputShape) {
    this(Args.kw("input_shape", inputShape));
  }

  @Override
  public int[] outputShape(List<int[]> inputShapes) {
    if (!inputShapes.isEmpty()) {
      throw error("an input layer reads no other layer, got " + inputShapes.size() + " inputs");
    }
    return getInts("input_shape");
  }

  /** The symbolic tensor this input produces (functional API). */
  public Tensor output() {
    return new Tensor(this, List.of(), getInts("input_shape"));
  }
}
