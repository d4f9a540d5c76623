package kiln.micro.graph;

import kiln.api.model.ElementType;

/**
 * A tensor of a model as the runtime sees it: type, shape, quantization and, for constants, the
 * raw little-endian bytes of its buffer.
 *
 * @param name the tensor's name
 * @param type element type
 * @param shape dimensions (empty for a scalar)
 * @param scales quantization scales (empty when not quantized; one per channel when per-channel)
 * @param zeroPoints zero points, as many as scales (or one)
 * @param quantizedDimension the channel axis of per-channel quantization
 * @param data the constant buffer's bytes, or null for an activation (planned in the arena)
 * @param variable whether the tensor is a variable (persistent state)
 */
public record TensorInfo(
    String name,
    ElementType type,
    int[] shape,
    float[] scales,
    long[] zeroPoints,
    int quantizedDimension,
    byte[] data,
    boolean variable) {

  /** A tensor with per-tensor quantization (or none when scale is 0). */
  public static TensorInfo of(
      String name, ElementType type, int[] shape, float scale, int zeroPoint, byte[] data) {
    float[] s = scale == 0f ? new float[0] : new float[] {scale};
    long[] z = scale == 0f ? new long[0] : new long[] {zeroPoint};
    return new TensorInfo(name, type, shape, s, z, 0, data, false);
  }

  public boolean isConstant() {
    return data != null;
  }

  public boolean isQuantized() {
    return scales.length > 0;
  }

  /** The per-tensor scale (the first channel's for per-channel tensors), 0 when not quantized. */
  public float scale() {
    return scales.length > 0 ? scales[0] : 0f;
  }

  /** The per-tensor zero point (the first channel's), 0 when not quantized. */
  public int zeroPoint() {
    return zeroPoints.length > 0 ? (int) zeroPoints[0] : 0;
  }

  public int elementCount() {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  /** Bytes of the tensor's data (TFLite Micro's TfLiteEvalTensorByteLength). */
  public int byteSize() {
    return elementCount() * type.bytes();
  }
}
