package kiln.audio.frontend;

import kiln.api.data.FrontendSettings;

/** Conversions of the frontend's uint16 features to the model input types MLTK uses. */
public final class FeatureQuantizer {
  /** ln(10) / 20: converts decibels to natural-log units. */
  private static final double LN10_DIV_20 = 0.11512925465;

  private FeatureQuantizer() {}

  /** One uint16 value as TFLM's micro_features int8: clamp(((v * 256) + 333) / 666 - 128). */
  public static byte toInt8(int value) {
    int v = ((value * 256) + 666 / 2) / 666 - 128;
    return (byte) Math.max(-128, Math.min(127, v));
  }

  /** Every value as micro_features int8. */
  public static byte[] toInt8(int[] features) {
    byte[] out = new byte[features.length];
    for (int i = 0; i < features.length; i++) {
      out[i] = toInt8(features[i]);
    }
    return out;
  }

  /**
   * The int8 features the settings ask for: dynamic scaling when
   * {@code fe.quantize_dynamic_scale_enable} is on, micro_features int8 otherwise.
   */
  public static byte[] toInt8(int[] features, FrontendSettings settings) {
    return settings.quantizeDynamicScaleEnable() ? toInt8Dynamic(features, dynamicRange(settings)) : toInt8(features);
  }

  /** MLTK's dynamic range in uint16 units: range_db * 2^log_scale_shift * ln(10) / 20, truncated. */
  public static int dynamicRange(FrontendSettings settings) {
    float scaled = settings.quantizeDynamicScaleRangeDb() * (float) (1 << settings.logScaleShift());
    return (int) (scaled * LN10_DIV_20);
  }

  /**
   * MLTK's dynamic quantization of a whole spectrogram: its maximum maps to 127, the maximum minus
   * {@code range} (or 0) to -128, values below that to -128.
   */
  public static byte[] toInt8Dynamic(int[] features, int range) {
    int max = 0;
    for (int v : features) {
      max = Math.max(max, v);
    }
    int min = Math.max(max - range, 0);
    int span = Math.max(max - min, 1);
    byte[] out = new byte[features.length];
    for (int i = 0; i < features.length; i++) {
      int v = (features[i] - min) * 255 / span - 128;
      out[i] = (byte) Math.max(-128, Math.min(127, v));
    }
    return out;
  }

  /** The uint16 values cast to float, as MLTK's float32 output. */
  public static float[] toFloat(int[] features) {
    float[] out = new float[features.length];
    for (int i = 0; i < features.length; i++) {
      out[i] = features[i];
    }
    return out;
  }
}
