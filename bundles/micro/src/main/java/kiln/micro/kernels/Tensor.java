package kiln.micro.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import kiln.api.model.ElementType;
import kiln.micro.graph.TensorInfo;

/**
 * A tensor at run time: its description and its values in a Java array of the element type (int8
 * and bool in {@code i8}, int16 in {@code i16}, float32 in {@code f32}, int32 and int64-narrowed
 * constants in {@code i32}).
 */
public final class Tensor {
  public final int index;
  public final TensorInfo info;
  public final int[] shape;
  public final byte[] i8;
  public final short[] i16;
  public final float[] f32;
  public final int[] i32;

  public Tensor(int index, TensorInfo info) {
    this.index = index;
    this.info = info;
    this.shape = info.shape().clone();
    int n = info.elementCount();
    byte[] data = info.data();
    ElementType t = info.type();
    ByteBuffer b = data == null ? null : ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    i16 = t != ElementType.INT16 ? null : new short[n];
    if (i16 != null && b != null) {
      b.asShortBuffer().get(i16);
    }
    switch (t) {
      case INT16 -> {
        i8 = null;
        f32 = null;
        i32 = null;
      }
      case INT8, BOOL -> {
        // bool is one byte per element (0 or 1), as in TFLite; a buffer may be longer than the
        // shape needs: the shape decides
        i8 = data == null ? new byte[n] : java.util.Arrays.copyOf(data, n);
        f32 = null;
        i32 = null;
      }
      case FLOAT32 -> {
        i8 = null;
        f32 = new float[n];
        i32 = null;
        if (b != null) {
          b.asFloatBuffer().get(f32);
        }
      }
      case INT32 -> {
        i8 = null;
        f32 = null;
        i32 = new int[n];
        if (b != null) {
          b.asIntBuffer().get(i32);
        }
      }
      case INT64 -> {
        // only constants (axes, shapes) use int64 here: narrowed to int32 as TFLite Micro reads them
        i8 = null;
        f32 = null;
        i32 = new int[n];
        if (b != null) {
          for (int i = 0; i < n; i++) {
            i32[i] = (int) b.getLong(i * 8);
          }
        }
      }
      default -> throw new IllegalArgumentException("element type " + t + " is not supported");
    }
  }

  public ElementType type() {
    return info.type();
  }

  public String name() {
    return info.name();
  }

  public int rank() {
    return shape.length;
  }

  /** Dimension i, counting negative i from the end. */
  public int dim(int i) {
    return shape[i < 0 ? shape.length + i : i];
  }

  public int elementCount() {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  public float scale() {
    return info.scale();
  }

  public int zeroPoint() {
    return info.zeroPoint();
  }

  public boolean isConstant() {
    return info.isConstant();
  }

  /** The tensor's values as one int per element (int8/int16/int32 tensors). */
  public int[] intValues() {
    if (i32 != null) {
      return i32.clone();
    }
    if (i16 != null) {
      int[] r = new int[i16.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = i16[i];
      }
      return r;
    }
    int[] r = new int[i8.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = i8[i];
    }
    return r;
  }

  /** Copies this tensor's values into another of the same type and size. */
  public void copyTo(Tensor other) {
    if (i8 != null) {
      System.arraycopy(i8, 0, other.i8, 0, i8.length);
    } else if (f32 != null) {
      System.arraycopy(f32, 0, other.f32, 0, f32.length);
    } else if (i16 != null) {
      System.arraycopy(i16, 0, other.i16, 0, i16.length);
    } else {
      System.arraycopy(i32, 0, other.i32, 0, i32.length);
    }
  }

  /**
   * Sets a variable tensor to its start value as TFLite Micro's ResetVariableTensors does: the
   * zero point for int8, zero otherwise (a buffer in the file is not used).
   */
  public void resetVariable() {
    if (i8 != null) {
      java.util.Arrays.fill(i8, type() == ElementType.INT8 ? (byte) zeroPoint() : (byte) 0);
    } else if (f32 != null) {
      java.util.Arrays.fill(f32, 0f);
    } else if (i16 != null) {
      java.util.Arrays.fill(i16, (short) 0);
    } else {
      java.util.Arrays.fill(i32, 0);
    }
  }
}
