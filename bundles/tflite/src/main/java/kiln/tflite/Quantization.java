package kiln.tflite;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor's quantization parameters: real = scale * (q - zero_point). Per-tensor when there is one
 * scale, per-channel (along {@link #quantizedDimension()}) when there are several. {@code min} and
 * {@code max} are the optional float ranges TFLite keeps for import back into TensorFlow.
 */
public final class Quantization {
  private final float[] scales;
  private final long[] zeroPoints;
  private final int quantizedDimension;
  private final float[] min;
  private final float[] max;

  public Quantization(float[] scales, long[] zeroPoints, int quantizedDimension, float[] min,
      float[] max) {
    this.scales = scales == null ? new float[0] : scales.clone();
    this.zeroPoints = zeroPoints == null ? new long[0] : zeroPoints.clone();
    this.quantizedDimension = quantizedDimension;
    this.min = min == null ? new float[0] : min.clone();
    this.max = max == null ? new float[0] : max.clone();
  }

  /** One scale and zero point for the whole tensor. */
  public static Quantization perTensor(float scale, long zeroPoint) {
    return new Quantization(new float[] {scale}, new long[] {zeroPoint}, 0, null, null);
  }

  /** One scale and zero point per slice along {@code dimension}. */
  public static Quantization perChannel(float[] scales, long[] zeroPoints, int dimension) {
    return new Quantization(scales, zeroPoints, dimension, null, null);
  }

  public float[] scales() {
    return scales.clone();
  }

  public long[] zeroPoints() {
    return zeroPoints.clone();
  }

  /** The first (for per-tensor quantization: the) scale, 0 when there is none. */
  public float scale() {
    return scales.length == 0 ? 0f : scales[0];
  }

  /** The first (for per-tensor quantization: the) zero point, 0 when there is none. */
  public long zeroPoint() {
    return zeroPoints.length == 0 ? 0 : zeroPoints[0];
  }

  public int quantizedDimension() {
    return quantizedDimension;
  }

  public float[] min() {
    return min.clone();
  }

  public float[] max() {
    return max.clone();
  }

  public boolean isPerChannel() {
    return scales.length > 1;
  }

  /** Whether there is nothing in it (TFLite writes empty quantization tables for float tensors). */
  public boolean isEmpty() {
    return scales.length == 0 && zeroPoints.length == 0 && min.length == 0 && max.length == 0
        && quantizedDimension == 0;
  }

  /** A copy with another quantized dimension (the writer uses it for rank-1 bias tensors). */
  public Quantization withQuantizedDimension(int dimension) {
    return new Quantization(scales, zeroPoints, dimension, min, max);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quantization q
        && q.quantizedDimension == quantizedDimension
        && Arrays.equals(q.scales, scales)
        && Arrays.equals(q.zeroPoints, zeroPoints)
        && Arrays.equals(q.min, min)
        && Arrays.equals(q.max, max);
  }

  @Override
  public int hashCode() {
    return Objects.hash(quantizedDimension, Arrays.hashCode(scales), Arrays.hashCode(zeroPoints));
  }

  @Override
  public String toString() {
    if (scales.length == 1) {
      return "scale=" + scales[0] + " zero_point=" + zeroPoint();
    }
    return "scales=" + Arrays.toString(scales) + " zero_points=" + Arrays.toString(zeroPoints)
        + " quantized_dimension=" + quantizedDimension;
  }
}
