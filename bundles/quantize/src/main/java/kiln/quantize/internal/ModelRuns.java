package kiln.quantize.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.model.TensorData;
import kiln.evaluate.FidelityReport;
import kiln.evaluate.ModelOutputs;
import kiln.micro.MicroModel;
import kiln.micro.MicroRuntime;
import kiln.micro.kernels.Tensor;

/**
 * Runs the int8 and the float32 .tflite through the micro runtime on the same samples, keeping the
 * (dequantized) outputs and, for the first samples, every layer's output tensor.
 */
public final class ModelRuns {
  private final List<float[]> floatOutputs = new ArrayList<>();
  private final List<float[]> int8Outputs = new ArrayList<>();
  private final Map<String, List<float[]>> floatLayers = new LinkedHashMap<>();
  private final Map<String, List<float[]>> int8Layers = new LinkedHashMap<>();

  public static ModelRuns of(Ptq.Output q, List<float[]> samples, int layerSamples) {
    ModelRuns r = new ModelRuns();
    MicroModel i8 = MicroRuntime.load(q.tflite(), "int8 .tflite");
    MicroModel f32 = MicroRuntime.load(q.float32(), "float32 .tflite");
    for (String layer : q.layerTensors().keySet()) {
      r.floatLayers.put(layer, new ArrayList<>());
      r.int8Layers.put(layer, new ArrayList<>());
    }
    for (int s = 0; s < samples.size(); s++) {
      float[] x = samples.get(s);
      TensorData y = i8.run(List.of(ModelOutputs.quantize(x, i8.inputs().get(0)))).get(0);
      r.int8Outputs.add(ModelOutputs.dequantize(y, i8.outputs().get(0)));
      TensorData fy = f32.run(List.of(TensorData.ofFloat32(f32.inputs().get(0).shape(), x))).get(0);
      r.floatOutputs.add(fy.toFloats());
      if (s < layerSamples) {
        for (Map.Entry<String, Integer> e : q.layerTensors().entrySet()) {
          r.floatLayers.get(e.getKey()).add(f32.tensor(e.getValue()).f32.clone());
          r.int8Layers.get(e.getKey()).add(dequantize(i8.tensor(e.getValue())));
        }
      }
    }
    return r;
  }

  static float[] dequantize(Tensor t) {
    float[] v = new float[t.i8.length];
    float scale = t.scale();
    int zp = t.zeroPoint();
    for (int i = 0; i < v.length; i++) {
      v[i] = (t.i8[i] - zp) * scale;
    }
    return v;
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
  public static void deleteTree(java.nio.file.Path dir) {
    try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.walk(dir)) {
      for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
        java.nio.file.Files.deleteIfExists(p);
      }
    } catch (java.io.IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
