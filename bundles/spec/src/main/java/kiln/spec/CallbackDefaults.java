package kiln.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Defaults of MLTK's properties and of the Keras callbacks they configure. */
final class CallbackDefaults {
  private CallbackDefaults() {}

  /** MLTK's TrainMixin.checkpoint default. */
  static final Map<String, Object> MLTK_CHECKPOINT = ordered(
      "monitor", "val_accuracy", "save_best_only", true, "save_weights_only", true, "mode", "auto",
      "save_freq", "epoch", "verbose", 0);

  /** Keras ModelCheckpoint defaults (used when a spec replaces the whole checkpoint map). */
  static final Map<String, Object> KERAS_CHECKPOINT = ordered(
      "monitor", "val_loss", "save_best_only", false, "save_weights_only", false, "mode", "auto",
      "save_freq", "epoch", "verbose", 0);

  static final Map<String, Object> EARLY_STOPPING = ordered(
      "monitor", "val_loss", "min_delta", 0.0, "patience", 0, "mode", "auto", "baseline", null,
      "restore_best_weights", false, "start_from_epoch", 0, "verbose", 0);

  static final Map<String, Object> REDUCE_LR = ordered(
      "monitor", "val_loss", "factor", 0.1, "patience", 10, "mode", "auto", "min_delta", 1e-4,
      "cooldown", 0, "min_lr", 0.0, "verbose", 0);

  static final Map<String, Object> LR_SCHEDULE = ordered("schedule", null, "verbose", 0);

  static final Map<String, Object> TENSORBOARD = ordered(
      "histogram_freq", 0, "write_graph", true, "write_images", false, "update_freq", "epoch",
      "profile_batch", 0);

  /** MLTK's TrainMixin.tflite_converter default. */
  static final Map<String, Object> TFLITE_CONVERTER = ordered(
      "optimizations", List.of("DEFAULT"),
      "supported_ops", List.of("TFLITE_BUILTINS_INT8"),
      "inference_input_type", "float32",
      "inference_output_type", "float32",
      "representative_dataset", "generate",
      "representative_dataset_max_samples", 1000,
      "allow_custom_ops", false,
      "experimental_new_converter", true,
      "experimental_new_quantizer", true,
      "experimental_enable_resource_variables", false,
      "generate_unquantized", true,
      "generate_quantization_report", false);

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
