package kiln.util.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import kiln.api.KilnException;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;

/**
 * NumPy's files, Kiln's one reader and writer of them: {@code .npy} (format version 1 and 2, C
 * order, little- or big-endian int8/uint8/bool/int16/uint16/int32/int64/float32/float64) and
 * {@code .npz} (a zip of {@code NAME.npy} entries, stored or deflated, as {@code numpy.savez} and
 * {@code savez_compressed} write them).
 */
public final class NumpyFiles {
  private NumpyFiles() {}

  /** The most bytes one .npz entry may unpack to (a corrupt or hostile size is refused). */
  static final long MAX_ENTRY_BYTES = 1L << 30;

  /** A .npy array: its dtype as NumPy writes it (e.g. {@code <f4}), shape and values. */
  public record Array(String descr, int[] shape, double[] values) {}

  /** Parses a .npy file's bytes; {@code where} names it in messages. */
  public static Array readNpy(byte[] b, String where) {
    if (b.length < 10 || b[0] != (byte) 0x93 || b[1] != 'N' || b[2] != 'U' || b[3] != 'M'
        || b[4] != 'P' || b[5] != 'Y') {
      throw new KilnException(where + " is not a .npy file (bad magic)");
    }
    int major = b[6];
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    if (major != 1 && (major < 2 || b.length < 12)) {
      throw new KilnException(where + ": .npy format version " + major + " is not supported");
    }
    long headerLen = major == 1 ? (bb.getShort(8) & 0xffff) : bb.getInt(8) & 0xffffffffL;
    int start = major == 1 ? 10 : 12;
    if (start + headerLen > b.length) {
      throw new KilnException(where + ": .npy header of " + headerLen + " bytes runs past the end"
          + " of the file (" + b.length + " bytes)");
    }
    String header = new String(b, start, (int) headerLen, StandardCharsets.ISO_8859_1);
    String descr = field(header, "descr", where);
    if (header.contains("'fortran_order': True")) {
      throw new KilnException(where + ": Fortran-ordered .npy is not supported");
    }
    int[] shape = shape(header, where);
    int data = start + (int) headerLen;
    ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    ByteBuffer d = ByteBuffer.wrap(b, data, b.length - data).slice().order(order);
    String kind = descr.substring(1);
    int size = switch (kind) {
      case "i1", "u1", "b1" -> 1;
      case "i2", "u2" -> 2;
      case "i4", "f4" -> 4;
      case "f8", "i8" -> 8;
      default -> throw new KilnException(where + ": dtype " + descr
          + " is not supported (int8, uint8, bool, int16, uint16, int32, int64, float32, float64)");
    };
    long n = TensorData.elementCount(shape);
    if (n * size > d.remaining()) {
      throw new KilnException(where + ": shape " + Arrays.toString(shape) + " of " + descr
          + " needs " + n * size + " data bytes, the file has " + d.remaining());
    }
    double[] v = new double[(int) n];
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
    return new Array(descr, shape, v);
  }

  /** A tensor as a .npy file (version 1.0), with the dtype of its element type. */
  public static byte[] npy(TensorData t) {
    String descr = switch (t.type()) {
      case INT8 -> "|i1";
      case UINT8 -> "|u1";
      case BOOL -> "|b1";
      case INT16 -> "<i2";
      case INT32 -> "<i4";
      case INT64 -> "<i8";
      case FLOAT32 -> "<f4";
    };
    int[] s = t.shape();
    StringBuilder shape = new StringBuilder("(");
    for (int i = 0; i < s.length; i++) {
      shape.append(s[i]).append(s.length == 1 ? "," : i + 1 < s.length ? ", " : "");
    }
    shape.append(')');
    StringBuilder h = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, "
        + "'shape': " + shape + ", }");
    // the header ends in a newline and pads the data start to a multiple of 64 bytes
    while ((10 + h.length() + 1) % 64 != 0) {
      h.append(' ');
    }
    h.append('\n');
    byte[] header = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(10 + header.length + t.bytes().length)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1)
        .put((byte) 0).putShort((short) header.length).put(header).put(t.bytes());
    return b.array();
  }

  /** The entries of a .npz, in file order, by name without {@code .npy}. */
  public static Map<String, Array> readNpz(byte[] zip, String where) {
    Map<String, Array> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (e.isDirectory()) {
          continue;
        }
        String name = e.getName();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".npy")) {
          throw new KilnException(where + ": entry '" + name + "' is not a .npy array");
        }
        String key = name.substring(0, name.length() - 4);
        out.put(key, readNpy(readEntry(in, where + " entry '" + name + "'"),
            where + " entry '" + name + "'"));
      }
    } catch (IOException e) {
      throw new KilnException(where + " is not a readable .npz (zip) file: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new KilnException(where + " is not a .npz file: it holds no .npy arrays");
    }
    return out;
  }

  private static byte[] readEntry(InputStream in, String where) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[1 << 16];
    long total = 0;
    for (int r; (r = in.read(chunk)) > 0; ) {
      total += r;
      if (total > MAX_ENTRY_BYTES) {
        throw new KilnException(where + " unpacks to more than " + MAX_ENTRY_BYTES + " bytes");
      }
      buf.write(chunk, 0, r);
    }
    return buf.toByteArray();
  }

  /** Tensors as a .npz (stored entries {@code NAME.npy}, in the map's order). */
  public static byte[] npz(Map<String, TensorData> arrays) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, TensorData> e : arrays.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
        zip.write(npy(e.getValue()));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    return out.toByteArray();
  }

  private static String field(String header, String key, String where) {
    int i = header.indexOf("'" + key + "'");
    if (i < 0) {
      throw new KilnException(where + ": .npy header lacks '" + key + "'");
    }
    int q1 = header.indexOf('\'', header.indexOf(':', i) + 1);
    int q2 = q1 < 0 ? -1 : header.indexOf('\'', q1 + 1);
    if (q2 < 0) {
      throw new KilnException(where + ": .npy header's '" + key + "' is not a quoted string");
    }
    return header.substring(q1 + 1, q2);
  }

  private static int[] shape(String header, String where) {
    int i = header.indexOf("'shape'");
    int open = i < 0 ? -1 : header.indexOf('(', i);
    int close = open < 0 ? -1 : header.indexOf(')', open);
    if (close < 0) {
      throw new KilnException(where + ": .npy header lacks a 'shape' tuple");
    }
    String[] parts = header.substring(open + 1, close).split(",");
    return Arrays.stream(parts).map(String::trim).filter(p -> !p.isEmpty()).mapToInt(p -> {
      try {
        int d = Integer.parseInt(p);
        if (d < 0) {
          throw new NumberFormatException();
        }
        return d;
      } catch (NumberFormatException e) {
        throw new KilnException(where + ": .npy shape entry '" + p + "' is not a size");
      }
    }).toArray();
  }
}
