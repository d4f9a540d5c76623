package kiln.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a spec's properties; each failure names the MLTK setting and says what was expected. */
final class SpecValidator {
  private SpecValidator() {}

  static final List<String> LOSSES = List.of("categorical_crossentropy", "binary_crossentropy",
      "sparse_categorical_crossentropy", "mean_squared_error", "mse", "mean_absolute_error", "mae", "contrastive");
  static final List<String> OPTIMIZERS = List.of("adam", "sgd", "rmsprop", "adagrad", "adadelta", "adamax", "nadam");
  static final List<String> CLASS_MODES = List.of("categorical", "binary", "sparse", "input");
  static final List<String> IO_TYPES = List.of("float32", "int8", "uint8");
  static final List<String> OPTIMIZATIONS = List.of("DEFAULT", "OPTIMIZE_FOR_SIZE", "OPTIMIZE_FOR_LATENCY", "EXPERIMENTAL_SPARSITY");
  static final List<String> SUPPORTED_OPS = List.of("TFLITE_BUILTINS_INT8", "TFLITE_BUILTINS", "SELECT_TF_OPS", "EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8");
  static final List<String> MODES = List.of("auto", "min", "max");

  static void validate(KilnModel m) {
    check(m.version >= 0, "version", "version", "expected an integer >= 0, got " + m.version);
    check(m.description != null, "description", "description", "expected a text, got null");
    if (m.classes != null) {
      check(!m.classes.isEmpty(), "classes", "classes", "expected at least one class name, got []");
      Set<String> seen = new HashSet<>();
      for (String c : m.classes) {
        check(c != null && !c.isBlank(), "classes", "classes", "expected class names, got a blank or null entry");
        check(seen.add(c), "classes", "classes", "class '" + c + "' is listed twice");
      }
    }
    if (m.inputShape != null) {
      for (int d : m.inputShape) {
        check(d > 0, "input_shape", "inputShape", "expected positive dimensions, got " + java.util.Arrays.toString(m.inputShape));
      }
    }
    check(m.epochs == -1 || m.epochs >= 1, "epochs", "epochs", "expected a positive integer or -1 (until early stopping), got " + m.epochs);
    check(m.epochs != -1 || m.earlyStopping != null, "epochs", "epochs",
        "-1 (train until early stopping) needs early_stopping to be set");
    check(m.batchSize >= 1, "batch_size", "batchSize", "expected a positive integer, got " + m.batchSize);
    validateOptimizer(m.optimizer);
    check(m.initialWeights == null || !m.initialWeights.isBlank(), "initial_weights", "initialWeights",
        "expected a model name or a path to a .kiln.zip, .mltk.zip or .h5, got a blank text");
    check(m.loss != null && LOSSES.contains(m.loss), "loss", "loss", "expected one of " + String.join(", ", LOSSES) + ", got " + quote(m.loss));
    check(m.metrics != null, "metrics", "metrics", "expected a list such as List.of(\"accuracy\"), got null");
    for (String x : m.metrics) {
      check(x != null && !x.isBlank(), "metrics", "metrics", "expected metric names, got a blank or null entry");
    }
    callback(m.checkpoint, "checkpoint", "checkpoint", CallbackDefaults.KERAS_CHECKPOINT);
    callback(m.earlyStopping, "early_stopping", "earlyStopping", CallbackDefaults.EARLY_STOPPING);
    callback(m.reduceLrOnPlateau, "reduce_lr_on_plateau", "reduceLrOnPlateau", CallbackDefaults.REDUCE_LR);
    callback(m.lrSchedule, "lr_schedule", "lrSchedule", CallbackDefaults.LR_SCHEDULE);
    callback(m.tensorboard, "tensorboard", "tensorboard", CallbackDefaults.TENSORBOARD);
    tensorboardSupport(m.tensorboard);
    if (m.lrSchedule != null) {
      check(m.lrSchedule.get("schedule") instanceof LrSchedule, "lr_schedule.schedule", "lrSchedule",
          "expected a function (epoch, lr) -> new lr (kiln.spec.LrSchedule), got " + m.lrSchedule.get("schedule"));
    }
    if (m.reduceLrOnPlateau != null && m.reduceLrOnPlateau.get("factor") instanceof Number f) {
      check(f.doubleValue() > 0 && f.doubleValue() < 1, "reduce_lr_on_plateau.factor", "reduceLrOnPlateau",
          "expected a number in (0, 1), got " + f);
    }
    validateClassWeights(m);
    validateConverter(m.tfliteConverter);
    check(m.classMode != null && CLASS_MODES.contains(m.classMode), "class_mode", "classMode",
        "expected one of " + String.join(", ", CLASS_MODES) + ", got " + quote(m.classMode));
    check(m.validationSplit >= 0 && m.validationSplit < 1, "validation_split", "validationSplit",
        "expected a fraction in [0, 1), got " + m.validationSplit);
    check(m.validationFreq >= 1, "validation_freq", "validationFreq", "expected a positive integer, got " + m.validationFreq);
    check(m.dataset == null || !m.dataset.isBlank(), "dataset", "dataset", "expected a dataset name or directory, got a blank text");
    if (m.datagen instanceof ParallelAudioDataGenerator) {
      check(m instanceof AudioDatasetMixin, "datagen", "datagen",
          "a ParallelAudioDataGenerator needs the spec to implement AudioDatasetMixin");
    }
    if (m.datagen instanceof ParallelImageDataGenerator) {
      check(m instanceof ImageDatasetMixin, "datagen", "datagen",
          "a ParallelImageDataGenerator needs the spec to implement ImageDatasetMixin");
    }
    if (m.datagen != null) {
      m.datagen.validate();
    }
    if (m.validationDatagen != null) {
      m.validationDatagen.validate();
    }
    check(m.colorMode != null && List.of("auto", "grayscale", "rgb", "rgba").contains(m.colorMode), "color_mode", "colorMode",
        "expected auto, grayscale, rgb or rgba, got " + quote(m.colorMode));
    check(m.modelParameters != null, "model_parameters", "modelParameters", "expected a map, got null");
    for (Map.Entry<String, Object> e : m.modelParameters.entrySet()) {
      Object v = e.getValue();
      check(v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof byte[]
          || (v instanceof List<?> l && l.stream().allMatch(x -> x instanceof String || x instanceof Number)),
          "model_parameters." + e.getKey(), "modelParameters",
          "expected a text, number, boolean, byte[] or list of texts/numbers, got " + v);
    }
    check(m.evalMaxSamplesPerClass == -1 || m.evalMaxSamplesPerClass > 0, "eval_max_samples_per_class",
        "evalMaxSamplesPerClass", "expected -1 (all) or a positive integer, got " + m.evalMaxSamplesPerClass);
  }

  private static void validateOptimizer(Object o) {
    String name = o instanceof String s ? s : o instanceof Map<?, ?> mp && mp.get("name") instanceof String s2 ? s2 : null;
    check(name != null && OPTIMIZERS.contains(name), "optimizer", "optimizer",
        "expected one of " + String.join(", ", OPTIMIZERS) + " or a map with \"name\" and \"learning_rate\", got " + quoteObj(o));
    if (o instanceof Map<?, ?> mp && mp.containsKey("learning_rate")) {
      check(mp.get("learning_rate") instanceof Number n && n.doubleValue() > 0, "optimizer.learning_rate", "optimizer",
          "expected a positive number, got " + mp.get("learning_rate"));
    }
  }

  private static void validateClassWeights(KilnModel m) {
    Object w = m.classWeights;
    if (w == null || "balanced".equals(w) || "none".equals(w)) {
      return;
    }
    if (w instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        check(m.classes == null || m.classes.contains(e.getKey()), "class_weights", "classWeights",
            "'" + e.getKey() + "' is not one of the classes " + m.classes);
        check(e.getValue() instanceof Number n && n.doubleValue() >= 0, "class_weights", "classWeights",
            "expected weights >= 0, got " + e.getValue() + " for '" + e.getKey() + "'");
      }
      return;
    }
    check(false, "class_weights", "classWeights", "expected \"balanced\", \"none\", a map class -> weight, or null, got " + quoteObj(w));
  }

  private static void validateConverter(Map<String, Object> c) {
    check(c != null, "tflite_converter", "tfliteConverter", "expected a map, got null");
    callback(c, "tflite_converter", "tfliteConverter", CallbackDefaults.TFLITE_CONVERTER);
    for (String k : List.of("inference_input_type", "inference_output_type")) {
      if (c.containsKey(k)) {
        check(IO_TYPES.contains(c.get(k)), "tflite_converter." + k, "tfliteConverter",
            "expected one of float32, int8, uint8, got " + quoteObj(c.get(k)));
      }
    }
    names(c, "optimizations", OPTIMIZATIONS);
    names(c, "supported_ops", SUPPORTED_OPS);
    if (c.containsKey("representative_dataset")) {
      Object r = c.get("representative_dataset");
      check(r == null || "generate".equals(r), "tflite_converter.representative_dataset", "tfliteConverter",
          "expected \"generate\" or null, got " + quoteObj(r));
    }
    if (c.containsKey("representative_dataset_max_samples")) {
      check(c.get("representative_dataset_max_samples") instanceof Integer n && n > 0,
          "tflite_converter.representative_dataset_max_samples", "tfliteConverter",
          "expected a positive integer, got " + c.get("representative_dataset_max_samples"));
    }
  }

  private static void names(Map<String, Object> c, String key, List<String> allowed) {
    if (!c.containsKey(key)) {
      return;
    }
    check(c.get(key) instanceof List<?> l && l.stream().allMatch(allowed::contains), "tflite_converter." + key,
        "tfliteConverter", "expected a list of " + String.join(", ", allowed) + ", got " + quoteObj(c.get(key)));
  }

  private static void callback(Map<String, Object> user, String setting, String field, Map<String, Object> known) {
    if (user == null) {
      return;
    }
    for (Map.Entry<String, Object> e : user.entrySet()) {
      check(known.containsKey(e.getKey()), setting, field,
          "unknown key '" + e.getKey() + "'; expected one of " + String.join(", ", known.keySet()));
      Object v = e.getValue();
      String k = e.getKey();
      if (k.equals("monitor")) {
        check(v instanceof String s && !s.isBlank(), setting + ".monitor", field, "expected a metric name such as \"val_accuracy\", got " + quoteObj(v));
      } else if (k.equals("mode")) {
        check(MODES.contains(v), setting + ".mode", field, "expected auto, min or max, got " + quoteObj(v));
      } else if (List.of("patience", "cooldown", "start_from_epoch", "verbose", "histogram_freq").contains(k)) {
        check(v instanceof Integer i && i >= 0, setting + "." + k, field, "expected an integer >= 0, got " + quoteObj(v));
      } else if (List.of("min_delta", "min_lr", "factor").contains(k)) {
        check(v instanceof Number n && n.doubleValue() >= 0, setting + "." + k, field, "expected a number >= 0, got " + quoteObj(v));
      } else if (List.of("save_best_only", "save_weights_only", "restore_best_weights", "write_graph", "write_images").contains(k)) {
        check(v instanceof Boolean, setting + "." + k, field, "expected true or false, got " + quoteObj(v));
      }
    }
  }

  /**
   * Kiln's TensorBoard writer records each metric once per epoch as a scalar: weight histograms
   * and per-batch updates are refused rather than silently left out.
   */
  private static void tensorboardSupport(Map<String, Object> tb) {
    if (tb == null) {
      return;
    }
    Object histograms = tb.get("histogram_freq");
    check(histograms == null || Integer.valueOf(0).equals(histograms), "tensorboard.histogram_freq",
        "tensorboard", "not supported: Kiln writes no weight histograms; expected 0 or no"
            + " histogram_freq, got " + quoteObj(histograms));
    Object update = tb.get("update_freq");
    check(update == null || "epoch".equals(update), "tensorboard.update_freq", "tensorboard",
        "not supported: Kiln writes TensorBoard scalars once per epoch; expected 'epoch' or no"
            + " update_freq, got " + quoteObj(update));
  }

  private static void check(boolean ok, String setting, String field, String message) {
    if (!ok) {
      throw new SettingException(setting, field, message);
    }
  }

  private static String quote(String s) {
    return s == null ? "null" : "'" + s + "'";
  }

  private static String quoteObj(Object o) {
    return o instanceof String s ? quote(s) : String.valueOf(o);
  }
}
