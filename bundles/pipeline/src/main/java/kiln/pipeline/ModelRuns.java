package kiln.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kiln.api.KilnException;
import kiln.api.model.Interpreter;
import kiln.api.model.LoadedModel;
import kiln.api.model.QuantizeResult;
import kiln.api.model.TensorData;
import kiln.evaluate.FidelityReport;
import kiln.evaluate.ModelOutputs;

/**
 * Runs the int8 and the float32 .tflite through an {@link Interpreter} on the same samples, keeping
 * the (dequantized) outputs and, for the first samples, every layer's output tensor (when the
 * interpreter exposes intermediate tensors).
 */
public final class ModelRuns {
  private final List<float[]> floatOutputs = new ArrayList<>();
  private final List<float[]> int8Outputs = new ArrayList<>();
  private final Map<String, List<float[]>> floatLayers = new LinkedHashMap<>();
  private final Map<String, List<float[]>> int8Layers = new LinkedHashMap<>();

  public static ModelRuns of(Interpreter interpreter, QuantizeResult q, List<float[]> samples, int layerSamples) {
    ModelRuns r = new ModelRuns();
    if (q.float32Tflite() == null) {
      throw new KilnException("the quantizer gave no float32 .tflite to compare the int8 model with");
    }
    try (LoadedModel i8 = interpreter.load(q.tflite(), "int8 .tflite");
        LoadedModel f32 = interpreter.load(q.float32Tflite(), "float32 .tflite")) {
      boolean layers = i8.tensorCount() > 0 && f32.tensorCount() > 0;
      if (layers) {
        for (String layer : q.layerOutputs().keySet()) {
          r.floatLayers.put(layer, new ArrayList<>());
          r.int8Layers.put(layer, new ArrayList<>());
        }
      }
      for (int s = 0; s < samples.size(); s++) {
        float[] x = samples.get(s);
        TensorData y = i8.run(feeds(i8, x, true)).get(0);
        r.int8Outputs.add(ModelOutputs.dequantize(y, i8.outputs().get(0)));
        TensorData fy = f32.run(feeds(f32, x, false)).get(0);
        r.floatOutputs.add(fy.toFloats());
        if (layers && s < layerSamples) {
          for (Map.Entry<String, Integer> e : q.layerOutputs().entrySet()) {
            int t = e.getValue();
            r.floatLayers.get(e.getKey()).add(f32.tensorValue(t).toFloats());
            r.int8Layers.get(e.getKey()).add(ModelOutputs.dequantize(i8.tensorValue(t), i8.tensorInfo(t)));
          }
        }
      }
    }
    return r;
  }

  /**
   * The model's inputs of one sample: the sample itself, or for a model with several inputs (a
   * Siamese pair) its consecutive pieces in input order, quantized when the model takes int8.
   */
  static List<TensorData> feeds(LoadedModel m, float[] x, boolean quantize) {
    List<TensorData> out = new ArrayList<>();
    int offset = 0;
    for (kiln.api.model.TensorSpec in : m.inputs()) {
      int n = (int) TensorData.elementCount(in.shape());
      if (offset + n > x.length) {
        throw new KilnException("a sample has " + x.length + " values; the model's " + m.inputs().size()
            + " inputs take more");
      }
      float[] part = m.inputs().size() == 1 ? x : java.util.Arrays.copyOfRange(x, offset, offset + n);
      out.add(quantize ? ModelOutputs.quantize(part, in) : TensorData.ofFloat32(in.shape(), part));
      offset += n;
    }
    return out;
  }

  public List<float[]> floatOutputs() {
    return floatOutputs;
  }

  public List<float[]> int8Outputs() {
    return int8Outputs;
  }

  public List<String> layers() {
    return new ArrayList<>(floatLayers.keySet());
  }

  public List<float[]> floatLayer(String layer) {
    return floatLayers.get(layer);
  }

  public List<float[]> int8Layer(String layer) {
    return int8Layers.get(layer);
  }

  /** The fidelity report: float scores (the float model's outputs) against the int8 outputs. */
  public FidelityReport fidelity(List<float[]> floatScores, int[] labels) {
    FidelityReport.Builder b = FidelityReport.builder(floatScores, int8Outputs);
    for (String layer : layers()) {
      b.layer(layer, floatLayer(layer), int8Layer(layer));
    }
    return b.labels(labels).build();
  }

  /** Deletes a temporary folder; what cannot be deleted stays (harmless). */
  public static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
