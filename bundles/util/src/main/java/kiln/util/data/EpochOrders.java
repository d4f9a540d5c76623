package kiln.util.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import kiln.api.KilnException;

/**
 * What a data generator derives from its seed alone, shared by the audio and image generators: the
 * sample order of each epoch (shuffled or not; the last few kept, as workers ask for the same epoch
 * many times), Keras class weights, the augmenters to run in their fixed order, and the seed mix.
 */
public final class EpochOrders {
  private final int size;
  private final long seed;
  private final boolean shuffle;
  private final Map<Integer, int[]> orders = new LinkedHashMap<>();

  public EpochOrders(int size, long seed, boolean shuffle) {
    this.size = size;
    this.seed = seed;
    this.shuffle = shuffle;
  }

  /** The sample order of an epoch: the identity, or a Fisher-Yates shuffle seeded by seed and epoch. */
  public int[] of(int epoch) {
    synchronized (orders) {
      int[] o = orders.get(epoch);
      if (o != null) {
        return o;
      }
      o = new int[size];
      for (int i = 0; i < o.length; i++) {
        o[i] = i;
      }
      if (shuffle) {
        Random r = new Random(mix(seed, epoch, -1));
        for (int i = o.length - 1; i > 0; i--) {
          int j = r.nextInt(i + 1);
          int t = o[i];
          o[i] = o[j];
          o[j] = t;
        }
      }
      if (orders.size() >= 4) {
        orders.remove(orders.keySet().iterator().next());
      }
      orders.put(epoch, o);
      return o;
    }
  }

  /** A well-spread 64-bit seed from three numbers (seed, epoch, sample). */
  public static long mix(long a, long b, long c) {
    long h = a * 0x9E3779B97F4A7C15L + b;
    h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + c;
    h = (h ^ (h >>> 29)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 32);
  }

  /**
   * Keras class weights per class index: null for none, 'balanced' (n_samples / (n_classes *
   * count)), or a map of class name (or index) to weight.
   */
  public static float[] classWeights(Object spec, List<String> classes, int samples, Map<String, Integer> counts) {
    if (spec == null || "none".equalsIgnoreCase(String.valueOf(spec))) {
      return null;
    }
    float[] w = new float[classes.size()];
    if ("balanced".equals(spec)) {
      for (int c = 0; c < w.length; c++) {
        w[c] = (float) samples / (classes.size() * counts.get(classes.get(c)));
      }
      return w;
    }
    if (spec instanceof Map<?, ?> m) {
      for (int c = 0; c < w.length; c++) {
        Object v = m.containsKey(classes.get(c)) ? m.get(classes.get(c)) : m.get(c);
        w[c] = v instanceof Number n ? n.floatValue() : 1f;
      }
      return w;
    }
    throw new KilnException("class_weights must be 'balanced', none or a map of class -> weight, found " + spec);
  }

  /** The enabled entries of {@code all}: those named in {@code order} first, in it, then the rest by name. */
  public static <A> List<Map.Entry<String, A>> inOrder(Map<String, A> all, List<String> order, Predicate<A> enabled) {
    List<Map.Entry<String, A>> out = new java.util.ArrayList<>();
    for (String n : order) {
      A a = all.get(n);
      if (a != null && enabled.test(a)) {
        out.add(Map.entry(n, a));
      }
    }
    new TreeMap<>(all).forEach((n, a) -> {
      if (!order.contains(n) && enabled.test(a)) {
        out.add(Map.entry(n, a));
      }
    });
    return out;
  }
}
