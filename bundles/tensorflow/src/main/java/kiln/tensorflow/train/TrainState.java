package kiln.tensorflow.train;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.api.KilnException;
import kiln.util.json.Json;

/**
 * What a run needs besides its weights and optimizer slots to continue exactly after an epoch
 * ({@code train-state-NNN.json}): the epochs done, the optimizer and its step count (Adam's bias
 * correction), the learning rate the next epoch starts from (after reduce_lr_on_plateau; the
 * lr_schedule is a function of the epoch and this rate), whether a callback stopped the run, and
 * each callback's bests, counters and cooldown ({@link Callbacks#state}).
 *
 * @param epoch epochs done (the checkpoint's number)
 * @param optimizer the optimizer's name
 * @param iterations optimizer steps taken
 * @param learningRate the learning rate after the epoch's callbacks
 * @param stopped whether a callback ended training at this epoch
 * @param callbacks per callback setting name, its state
 */
record TrainState(int epoch, String optimizer, long iterations, double learningRate, boolean stopped,
    Map<String, Object> callbacks) {
  static final int FORMAT = 1;

  String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("epoch", epoch);
    m.put("optimizer", optimizer);
    m.put("iterations", iterations);
    m.put("learning_rate", learningRate);
    m.put("stopped", stopped);
    m.put("callbacks", callbacks);
    return Json.writePretty(m);
  }

  /**
   * Parses a state file.
   *
   * @param what names the file in error messages
   */
  @SuppressWarnings("unchecked")
  static TrainState parse(String text, String what) {
    Map<String, Object> m = Json.parseObject(text, what);
    long format = whole(m, "format", what);
    if (format > FORMAT) {
      throw new KilnException(what + ": format " + format + " is newer than this trainer's " + FORMAT
          + "; resume with the Kiln that wrote it");
    }
    Object callbacks = m.get("callbacks");
    if (!(callbacks instanceof Map)) {
      throw new KilnException(what + ": callbacks expected an object, found " + Json.typeName(callbacks));
    }
    Object optimizer = m.get("optimizer");
    Object stopped = m.get("stopped");
    if (!(optimizer instanceof String) || !(stopped instanceof Boolean)) {
      throw new KilnException(what + ": expected optimizer (a string) and stopped (a boolean)");
    }
    Double lr = number(m, "learning_rate", what);
    if (lr == null) {
      throw new KilnException(what + ": learning_rate expected a number, found null");
    }
    return new TrainState((int) whole(m, "epoch", what), (String) optimizer, whole(m, "iterations", what), lr,
        (Boolean) stopped, (Map<String, Object>) callbacks);
  }

  /** A whole number of the map. */
  static long whole(Map<?, ?> m, String key, String what) {
    if (m.get(key) instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    throw new KilnException(what + ": " + key + " expected a whole number, found " + Json.typeName(m.get(key)));
  }

  /** A number of the map; null stands for infinity (JSON has none: a monitor's starting best). */
  static Double number(Map<?, ?> m, String key, String what) {
    Object v = m.get(key);
    if (v == null && m.containsKey(key)) {
      return null;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new KilnException(what + ": " + key + " expected a number, found " + Json.typeName(v));
  }
}
