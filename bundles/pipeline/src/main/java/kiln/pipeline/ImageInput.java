package kiln.pipeline;

import kiln.api.KilnException;
import kiln.image.Samplewise;
import kiln.tflite.ModelParameters;

/**
 * How a model wants its image pixels (0..255) normalized, from its parameters: Kiln writes
 * {@code samplewise_norm.rescale} and {@code samplewise_norm.mean_and_std}; MLTK's models carry
 * {@code samplewise_norm.mean} and {@code samplewise_norm.std} instead. A rescale of 0 means none.
 */
record ImageInput(double rescale, boolean center, boolean std) {
  static ImageInput of(ModelParameters p, String origin) {
    boolean both = flag(p, "samplewise_norm.mean_and_std", origin);
    return new ImageInput(number(p, "samplewise_norm.rescale", origin),
        both || flag(p, "samplewise_norm.mean", origin), both || flag(p, "samplewise_norm.std", origin));
  }

  float[] normalize(float[] x) {
    return Samplewise.normalize(x, rescale, center, std);
  }

  private static double number(ModelParameters p, String key, String origin) {
    Object v = p.get(key);
    if (v == null) {
      return 0;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new KilnException(origin + ": parameter " + key + ": expected a number, found '" + v + "'");
    }
  }

  private static boolean flag(ModelParameters p, String key, String origin) {
    Object v = p.get(key);
    if (v == null) {
      return false;
    }
    String s = v.toString().trim();
    if (s.equalsIgnoreCase("true") || s.equals("1")) {
      return true;
    }
    if (s.equalsIgnoreCase("false") || s.equals("0")) {
      return false;
    }
    throw new KilnException(origin + ": parameter " + key + ": expected true or false, found '" + v + "'");
  }
}
