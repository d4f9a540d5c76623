package kiln.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a subgraph: name, element type, shape, optional constant data (little-endian bytes,
 * the layout of a .tflite buffer) and optional quantization. Tensors that share one buffer in a
 * file share one {@code byte[]} here, and the writer keeps them sharing.
 */
public final class Tensor {
  private String name;
  private TensorType type;
  private int[] shape;
  private int[] shapeSignature;
  private byte[] data;
  private Quantization quantization;
  private boolean variable;

  public Tensor(String name, TensorType type, int[] shape) {
    this.name = name == null ? "" : name;
    this.type = Objects.requireNonNull(type, "type");
    this.shape = shape == null ? new int[0] : shape.clone();
  }

  public String name() {
    return name;
  }

  public Tensor setName(String name) {
    this.name = name == null ? "" : name;
    return this;
  }

  public TensorType type() {
    return type;
  }

  public Tensor setType(TensorType type) {
    this.type = Objects.requireNonNull(type, "type");
    return this;
  }

  public int[] shape() {
    return shape.clone();
  }

  public Tensor setShape(int[] shape) {
    this.shape = shape == null ? new int[0] : shape.clone();
    return this;
  }

  /** The shape with -1 for dynamic dimensions, or null when the file has none. */
  public int[] shapeSignature() {
    return shapeSignature == null ? null : shapeSignature.clone();
  }

  public Tensor setShapeSignature(int[] signature) {
    this.shapeSignature = signature == null ? null : signature.clone();
    return this;
  }

  /** The constant data (not copied: do not change it), or null for activations and inputs. */
  public byte[] data() {
    return data;
  }

  /** Sets constant data; the array is kept, not copied. */
  public Tensor setData(byte[] data) {
    this.data = data;
    return this;
  }

  public boolean hasData() {
    return data != null && data.length > 0;
  }

  /** The data as a little-endian read-only buffer, or null without data. */
  public ByteBuffer dataBuffer() {
    return data == null ? null : ByteBuffer.wrap(data).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Quantization parameters, or null when the tensor has none. */
  public Quantization quantization() {
    return quantization;
  }

  public Tensor setQuantization(Quantization quantization) {
    this.quantization = quantization;
    return this;
  }

  public boolean isVariable() {
    return variable;
  }

  public Tensor setVariable(boolean variable) {
    this.variable = variable;
    return this;
  }

  /** Number of elements the shape holds (1 for a scalar). */
  public long elementCount() {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  /** Bytes the shape needs in a buffer, -1 for types without a fixed size. */
  public long byteSize() {
    return type.bytesFor(elementCount());
  }

  /** The shape as MLTK prints it: {@code 49x40x1}. */
  public String shapeString() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < shape.length; i++) {
      if (i > 0) {
        b.append('x');
      }
      b.append(shape[i]);
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t
        && t.name.equals(name)
        && t.type == type
        && t.variable == variable
        && Arrays.equals(t.shape, shape)
        && Arrays.equals(t.shapeSignature, shapeSignature)
        && Arrays.equals(t.data, data)
        && Objects.equals(t.quantization, quantization);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, Arrays.hashCode(shape));
  }

  @Override
  public String toString() {
    return name + " " + shapeString() + " (" + type.displayName() + ")";
  }
}
