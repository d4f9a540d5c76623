package kiln.tflite.internal;

import java.util.Arrays;
import kiln.api.KilnException;
import kiln.tflite.ModelLimits;
import kiln.tflite.Quantization;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;

/**
 * Checks one tensor on its own: its shape (no negative dimension, size within
 * {@link ModelLimits}), its constant data against the shape, and its quantization vectors
 * against each other, the shape and the element type.
 */
final class TensorValidator {
  private TensorValidator() {}

  /** {@code name} is the place and the tensor's name, as messages start. */
  static void check(Tensor t, String name) {
    int[] shape = t.shape();
    checkShape(shape, name);
    int[] signature = t.shapeSignature();
    if (signature != null) {
      checkSignature(signature, shape, name);
    }
    long bytes = t.byteSize();
    if (bytes > ModelLimits.MAX_TENSOR_BYTES) {
      throw new KilnException(name + ": shape " + Arrays.toString(shape) + " of "
          + t.type().displayName() + " takes " + bytes + " bytes, expected at most "
          + ModelLimits.MAX_TENSOR_BYTES + " (1 GiB)");
    }
    if (t.hasData()) {
      long needed = t.byteSize();
      if (needed > t.data().length) {
        throw new KilnException(name + ": shape " + Arrays.toString(shape) + " of "
            + t.type().displayName() + " needs " + needed + " bytes, but its buffer holds "
            + t.data().length);
      }
    }
    if (t.quantization() != null) {
      checkQuantization(t.quantization(), t.type(), shape, name);
    }
  }

  private static void checkShape(int[] shape, String name) {
    if (shape.length > ModelLimits.MAX_RANK) {
      throw new KilnException(name + ": shape has " + shape.length + " dimensions, expected at "
          + "most " + ModelLimits.MAX_RANK);
    }
    long elements = 1;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        throw new KilnException(name + ": dimension " + i + " of shape " + Arrays.toString(shape)
            + " is " + shape[i] + ", expected a size of 0 or more");
      }
      // saturate rather than overflow: any product above the limit is refused below
      elements = Math.min(elements * shape[i], ModelLimits.MAX_TENSOR_ELEMENTS + 1);
    }
    if (elements > ModelLimits.MAX_TENSOR_ELEMENTS) {
      throw new KilnException(name + ": shape " + Arrays.toString(shape) + " holds more than "
          + ModelLimits.MAX_TENSOR_ELEMENTS + " elements, expected at most that");
    }
  }

  /** Shape signatures repeat the shape with -1 where a dimension is dynamic. */
  private static void checkSignature(int[] signature, int[] shape, String name) {
    if (signature.length != shape.length) {
      throw new KilnException(name + ": shape_signature " + Arrays.toString(signature) + " has "
          + signature.length + " dimensions, expected as many as shape " + Arrays.toString(shape));
    }
    for (int i = 0; i < signature.length; i++) {
      if (signature[i] < -1) {
        throw new KilnException(name + ": dimension " + i + " of shape_signature "
            + Arrays.toString(signature) + " is " + signature[i]
            + ", expected -1 (dynamic) or a size of 0 or more");
      }
    }
  }

  private static void checkQuantization(Quantization q, TensorType type, int[] shape,
      String name) {
    float[] scales = q.scales();
    long[] zeros = q.zeroPoints();
    if (zeros.length > 0 && scales.length != zeros.length) {
      throw new KilnException(name + ": " + scales.length + " quantization scales but "
          + zeros.length + " zero points, expected as many of each");
    }
    if (q.min().length != q.max().length) {
      throw new KilnException(name + ": " + q.min().length + " quantization minimums but "
          + q.max().length + " maximums, expected as many of each");
    }
    for (int i = 0; i < scales.length; i++) {
      if (!Float.isFinite(scales[i]) || scales[i] < 0) {
        throw new KilnException(name + ": quantization scale " + i + " is " + scales[i]
            + ", expected a finite number of 0 or more");
      }
    }
    long[] range = zeroPointRange(type);
    for (int i = 0; i < zeros.length; i++) {
      if (range != null && (zeros[i] < range[0] || zeros[i] > range[1])) {
        throw new KilnException(name + ": quantization zero point " + i + " is " + zeros[i]
            + ", expected " + range[0] + " to " + range[1] + " for " + type.displayName());
      }
    }
    if (scales.length > 1 && shape.length == 1) {
      // rank-1 (bias) tensors: the writer stores dimension 0, whatever the model says
      if (shape[0] != scales.length) {
        throw new KilnException(name + ": " + scales.length + " per-channel scales, expected "
            + "as many as the " + shape[0] + " elements of the rank-1 tensor");
      }
    } else if (scales.length > 1) {
      int dim = q.quantizedDimension();
      if (dim < 0 || dim >= shape.length || shape[dim] != scales.length) {
        throw new KilnException(name + ": " + scales.length + " per-channel scales along "
            + "dimension " + dim + ", expected that dimension of shape "
            + Arrays.toString(shape) + " to have " + scales.length + " channels");
      }
    }
  }

  /** The values a zero point can take in the element type, null where any will do. */
  private static long[] zeroPointRange(TensorType type) {
    return switch (type) {
      case INT8 -> new long[] {-128, 127};
      case UINT8 -> new long[] {0, 255};
      case INT16 -> new long[] {-32768, 32767};
      case INT4 -> new long[] {-8, 7};
      case INT32 -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
      default -> null;
    };
  }
}
