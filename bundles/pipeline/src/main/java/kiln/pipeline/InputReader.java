package kiln.pipeline;

import kiln.util.data.NumpyFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import kiln.api.KilnException;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;

/**
 * Reads a model input from a file: raw bytes in the input's own type, or a .npy array (int8,
 * uint8, int16, int32, int64, float32, float64; {@link NumpyFiles}) converted to the input's type.
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
      return fromValues(NumpyFiles.readNpy(bytes, "input file " + file).values(), spec,
          "input file " + file);
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

  /**
   * Values (real numbers or integers) to the input's type: float32 as they are, integer types
   * rounded and clamped to the type's range (the values are taken as already quantized).
   */
  static TensorData fromValues(double[] values, TensorSpec spec, String where) {
    int n = (int) TensorData.elementCount(spec.shape());
    if (values.length != n) {
      throw new KilnException(where + " holds " + values.length
          + " values; input '" + spec.name() + "' " + Arrays.toString(spec.shape()) + " needs " + n);
    }
    if (spec.type() == ElementType.FLOAT32) {
      float[] f = new float[n];
      for (int i = 0; i < n; i++) {
        f[i] = (float) values[i];
      }
      return TensorData.ofFloat32(spec.shape(), f);
    }
    ByteBuffer b = ByteBuffer.allocate(n * spec.type().bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      long v = Math.round(values[i]);
      switch (spec.type()) {
        case INT8 -> b.put((byte) Math.max(-128, Math.min(127, v)));
        case UINT8, BOOL -> b.put((byte) Math.max(0, Math.min(255, v)));
        case INT16 -> b.putShort((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v)));
        case INT32 -> b.putInt((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)));
        case INT64 -> b.putLong(v);
        default -> throw new IllegalStateException(spec.type().name());
      }
    }
    return new TensorData(spec.type(), spec.shape(), b.array());
  }

  /**
   * Every input of a model from one .npz: the entry named like each input tensor, or else, when
   * no entry has an input's name, the entries {@code arr_0, arr_1, ...} ({@code numpy.savez}'s
   * names for unnamed arrays) in input order.
   */
  public static java.util.List<TensorData> readNpz(Path file, java.util.List<TensorSpec> specs) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KilnException("cannot read input file " + file + ": " + e.getMessage(), e);
    }
    String where = "input file " + file;
    java.util.Map<String, NumpyFiles.Array> arrays = NumpyFiles.readNpz(bytes, where);
    boolean byName = specs.stream().anyMatch(s -> arrays.containsKey(s.name()));
    java.util.List<TensorData> out = new java.util.ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      TensorSpec spec = specs.get(i);
      String key = byName ? spec.name() : "arr_" + i;
      NumpyFiles.Array a = arrays.get(key);
      if (a == null) {
        throw new KilnException(where + " has no array '" + key + "' for input " + i + " '"
            + spec.name() + "'; it holds " + String.join(", ", arrays.keySet())
            + " (name the arrays like the inputs: "
            + String.join(", ", specs.stream().map(TensorSpec::name).toList())
            + ", or save them unnamed in input order)");
      }
      out.add(fromValues(a.values(), spec, where + " array '" + key + "'"));
    }
    return out;
  }
}
