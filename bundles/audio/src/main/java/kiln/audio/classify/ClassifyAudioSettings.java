package kiln.audio.classify;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import kiln.api.KilnException;

/**
 * How {@code kiln:classify_audio} (and the board emulator's stream) smooths and paces, as MLTK's
 * audio_classifier app reads it: each setting from the command line, else the model's parameter of
 * that name, else the app's default.
 *
 * @param averageWindowMs {@code average_window_duration_ms}: results older than this are dropped
 *     from the average (default 1000)
 * @param detectionThreshold {@code detection_threshold}: the averaged score (0-255) must exceed it
 *     (default 185)
 * @param thresholds {@code detection_threshold_list}: one threshold per class instead, or null
 * @param suppressionMs {@code suppression_ms}: after a detection the same class is not detected
 *     again for this long (default 1500)
 * @param minimumCount {@code minimum_count}: results needed in the window to decide; 0 takes the
 *     latest result alone (default 3)
 * @param latencyMs {@code latency_ms}: audio time between two inferences, at least 10 (default 100)
 * @param volumeGain {@code volume_gain}: samples are multiplied by it (saturating); 0 or 1 none
 * @param verbose {@code verbose_model_output_logs}: print every inference's scores
 */
public record ClassifyAudioSettings(int averageWindowMs, int detectionThreshold, int[] thresholds,
    int suppressionMs, int minimumCount, int latencyMs, double volumeGain, boolean verbose) {

  /** MLTK's audio_classifier defaults (cli_opts.hpp); the shortest loop it runs on a PC. */
  public static final int WINDOW_MS = 1000;
  public static final int THRESHOLD = 185;
  public static final int SUPPRESSION_MS = 1500;
  public static final int MINIMUM_COUNT = 3;
  public static final int LATENCY_MS = 100;
  public static final int MIN_LATENCY_MS = 10;

  /** Command-line values; null where the option was not given. */
  public record Overrides(Integer averageWindowMs, Integer detectionThreshold, Integer suppressionMs,
      Integer minimumCount, Integer latencyMs, Double volumeGain, boolean verbose) {
    public static final Overrides NONE = new Overrides(null, null, null, null, null, null, false);
  }

  /**
   * @param parameters the model's parameter of a name (SL_PARAMSv1), null when it has none
   * @param microphone the model's {@code volume_gain} is a microphone setting (MLTK applies it to the
   *     microphone's samples): a file is amplified only by {@code --volume-gain}
   */
  public static ClassifyAudioSettings of(Function<String, Object> p, Overrides o, int classCount, boolean microphone) {
    int window = pick(o.averageWindowMs(), p, "average_window_duration_ms", WINDOW_MS);
    int threshold = pick(o.detectionThreshold(), p, "detection_threshold", THRESHOLD);
    int suppression = pick(o.suppressionMs(), p, "suppression_ms", SUPPRESSION_MS);
    int count = pick(o.minimumCount(), p, "minimum_count", MINIMUM_COUNT);
    int latency = Math.max(MIN_LATENCY_MS, pick(o.latencyMs(), p, "latency_ms", LATENCY_MS));
    double gain = o.volumeGain() != null ? o.volumeGain()
        : microphone ? number(p, "volume_gain", 0).doubleValue() : 0;
    boolean verbose = o.verbose() || Boolean.TRUE.equals(p.apply("verbose_model_output_logs"));
    if (threshold < 0 || threshold > 255) {
      throw new KilnException("detection threshold: expected 0 to 255 (the uint8 score scale), found " + threshold);
    }
    if (window < 0 || suppression < 0 || count < 0) {
      throw new KilnException("window duration, suppression and minimum count must not be negative, found "
          + window + " ms, " + suppression + " ms and " + count);
    }
    if (!(gain >= 0) || Double.isInfinite(gain)) {
      throw new KilnException("volume gain: expected a number >= 0 (0: none), found " + gain);
    }
    return new ClassifyAudioSettings(window, threshold, thresholds(p, classCount), suppression, count,
        latency, gain, verbose);
  }

  /** The threshold a detection of class {@code c} must exceed. */
  public int threshold(int c) {
    return thresholds != null ? thresholds[c] : detectionThreshold;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "average_window_duration_ms=%d detection_threshold=%s suppression_ms=%d"
        + " minimum_count=%d latency_ms=%d volume_gain=%s", averageWindowMs,
        thresholds != null ? Arrays.toString(thresholds) : String.valueOf(detectionThreshold),
        suppressionMs, minimumCount, latencyMs, volumeGain == 0 ? "none" : String.valueOf(volumeGain));
  }

  private static int[] thresholds(Function<String, Object> p, int classCount) {
    Object v = p.apply("detection_threshold_list");
    if (v == null) {
      return null;
    }
    if (!(v instanceof List<?> l) || l.size() != classCount) {
      throw new KilnException("model parameter detection_threshold_list: expected one threshold (0-255) per"
          + " class, " + classCount + " in all, found " + v);
    }
    int[] t = new int[classCount];
    for (int i = 0; i < classCount; i++) {
      if (!(l.get(i) instanceof Number n) || n.intValue() < 0 || n.intValue() > 255) {
        throw new KilnException("model parameter detection_threshold_list: entry " + i
            + " must be a number 0 to 255, found " + l.get(i));
      }
      t[i] = ((Number) l.get(i)).intValue();
    }
    return t;
  }

  private static int pick(Integer option, Function<String, Object> p, String key, int fallback) {
    return option != null ? option : number(p, key, fallback).intValue();
  }

  private static Number number(Function<String, Object> p, String key, Number fallback) {
    Object v = p.apply(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n)) {
      throw new KilnException("model parameter " + key + ": expected a number, found " + v);
    }
    return n;
  }
}
