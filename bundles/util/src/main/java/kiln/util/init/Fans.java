package kiln.util.init;

/**
 * Keras' fan-in and fan-out of a weight shape (Keras layout: Dense [in, out], Conv2D
 * [kh, kw, in, out]): the last two dimensions times the receptive field (the product of the
 * others); a vector has its length as both; a scalar 1 and 1.
 */
public record Fans(double fanIn, double fanOut) {
  public static Fans of(int[] shape) {
    if (shape.length == 0) {
      return new Fans(1, 1);
    }
    if (shape.length == 1) {
      return new Fans(shape[0], shape[0]);
    }
    double receptive = 1;
    for (int i = 0; i < shape.length - 2; i++) {
      receptive *= shape[i];
    }
    return new Fans(shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive);
  }
}
