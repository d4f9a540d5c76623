package kiln.spec;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.api.data.FrontendSettings;

/**
 * Settings of a parallel data generator. Public fields hold the settings with MLTK's defaults; the
 * keyword constructor takes MLTK's argument names ({@code "max_batches_pending"} sets
 * {@code maxBatchesPending}) so a spec reads like MLTK's {@code ParallelAudioDataGenerator(...)}.
 */
public abstract class DataGenerator {
  protected DataGenerator() {}

  /** Applies keyword settings; subclasses call it at the end of their constructor (after field defaults). */
  protected final void apply(Map<String, ?> kwargs) {
    for (Map.Entry<String, ?> e : kwargs.entrySet()) {
      set(e.getKey(), e.getValue());
    }
  }

  /** The MLTK class name this mirrors. */
  public abstract String className();

  /** Sets one setting by its MLTK name; an unknown name or a value of the wrong type names both. */
  public DataGenerator set(String mltkName, Object value) {
    Field f = field(mltkName);
    try {
      f.set(this, coerce(f, mltkName, value));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /** Every setting by its MLTK name, as plain values (ranges as lists, frontend settings as a map). */
  public Map<String, Object> settings() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Field f : fields()) {
      try {
        out.put(snake(f.getName()), plain(f.get(this)));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /** The MLTK names this generator accepts. */
  public List<String> settingNames() {
    return fields().stream().map(f -> snake(f.getName())).toList();
  }

  /** Checks value ranges; throws {@link SettingException} naming {@code datagen.<setting>}. */
  public void validate() {
    for (Field f : fields()) {
      if (f.getType() == double[].class) {
        try {
          double[] r = (double[]) f.get(this);
          if (r != null && (r.length != 2 || r[0] > r[1])) {
            throw bad(snake(f.getName()), "expected a range (low, high) with low <= high, got "
                + java.util.Arrays.toString(r));
          }
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  protected final SettingException bad(String mltkName, String message) {
    return new SettingException("datagen." + mltkName, "datagen", message);
  }

  private List<Field> fields() {
    List<Field> out = new ArrayList<>();
    for (Field f : getClass().getFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        out.add(f);
      }
    }
    return out;
  }

  private Field field(String mltkName) {
    for (Field f : fields()) {
      if (snake(f.getName()).equals(mltkName)) {
        return f;
      }
    }
    throw bad(mltkName, "unknown setting of " + className() + "; expected one of " + String.join(", ", settingNames()));
  }

  private Object coerce(Field f, String name, Object v) {
    Class<?> t = f.getType();
    if (v == null) {
      if (t.isPrimitive()) {
        throw bad(name, "expected a " + t.getName() + ", got null");
      }
      return null;
    }
    if ((t == int.class || t == Integer.class) && isIntegral(v)) {
      return ((Number) v).intValue();
    }
    if ((t == double.class || t == Double.class) && v instanceof Number n) {
      return n.doubleValue();
    }
    if (t == boolean.class && v instanceof Boolean) {
      return v;
    }
    if (t == String.class && v instanceof String) {
      return v;
    }
    if (t == double[].class) {
      double[] r = toDoubles(v);
      if (r != null) {
        return r;
      }
      throw bad(name, "expected a range such as List.of(0.0, 1.0), got " + v);
    }
    if (t == int[].class && v instanceof int[] a) {
      return a.clone();
    }
    if (t == List.class) {
      if (v instanceof String s) {
        return List.of(s);
      }
      if (v instanceof List<?> l && l.stream().allMatch(x -> x instanceof String)) {
        return List.copyOf(l);
      }
      throw bad(name, "expected a list of names, got " + v);
    }
    if (t.isInstance(v)) {
      return v;
    }
    throw bad(name, "expected " + t.getSimpleName() + ", got " + v + " (" + v.getClass().getSimpleName() + ")");
  }

  private static boolean isIntegral(Object v) {
    return v instanceof Integer || v instanceof Long || v instanceof Short
        || (v instanceof Double d && d == Math.rint(d));
  }

  private static double[] toDoubles(Object v) {
    if (v instanceof double[] d) {
      return d.clone();
    }
    if (v instanceof List<?> l && l.stream().allMatch(x -> x instanceof Number)) {
      return l.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
    }
    return null;
  }

  static Object plain(Object v) {
    if (v instanceof double[] d) {
      List<Double> l = new ArrayList<>();
      for (double x : d) {
        l.add(x);
      }
      return l;
    }
    if (v instanceof int[] a) {
      return java.util.Arrays.stream(a).boxed().toList();
    }
    if (v instanceof FrontendSettings fe) {
      // MLTK's AudioFeatureGeneratorSettings names: the fe.* parameters without prefix or fft_length
      Map<String, Object> m = new LinkedHashMap<>();
      fe.toParameters().forEach((k, x) -> {
        if (!k.equals("fe.fft_length")) {
          m.put(k.substring("fe.".length()), x);
        }
      });
      return m;
    }
    return v;
  }

  /** maxBatchesPending -> max_batches_pending. */
  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
