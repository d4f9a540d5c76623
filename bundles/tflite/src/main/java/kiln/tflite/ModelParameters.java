package kiln.tflite;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import kiln.api.KilnException;

/**
 * Model parameters: an ordered dictionary of typed values that travels inside a .tflite file as the
 * metadata entry {@value #METADATA_NAME} (the format MLTK uses, so files move both ways).
 *
 * <p>Values are kept normalized: {@code Boolean}; every integer type as {@code Long} (uint64 as its
 * two's complement bits); {@code Float}; {@code Double}; {@code String}; {@code List<String>};
 * {@code int[]}; {@code float[]}; {@code byte[]}.
 */
public final class ModelParameters {
  /** The metadata entry that holds the parameters. */
  public static final String METADATA_NAME = "SL_PARAMSv1";

  /** A typed value. */
  public record Value(ParamType type, Object value) {
    public Value {
      Objects.requireNonNull(type, "type");
      value = normalize(type, value);
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Value v) || v.type != type) {
        return false;
      }
      return switch (type) {
        case INT32_LIST -> Arrays.equals((int[]) v.value, (int[]) value);
        case FLOAT_LIST -> Arrays.equals((float[]) v.value, (float[]) value);
        case BYTES -> Arrays.equals((byte[]) v.value, (byte[]) value);
        default -> v.value.equals(value);
      };
    }

    @Override
    public int hashCode() {
      return type.hashCode();
    }

    /** The value as MLTK's summary prints it (Python's {@code str}). */
    @Override
    public String toString() {
      return PythonFormat.format(type, value);
    }
  }

  private final LinkedHashMap<String, Value> entries = new LinkedHashMap<>();

  public ModelParameters() {}

  public ModelParameters(ModelParameters other) {
    entries.putAll(other.entries);
  }

  /** Sets a value with the type inferred as MLTK does (smallest integer type that holds it). */
  public ModelParameters put(String key, Object value) {
    return put(key, inferType(key, value), value);
  }

  /** Sets a value of the given type; keeps the key's position when it exists. */
  public ModelParameters put(String key, ParamType type, Object value) {
    Objects.requireNonNull(key, "key");
    try {
      entries.put(key, new Value(type, value));
    } catch (RuntimeException e) {
      throw new KilnException("model parameter '" + key + "': expected a " + type.mltkName()
          + " value, found " + describe(value) + " (" + e.getMessage() + ")");
    }
    return this;
  }

  public ModelParameters put(String key, Value value) {
    entries.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** The normalized value, null when absent. */
  public Object get(String key) {
    Value v = entries.get(key);
    return v == null ? null : v.value();
  }

  /** The typed value, null when absent. */
  public Value value(String key) {
    return entries.get(key);
  }

  public boolean contains(String key) {
    return entries.containsKey(key);
  }

  public Value remove(String key) {
    return entries.remove(key);
  }

  /** Keys in entry order. */
  public Set<String> keys() {
    return java.util.Collections.unmodifiableSet(entries.keySet());
  }

  /** Entries in order (read-only view). */
  public Map<String, Value> entries() {
    return java.util.Collections.unmodifiableMap(entries);
  }

  public int size() {
    return entries.size();
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** A string value, or the value printed as MLTK prints it, or null when absent. */
  public String getString(String key) {
    Value v = entries.get(key);
    return v == null ? null : v.type() == ParamType.STRING ? (String) v.value() : v.toString();
  }

  /** The type MLTK would give a Java value. */
  public static ParamType inferType(String key, Object value) {
    if (value instanceof Value v) {
      return v.type();
    }
    if (value instanceof Boolean) {
      return ParamType.BOOL;
    }
    if (value instanceof Byte || value instanceof Short || value instanceof Integer
        || value instanceof Long) {
      long v = ((Number) value).longValue();
      if (v < 0) {
        return v >= Byte.MIN_VALUE ? ParamType.INT8
            : v >= Short.MIN_VALUE ? ParamType.INT16
            : v >= Integer.MIN_VALUE ? ParamType.INT32 : ParamType.INT64;
      }
      return v < 1L << 8 ? ParamType.UINT8
          : v < 1L << 16 ? ParamType.UINT16
          : v < 1L << 32 ? ParamType.UINT32 : ParamType.UINT64;
    }
    if (value instanceof BigInteger) {
      return ParamType.UINT64;
    }
    if (value instanceof Float) {
      return ParamType.FLOAT;
    }
    if (value instanceof Double d) {
      double a = Math.abs(d);
      return a >= 1.175494351e-38 && a <= 3.402823466e+38 ? ParamType.FLOAT : ParamType.DOUBLE;
    }
    if (value instanceof String) {
      return ParamType.STRING;
    }
    if (value instanceof byte[]) {
      return ParamType.BYTES;
    }
    if (value instanceof int[]) {
      return ParamType.INT32_LIST;
    }
    if (value instanceof float[] || value instanceof double[]) {
      return ParamType.FLOAT_LIST;
    }
    if (value instanceof String[]) {
      return ParamType.STRING_LIST;
    }
    if (value instanceof Collection<?> c) {
      Object first = c.isEmpty() ? "" : c.iterator().next();
      if (first instanceof String) {
        return ParamType.STRING_LIST;
      }
      if (first instanceof Integer || first instanceof Long || first instanceof Short) {
        return ParamType.INT32_LIST;
      }
      if (first instanceof Number) {
        return ParamType.FLOAT_LIST;
      }
    }
    throw new KilnException("model parameter '" + key + "': expected a bool, number, string, list "
        + "or bytes value, found " + describe(value));
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
  }

  static Object normalize(ParamType type, Object value) {
    Objects.requireNonNull(value, "value");
    switch (type) {
      case BOOL:
        if (value instanceof Boolean) {
          return value;
        }
        throw new IllegalArgumentException("not a boolean");
      case INT8:
        return range(value, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case UINT8:
        return range(value, 0, 255);
      case INT16:
        return range(value, Short.MIN_VALUE, Short.MAX_VALUE);
      case UINT16:
        return range(value, 0, 65535);
      case INT32:
        return range(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case UINT32:
        return range(value, 0, 0xffffffffL);
      case INT64:
        return integer(value);
      case UINT64:
        if (value instanceof BigInteger b) {
          if (b.signum() < 0 || b.bitLength() > 64) {
            throw new IllegalArgumentException("out of range 0..2^64-1");
          }
          return b.longValue();
        }
        return integer(value);
      case FLOAT:
        if (value instanceof Number n) {
          return n.floatValue();
        }
        throw new IllegalArgumentException("not a number");
      case DOUBLE:
        if (value instanceof Number n) {
          return n.doubleValue();
        }
        throw new IllegalArgumentException("not a number");
      case STRING:
        if (value instanceof String) {
          return value;
        }
        throw new IllegalArgumentException("not a string");
      case STRING_LIST: {
        List<String> out = new ArrayList<>();
        Iterable<?> items = value instanceof String[] a ? Arrays.asList(a) : (Iterable<?>) value;
        for (Object o : items) {
          if (!(o instanceof String s)) {
            throw new IllegalArgumentException("list item " + o + " is not a string");
          }
          out.add(s);
        }
        return List.copyOf(out);
      }
      case INT32_LIST: {
        if (value instanceof int[] a) {
          return a.clone();
        }
        List<?> list = new ArrayList<>((Collection<?>) value);
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = (int) range(list.get(i), Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        return out;
      }
      case FLOAT_LIST: {
        if (value instanceof float[] a) {
          return a.clone();
        }
        if (value instanceof double[] a) {
          float[] out = new float[a.length];
          for (int i = 0; i < a.length; i++) {
            out[i] = (float) a[i];
          }
          return out;
        }
        List<?> list = new ArrayList<>((Collection<?>) value);
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = ((Number) list.get(i)).floatValue();
        }
        return out;
      }
      case BYTES:
        if (value instanceof byte[] b) {
          return b.clone();
        }
        throw new IllegalArgumentException("not bytes");
      default:
        throw new IllegalArgumentException(type.name());
    }
  }

  private static long integer(Object value) {
    if (value instanceof Byte || value instanceof Short || value instanceof Integer
        || value instanceof Long) {
      return ((Number) value).longValue();
    }
    throw new IllegalArgumentException("not an integer");
  }

  private static long range(Object value, long min, long max) {
    long v = integer(value);
    if (v < min || v > max) {
      throw new IllegalArgumentException("out of range " + min + ".." + max);
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelParameters p
        && new ArrayList<>(p.entries.entrySet()).equals(new ArrayList<>(entries.entrySet()));
  }

  @Override
  public int hashCode() {
    return entries.keySet().hashCode();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    entries.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
    return b.toString().strip();
  }
}
