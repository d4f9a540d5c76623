package kiln.util.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleSerializers;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.type.ArrayType;
import com.fasterxml.jackson.databind.type.CollectionType;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How {@link Json} writes values: numbers as Python does (floats widened to double, non-finite as
 * null), collections and arrays with their number-only ones kept on one line in pretty output,
 * and anything that is not a JSON type as its text.
 */
final class PythonValues extends SimpleSerializers {
  private static final long serialVersionUID = 1L;

  PythonValues() {
    addSerializer(Double.class, new NumberAsDouble<>(Double.class));
    addSerializer(Float.class, new NumberAsDouble<>(Float.class));
    addSerializer(double[].class,
        new ArrayAsList<>(double[].class, a -> Arrays.stream(a).boxed().toList()));
    addSerializer(float[].class, new ArrayAsList<>(float[].class, PythonValues::boxed));
    addSerializer(int[].class,
        new ArrayAsList<>(int[].class, a -> Arrays.stream(a).boxed().toList()));
    addSerializer(long[].class,
        new ArrayAsList<>(long[].class, a -> Arrays.stream(a).boxed().toList()));
  }

  @Override
  public JsonSerializer<?> findSerializer(
      SerializationConfig config, JavaType type, BeanDescription bean) {
    JsonSerializer<?> s = super.findSerializer(config, type, bean);
    if (s != null) {
      return s;
    }
    Class<?> c = type.getRawClass();
    boolean json = CharSequence.class.isAssignableFrom(c) || Number.class.isAssignableFrom(c)
        || c == Boolean.class || c.isPrimitive() || JsonSerializable.class.isAssignableFrom(c)
        || Map.class.isAssignableFrom(c) || Collection.class.isAssignableFrom(c) || c.isArray();
    return json ? null : ToStringSerializer.instance;
  }

  @Override
  public JsonSerializer<?> findCollectionSerializer(SerializationConfig config, CollectionType type,
      BeanDescription bean, TypeSerializer elementTypes, JsonSerializer<Object> elements) {
    return new ArrayAsList<Collection<?>>(Collection.class, c -> c);
  }

  @Override
  public JsonSerializer<?> findArraySerializer(SerializationConfig config, ArrayType type,
      BeanDescription bean, TypeSerializer elementTypes, JsonSerializer<Object> elements) {
    JsonSerializer<?> s = super.findArraySerializer(config, type, bean, elementTypes, elements);
    if (s != null || type.getContentType().isPrimitive()) {
      return s; // byte[], char[], ...: Jackson's own
    }
    return new ArrayAsList<Object[]>(Object[].class, Arrays::asList);
  }

  private static List<Float> boxed(float[] a) {
    Float[] b = new Float[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i];
    }
    return Arrays.asList(b);
  }

  /** A float or double as Python writes a float: the double's text, or null when not finite. */
  private static final class NumberAsDouble<T extends Number> extends StdSerializer<T> {
    private static final long serialVersionUID = 1L;

    NumberAsDouble(Class<T> type) {
      super(type);
    }

    @Override
    public void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
      double d = value.doubleValue();
      if (Double.isFinite(d)) {
        g.writeNumber(d);
      } else {
        g.writeNull();
      }
    }
  }

  /** A collection or array as a JSON array; one of plain numbers stays on one line. */
  private static final class ArrayAsList<T> extends StdSerializer<T> {
    private static final long serialVersionUID = 1L;
    private final transient Function<T, Collection<?>> items;

    @SuppressWarnings("unchecked")
    ArrayAsList(Class<?> type, Function<T, Collection<?>> items) {
      super((Class<T>) type);
      this.items = items;
    }

    @Override
    public boolean isEmpty(SerializerProvider p, T value) {
      return items.apply(value).isEmpty();
    }

    @Override
    public void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
      Collection<?> c = items.apply(value);
      if (g.getPrettyPrinter() instanceof PythonStylePrinter printer
          && c.stream().allMatch(x -> x == null || x instanceof Number)) {
        printer.flatNextArray();
      }
      g.writeStartArray(value, c.size());
      for (Object x : c) {
        p.defaultSerializeValue(x, g);
      }
      g.writeEndArray();
    }
  }
}
