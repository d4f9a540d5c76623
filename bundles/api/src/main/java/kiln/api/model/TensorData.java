package kiln.api.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor's values: element type, shape and raw little-endian bytes (the layout of a .tflite
 * buffer).
 */
public final class TensorData {
  private final ElementType type;
  private final int[] shape;
  private final byte[] bytes;

  public TensorData(ElementType type, int[] shape, byte[] bytes) {
    this.type = Objects.requireNonNull(type, "type");
    this.shape = shape.clone();
    this.bytes = Objects.requireNonNull(bytes, "bytes");
    long expected = elementCount(shape) * type.bytes();
    if (expected != bytes.length) {
      throw new IllegalArgumentException(
          "tensor of shape " + Arrays.toString(shape) + " and type " + type + " needs " + expected
              + " bytes, got " + bytes.length);
    }
  }

  /** The number of elements a shape holds. */
  public static long elementCount(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  public static TensorData ofInt8(int[] shape, byte[] values) {
    return new TensorData(ElementType.INT8, shape, values.clone());
  }

  public static TensorData ofFloat32(int[] shape, float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return new TensorData(ElementType.FLOAT32, shape, b.array());
  }

  public ElementType type() {
    return type;
  }

  public int[] shape() {
    return shape.clone();
  }

  /** The raw little-endian bytes (not copied: do not change them). */
  public byte[] bytes() {
    return bytes;
  }

  public int elementCount() {
    return (int) elementCount(shape);
  }

  /** The values as floats (for float32 data), or the integer values widened. */
  public float[] toFloats() {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[elementCount()];
    for (int i = 0; i < out.length; i++) {
      switch (type) {
        case FLOAT32 -> out[i] = b.getFloat(i * 4);
        case INT32 -> out[i] = b.getInt(i * 4);
        case INT8 -> out[i] = bytes[i];
        case UINT8, BOOL -> out[i] = bytes[i] & 0xff;
        case INT16 -> out[i] = b.getShort(i * 2);
        case INT64 -> out[i] = b.getLong(i * 8);
        default -> throw new IllegalStateException(type.name());
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorData t
        && t.type == type
        && Arrays.equals(t.shape, shape)
        && Arrays.equals(t.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, Arrays.hashCode(shape), Arrays.hashCode(bytes));
  }

  @Override
  public String toString() {
    return type + Arrays.toString(shape);
  }
}
