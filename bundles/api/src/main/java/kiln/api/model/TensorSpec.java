package kiln.api.model;

/**
 * A tensor's name, type, shape and (for quantized tensors) per-tensor scale and zero point.
 *
 * @param name the tensor name
 * @param type the element type
 * @param shape the shape
 * @param scale the quantization scale, 0 when not quantized
 * @param zeroPoint the quantization zero point
 */
public record TensorSpec(String name, ElementType type, int[] shape, float scale, int zeroPoint) {
  public TensorSpec {
    shape = shape.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }
}
