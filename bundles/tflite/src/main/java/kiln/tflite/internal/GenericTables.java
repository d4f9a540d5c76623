package kiln.tflite.internal;

import com.google.flatbuffers.FlatBufferBuilder;
import com.google.flatbuffers.Table;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.tflite.options.GenericOptions;
import kiln.tflite.schema.Operator;

/**
 * Reads and writes any generated options table through its accessors (found by reflection), so
 * options Kiln has no record for survive a read and write unchanged. Handles scalar, string and
 * scalar/string vector fields, which is what TFLite options tables hold; nested tables are
 * skipped.
 */
final class GenericTables {
  private static final String PACKAGE = "kiln.tflite.schema.";

  private GenericTables() {}

  static GenericOptions read(Operator op, String typeName, String where) {
    Class<?> type = tableClass(typeName);
    Table table;
    try {
      table = (Table) type.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("generated class " + typeName + " cannot be created", e);
    }
    if (op.builtinOptions(table) == null) {
      return GenericOptions.empty(typeName);
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Method m : accessors(type)) {
      String name = m.getName();
      Object value;
      if (m.getParameterCount() == 0) {
        if (m.getReturnType() == String.class) {
          // bounds-checks the string before it is decoded
          if (invoke(type, name + "AsByteBuffer", table, where) == null) {
            continue;
          }
        }
        value = invoke(m, table, where);
      } else {
        value = readVector(type, m, table, where);
      }
      if (value != null) {
        fields.put(name, value);
      }
    }
    return new GenericOptions(typeName, fields);
  }

  private static Object readVector(Class<?> type, Method element, Table table, String where) {
    Object length = invoke(type, element.getName() + "Length", table, where);
    Class<?> itemType = element.getReturnType();
    int size = itemType == long.class || itemType == double.class ? 8
        : itemType == String.class || itemType == int.class || itemType == float.class ? 4 : 1;
    ByteBuffer bb = table.getByteBuffer();
    int n = Bounds.length(() -> (Integer) length, size, bb, where + " " + element.getName());
    if (n == 0) {
      return null;
    }
    Object out = Array.newInstance(itemType, n);
    for (int i = 0; i < n; i++) {
      Array.set(out, i, invoke(element, table, where, i));
    }
    return out;
  }

  static int write(FlatBufferBuilder b, GenericOptions g) {
    String typeName = g.typeName();
    if (typeName.startsWith(OptionsCodec.UNKNOWN_PREFIX)) {
      b.startTable(0);
      return b.endTable();
    }
    Class<?> type = tableClass(typeName);
    Map<String, Integer> offsets = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : g.fields().entrySet()) {
      Object v = e.getValue();
      if (v instanceof String s) {
        offsets.put(e.getKey(), b.createString(s));
      } else if (v != null && v.getClass().isArray()) {
        offsets.put(e.getKey(), writeVector(b, type, e.getKey(), v));
      }
    }
    call(type, "start" + type.getSimpleName(), b);
    for (Map.Entry<String, Object> e : g.fields().entrySet()) {
      Method adder = staticMethod(type, "add" + capitalize(e.getKey()), 2);
      Object v = offsets.containsKey(e.getKey()) ? offsets.get(e.getKey()) : e.getValue();
      callMethod(adder, b, convert(v, adder.getParameterTypes()[1], typeName, e.getKey()));
    }
    return (Integer) call(type, "end" + type.getSimpleName(), b);
  }

  private static int writeVector(FlatBufferBuilder b, Class<?> type, String field, Object values) {
    Method create = staticMethod(type, "create" + capitalize(field) + "Vector", 2);
    Class<?> arrayType = create.getParameterTypes()[1];
    int n = Array.getLength(values);
    Object arg;
    if (values instanceof String[] strings) {
      int[] stringOffsets = new int[n];
      for (int i = 0; i < n; i++) {
        stringOffsets[i] = b.createString(strings[i]);
      }
      arg = stringOffsets;
    } else {
      arg = Array.newInstance(arrayType.getComponentType(), n);
      for (int i = 0; i < n; i++) {
        Array.set(arg, i, convert(Array.get(values, i), arrayType.getComponentType(),
            type.getSimpleName(), field));
      }
    }
    return (Integer) callMethod(create, b, arg);
  }

  private static Object convert(Object v, Class<?> target, String typeName, String field) {
    if (target == boolean.class) {
      return v;
    }
    if (!(v instanceof Number n)) {
      throw new KilnException("options " + typeName + " field " + field
          + ": expected a number, found " + v);
    }
    if (target == byte.class) {
      return n.byteValue();
    } else if (target == short.class) {
      return n.shortValue();
    } else if (target == int.class) {
      return n.intValue();
    } else if (target == long.class) {
      return n.longValue();
    } else if (target == float.class) {
      return n.floatValue();
    } else if (target == double.class) {
      return n.doubleValue();
    }
    throw new KilnException("options " + typeName + " field " + field + ": cannot store " + v);
  }

  /** The field getters of a generated table: x() for scalars and strings, x(int) for vectors. */
  private static List<Method> accessors(Class<?> type) {
    List<Method> out = new ArrayList<>();
    for (Method m : type.getDeclaredMethods()) {
      String name = m.getName();
      if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers())
          || name.startsWith("__") || name.endsWith("AsByteBuffer")
          || name.endsWith("InByteBuffer") || name.endsWith("Length")) {
        continue;
      }
      Class<?> r = m.getReturnType();
      boolean plain = r.isPrimitive() || r == String.class;
      if (m.getParameterCount() == 0 && plain && r != void.class) {
        if (hasMethod(type, name + "Length")) {
          continue; // a vector's accessor without index does not exist, but be safe
        }
        out.add(m);
      } else if (m.getParameterCount() == 1 && m.getParameterTypes()[0] == int.class && plain
          && hasMethod(type, name + "Length")) {
        out.add(m);
      }
    }
    out.sort(Comparator.comparing(Method::getName));
    return out;
  }

  private static boolean hasMethod(Class<?> type, String name) {
    try {
      type.getMethod(name);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static Class<?> tableClass(String typeName) {
    try {
      return Class.forName(PACKAGE + typeName, true, GenericTables.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new KilnException("options type " + typeName + ": expected a TFLite options table, "
          + "found no such table in Kiln's schema");
    }
  }

  private static Method staticMethod(Class<?> type, String name, int params) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == params
          && Modifier.isStatic(m.getModifiers())
          && (params < 2 || m.getParameterTypes()[1] != java.nio.ByteBuffer.class)) {
        return m;
      }
    }
    throw new KilnException("options " + type.getSimpleName() + ": no field accessor " + name);
  }

  private static Object call(Class<?> type, String name, FlatBufferBuilder b) {
    return callMethod(staticMethod(type, name, 1), b);
  }

  private static Object callMethod(Method m, Object... args) {
    try {
      return m.invoke(null, args);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      throw rethrow(e.getCause());
    }
  }

  private static Object invoke(Class<?> type, String name, Table table, String where) {
    try {
      return invoke(type.getMethod(name), table, where);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object invoke(Method m, Table table, String where, Object... args) {
    try {
      return m.invoke(table, args);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        // a corrupted offset: the generated accessor read outside the file
        throw new Bounds.Corrupt(where + ": options field " + m.getName() + " cannot be read, "
            + "expected its offset to point inside the file");
      }
      throw rethrow(c);
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error err) {
      throw err;
    }
    return new IllegalStateException(t);
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
