package kiln.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import kiln.api.KilnException;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;

/**
 * Reads a model input from a file: raw bytes in the input's own type, or a .npy array (int8,
 * uint8, int16, int32, float32, float64), converted and quantized to what the input expects.
 */
public final class InputReader {
  private InputReader() {}

  public static TensorData read(Path file, TensorSpec spec) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KilnException("cannot read input file " + file + ": " + e.getMessage(), e);
    }
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".npy")) {
      return fromValues(npy(bytes, file), spec, file);
    }
    int n = (int) TensorData.elementCount(spec.shape());
    int expected = n * spec.type().bytes();
    if (bytes.length != expected) {
      throw new KilnException("input file " + file + " has " + bytes.length + " bytes; input '"
          + spec.name() + "' (" + spec.type() + Arrays.toString(spec.shape()) + ") needs "
          + expected + " raw bytes");
    }
    return new TensorData(spec.type(), spec.shape(), bytes);
  }

  /** Values (already real numbers or integers) to the input's type, quantizing floats for int8. */
  static TensorData fromValues(double[] values, TensorSpec spec, Path file) {
    int n = (int) TensorData.elementCount(spec.shape());
    if (values.length != n) {
      throw new KilnException("input file " + file + " holds " + values.length
          + " values; input '" + spec.name() + "' " + Arrays.toString(spec.shape()) + " needs " + n);
    }
    if (spec.type() == ElementType.FLOAT32) {
      float[] f = new float[n];
      for (int i = 0; i < n; i++) {
        f[i] = (float) values[i];
      }
      return TensorData.ofFloat32(spec.shape(), f);
    }
    if (spec.type() != ElementType.INT8) {
      throw new KilnException("input '" + spec.name() + "' has type " + spec.type()
          + "; only int8 and float32 inputs can be read from .npy");
    }
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) Math.max(-128, Math.min(127, Math.round(values[i])));
    }
    return TensorData.ofInt8(spec.shape(), b);
  }

  /** Parses a .npy file (version 1/2, C order) into doubles; floats keep their value. */
  static double[] npy(byte[] b, Path file) {
    if (b.length < 10 || b[0] != (byte) 0x93 || b[1] != 'N' || b[2] != 'U' || b[3] != 'M') {
      throw new KilnException("input file " + file + " is not a .npy file (bad magic)");
    }
    int major = b[6];
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int headerLen = major == 1 ? (bb.getShort(8) & 0xffff) : bb.getInt(8);
    int start = major == 1 ? 10 : 12;
    String header = new String(b, start, headerLen, StandardCharsets.ISO_8859_1);
    String descr = field(header, "descr", file);
    if (header.contains("'fortran_order': True")) {
      throw new KilnException("input file " + file + ": Fortran-ordered .npy is not supported");
    }
    int data = start + headerLen;
    ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    ByteBuffer d = ByteBuffer.wrap(b, data, b.length - data).slice().order(order);
    String kind = descr.substring(1);
    int size = switch (kind) {
      case "i1", "u1", "b1" -> 1;
      case "i2", "u2" -> 2;
      case "i4", "f4" -> 4;
      case "f8", "i8" -> 8;
      default -> throw new KilnException("input file " + file + ": dtype " + descr
          + " is not supported (int8, uint8, int16, int32, int64, float32, float64)");
    };
    int n = d.remaining() / size;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = switch (kind) {
        case "i1" -> d.get(i);
        case "u1", "b1" -> d.get(i) & 0xff;
        case "i2" -> d.getShort(i * 2);
        case "u2" -> d.getShort(i * 2) & 0xffff;
        case "i4" -> d.getInt(i * 4);
        case "i8" -> d.getLong(i * 8);
        case "f4" -> d.getFloat(i * 4);
        default -> d.getDouble(i * 8);
      };
    }
    return v;
  }

  private static String field(String header, String key, Path file) {
    int i = header.indexOf("'" + key + "'");
    if (i < 0) {
      throw new KilnException("input file " + file + ": .npy header lacks '" + key + "'");
    }
    int q1 = header.indexOf('\'', header.indexOf(':', i) + 1);
    int q2 = header.indexOf('\'', q1 + 1);
    return header.substring(q1 + 1, q2);
  }
}
