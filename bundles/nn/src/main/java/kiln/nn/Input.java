package kiln.nn;

/** Functional API entry: {@code Tensor x = Input.of(49, 40, 1);} (Keras {@code Input(shape)}). */
public final class Input {
  private Input() {}

  public static Tensor of(int... shape) {
    return new InputLayer(shape).output();
  }

  public static Tensor of(String name, int... shape) {
    InputLayer in = new InputLayer(shape);
    in.set("name", name);
    return in.output();
  }
}
