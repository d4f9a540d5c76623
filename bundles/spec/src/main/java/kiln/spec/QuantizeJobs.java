package kiln.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kiln.api.data.FrontendSettings;
import kiln.api.model.LayerGraph;
import kiln.api.model.QuantizeJob;
import kiln.api.model.Weights;




/** Builds a {@link QuantizeJob} from a model specification, with MLTK's model parameters. */
public final class QuantizeJobs {
  private QuantizeJobs() {}

  /** Frontend settings MLTK's 2022 files do not hold: written only when not at their default. */
  private static final Set<String> NEWER_FE_KEYS = Set.of(
      "fe.activity_detection_enable", "fe.activity_detection_alpha_a", "fe.activity_detection_alpha_b",
      "fe.activity_detection_arm_threshold", "fe.activity_detection_trip_threshold",
      "fe.dc_notch_filter_enable", "fe.dc_notch_filter_coefficient",
      "fe.quantize_dynamic_scale_enable", "fe.quantize_dynamic_scale_range_db");

  /** {@code tflite_converter.representative_dataset_max_samples} (MLTK's default 1000). */
  public static int maxSamples(KilnModel model) {
    Object v = model.tfliteConverterSettings().get("representative_dataset_max_samples");
    return v instanceof Number n ? n.intValue() : 1000;
  }

  public static QuantizeJob of(KilnModel model, LayerGraph graph, Weights weights, List<float[]> representative) {
    return new QuantizeJob(graph, weights, representative, model.tfliteConverterSettings(), parameters(model));
  }

  /**
   * The parameters the quantizer stores (it adds hash, date and runtime_memory_size): name, version,
   * description (the file's description), classes, the spec's model_parameters, the samplewise
   * normalization settings and every fe.* frontend setting, in MLTK's order.
   */
  public static Map<String, Object> parameters(KilnModel model) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", model.name());
    p.put("version", model.version);
    p.put("description", model.description);
    if (model.classes != null) {
      p.put("classes", List.copyOf(model.classes));
    }
    p.putAll(model.modelParameters);
    Double rescale = null;
    boolean meanAndStd = false;
    if (model.datagen instanceof ParallelAudioDataGenerator a) {
      rescale = a.rescale;
      meanAndStd = a.samplewiseCenter && a.samplewiseStdNormalization;
    } else if (model.datagen instanceof ParallelImageDataGenerator i) {
      rescale = i.rescale;
      meanAndStd = i.samplewiseCenter && i.samplewiseStdNormalization;
    }
    p.put("samplewise_norm.rescale", rescale == null ? 0.0f : rescale.floatValue());
    p.put("samplewise_norm.mean_and_std", meanAndStd);
    if (model.datagen instanceof ParallelAudioDataGenerator a && a.frontendSettings != null) {
      Map<String, Object> fe = a.frontendSettings.toParameters();
      Map<String, Object> defaults = FrontendSettings.defaults().toParameters();
      for (Map.Entry<String, Object> e : fe.entrySet()) {
        if (!NEWER_FE_KEYS.contains(e.getKey()) || !e.getValue().equals(defaults.get(e.getKey()))) {
          p.put(e.getKey(), e.getValue());
        }
      }
    }
    return p;
  }
}
