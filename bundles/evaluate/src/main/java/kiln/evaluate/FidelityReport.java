package kiln.evaluate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.util.AtomicFiles;
import kiln.api.KilnException;
import kiln.util.json.Json;

/**
 * How faithfully a quantized model reproduces its float model on the same samples: how often the
 * top class agrees, and for the model output and each layer given, the error of the dequantized
 * int8 values against the float values (RMSE and max absolute error, also relative to the float
 * values' range, so layers with different scales compare).
 *
 * <p>Build it with {@link #builder(List, List)}: per sample the float model's output and the int8
 * model's dequantized output, optionally per-layer outputs (same layer names in both) and labels.
 */
public final class FidelityReport {
  /** File names {@link #write} uses. */
  public static final String JSON_FILE = "fidelity.json";

  public static final String TEXT_FILE = "fidelity.txt";

  /**
   * The error of one layer's (or the output's) dequantized values.
   *
   * @param layer the layer name ({@code output} for the model output)
   * @param values how many values were compared (all samples together)
   * @param rmse root mean squared error
   * @param maxAbsError the largest absolute difference
   * @param floatRange max minus min of the float values
   * @param relativeRmse {@code rmse / floatRange} (0 when the range is 0)
   */
  public record LayerError(
      String layer,
      long values,
      double rmse,
      double maxAbsError,
      double floatRange,
      double relativeRmse) {}

  private final int samples;
  private final int agreeing;
  private final int[] labels;
  private final int floatCorrect;
  private final int quantCorrect;
  private final List<LayerError> layers;

  private FidelityReport(
      int samples, int agreeing, int[] labels, int floatCorrect, int quantCorrect,
      List<LayerError> layers) {
    this.samples = samples;
    this.agreeing = agreeing;
    this.labels = labels;
    this.floatCorrect = floatCorrect;
    this.quantCorrect = quantCorrect;
    this.layers = List.copyOf(layers);
  }

  /** Starts a report from the model outputs, one vector per sample in both lists. */
  public static Builder builder(List<float[]> floatOutputs, List<float[]> quantOutputs) {
    return new Builder(floatOutputs, quantOutputs);
  }

  /** Collects optional per-layer outputs and labels. */
  public static final class Builder {
    private final List<float[]> floatOutputs;
    private final List<float[]> quantOutputs;
    private final Map<String, List<float[]>[]> layers = new LinkedHashMap<>();
    private int[] labels;

    private Builder(List<float[]> floatOutputs, List<float[]> quantOutputs) {
      this.floatOutputs = floatOutputs;
      this.quantOutputs = quantOutputs;
    }

    /** Adds one layer's outputs, per sample, from both models (in model order). */
    @SuppressWarnings("unchecked")
    public Builder layer(String name, List<float[]> floatValues, List<float[]> quantValues) {
      layers.put(name, new List[] {floatValues, quantValues});
      return this;
    }

    /** The true class per sample, to report both models' accuracy. */
    public Builder labels(int[] labels) {
      this.labels = labels == null ? null : labels.clone();
      return this;
    }

    /**
     * Computes the report.
     *
     * @throws KilnException naming the layer and sample whose sizes disagree
     */
    public FidelityReport build() {
      if (floatOutputs == null || floatOutputs.isEmpty()) {
        throw new KilnException("fidelity: expected float outputs for one or more samples, found none");
      }
      int n = floatOutputs.size();
      if (quantOutputs == null || quantOutputs.size() != n) {
        throw new KilnException(
            "fidelity: " + n + " float outputs but "
                + (quantOutputs == null ? "no" : quantOutputs.size()) + " int8 outputs");
      }
      if (labels != null && labels.length != n) {
        throw new KilnException("fidelity: " + n + " samples but " + labels.length + " labels");
      }
      int agree = 0;
      int floatOk = 0;
      int quantOk = 0;
      for (int i = 0; i < n; i++) {
        int f = argmax(floatOutputs.get(i));
        int q = argmax(quantOutputs.get(i));
        if (f == q) {
          agree++;
        }
        if (labels != null) {
          floatOk += f == labels[i] ? 1 : 0;
          quantOk += q == labels[i] ? 1 : 0;
        }
      }
      List<LayerError> errors = new ArrayList<>();
      for (Map.Entry<String, List<float[]>[]> e : layers.entrySet()) {
        errors.add(error(e.getKey(), e.getValue()[0], e.getValue()[1]));
      }
      if (!layers.containsKey("output")) {
        errors.add(error("output", floatOutputs, quantOutputs));
      }
      return new FidelityReport(n, agree, labels, floatOk, quantOk, errors);
    }
  }

  static LayerError error(String layer, List<float[]> f, List<float[]> q) {
    if (f == null || q == null || f.size() != q.size()) {
      throw new KilnException(
          "fidelity: layer " + layer + " has " + (f == null ? 0 : f.size()) + " float and "
              + (q == null ? 0 : q.size()) + " int8 samples; expected the same number");
    }
    double sumSq = 0;
    double maxAbs = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long count = 0;
    for (int i = 0; i < f.size(); i++) {
      float[] a = f.get(i);
      float[] b = q.get(i);
      if (a.length != b.length) {
        throw new KilnException(
            "fidelity: layer " + layer + " sample " + i + " has " + a.length
                + " float values and " + b.length + " int8 values");
      }
      for (int k = 0; k < a.length; k++) {
        double d = (double) b[k] - a[k];
        sumSq += d * d;
        maxAbs = Math.max(maxAbs, Math.abs(d));
        min = Math.min(min, a[k]);
        max = Math.max(max, a[k]);
      }
      count += a.length;
    }
    double rmse = count == 0 ? 0 : Math.sqrt(sumSq / count);
    double range = count == 0 ? 0 : max - min;
    return new LayerError(layer, count, rmse, maxAbs, range, range > 0 ? rmse / range : 0);
  }

  private static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  public int samples() {
    return samples;
  }

  /** Samples where both models pick the same class. */
  public int agreeing() {
    return agreeing;
  }

  public double topClassAgreement() {
    return (double) agreeing / samples;
  }

  /** Float model accuracy, or NaN without labels. */
  public double floatAccuracy() {
    return labels == null ? Double.NaN : (double) floatCorrect / samples;
  }

  /** Int8 model accuracy, or NaN without labels. */
  public double quantAccuracy() {
    return labels == null ? Double.NaN : (double) quantCorrect / samples;
  }

  /** Per layer in the order given, the model output last. */
  public List<LayerError> layers() {
    return layers;
  }

  /**
   * The layer whose relative error grows most over the layer before it (the first layer counts
   * from zero): where accuracy is lost. Null without layers.
   */
  public LayerError worstStep() {
    LayerError worst = null;
    double worstGrowth = Double.NEGATIVE_INFINITY;
    double previous = 0;
    for (LayerError e : layers) {
      double growth = e.relativeRmse() - previous;
      if (growth > worstGrowth) {
        worstGrowth = growth;
        worst = e;
      }
      previous = e.relativeRmse();
    }
    return worst;
  }

  /** The report as a JSON-ready map. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("samples", samples);
    m.put("top_class_agreement", topClassAgreement());
    m.put("agreeing_samples", agreeing);
    if (labels != null) {
      m.put("float_accuracy", floatAccuracy());
      m.put("int8_accuracy", quantAccuracy());
    }
    List<Object> l = new ArrayList<>();
    for (LayerError e : layers) {
      Map<String, Object> le = new LinkedHashMap<>();
      le.put("layer", e.layer());
      le.put("values", e.values());
      le.put("rmse", e.rmse());
      le.put("max_abs_error", e.maxAbsError());
      le.put("float_range", e.floatRange());
      le.put("relative_rmse", e.relativeRmse());
      l.add(le);
    }
    m.put("layers", l);
    LayerError worst = worstStep();
    if (worst != null) {
      m.put("largest_error_step", worst.layer());
    }
    return m;
  }

  public String toJson() {
    return Json.writePretty(toMap());
  }

  /** A table for people. */
  public String toText() {
    StringBuilder s = new StringBuilder();
    s.append("Fidelity of the int8 model to the float model on ").append(samples)
        .append(" samples\n");
    s.append("Top class agreement: ").append(PyFormat.percent3(topClassAgreement()))
        .append("% (").append(agreeing).append(" of ").append(samples).append(")\n");
    if (labels != null) {
      s.append("Accuracy: float ").append(PyFormat.percent3(floatAccuracy()))
          .append("%, int8 ").append(PyFormat.percent3(quantAccuracy())).append("%\n");
    }
    s.append("Output error per layer (dequantized int8 minus float):\n");
    int w = 5;
    for (LayerError e : layers) {
      w = Math.max(w, e.layer().length());
    }
    s.append(String.format(Locale.ROOT, "%-" + w + "s %10s %12s %12s %12s %10s%n",
        "layer", "values", "RMSE", "max abs", "float range", "RMSE/range"));
    for (LayerError e : layers) {
      s.append(String.format(Locale.ROOT, "%-" + w + "s %10d %12.6g %12.6g %12.6g %9.3f%%%n",
          e.layer(), e.values(), e.rmse(), e.maxAbsError(), e.floatRange(),
          e.relativeRmse() * 100));
    }
    LayerError worst = worstStep();
    if (worst != null && layers.size() > 1) {
      s.append("Largest error increase: ").append(worst.layer()).append('\n');
    }
    return s.toString();
  }

  /** Writes {@code fidelity.json} and {@code fidelity.txt} into {@code dir}; returns both paths. */
  public List<Path> write(Path dir) {
    Path json = dir.resolve(JSON_FILE);
    Path text = dir.resolve(TEXT_FILE);
    AtomicFiles.write(json, toJson());
    AtomicFiles.write(text, toText());
    return List.of(json, text);
  }
}
