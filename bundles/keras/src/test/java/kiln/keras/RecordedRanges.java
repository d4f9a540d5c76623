package kiln.keras;

import java.util.List;
import java.util.Map;
import kiln.api.model.Interpreter;
import kiln.api.model.LoadedModel;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;

/**
 * An Interpreter for the quantizer's calibration that reports fixed {min, max} values for chosen
 * tensors of the float model (the ranges TensorFlow's converter recorded in MLTK's .tflite) and
 * the real values of every other tensor. With it, Kiln's quantizer sees the activation ranges
 * TensorFlow saw, so weights, scales and biases can be compared without the calibration data
 * (which MLTK's archive does not hold) deciding the outcome.
 */
final class RecordedRanges implements Interpreter {
  private final Interpreter inner;
  private final Map<Integer, float[]> ranges;

  /** @param ranges float-model tensor index -> {min, max} */
  RecordedRanges(Interpreter inner, Map<Integer, float[]> ranges) {
    this.inner = inner;
    this.ranges = Map.copyOf(ranges);
  }

  @Override
  public String description() {
    return "recorded ranges over " + inner.description();
  }

  @Override
  public LoadedModel load(byte[] flatbuffer, String name) {
    LoadedModel m = inner.load(flatbuffer, name);
    return new LoadedModel() {
      @Override
      public List<TensorSpec> inputs() {
        return m.inputs();
      }

      @Override
      public List<TensorSpec> outputs() {
        return m.outputs();
      }

      @Override
      public List<TensorData> run(List<TensorData> inputs) {
        return m.run(inputs);
      }

      @Override
      public int tensorCount() {
        return m.tensorCount();
      }

      @Override
      public TensorSpec tensorInfo(int index) {
        return m.tensorInfo(index);
      }

      @Override
      public TensorData tensorValue(int index) {
        float[] r = ranges.get(index);
        return r == null ? m.tensorValue(index) : TensorData.ofFloat32(new int[] {2}, r.clone());
      }

      @Override
      public int arenaBytes() {
        return m.arenaBytes();
      }

      @Override
      public void close() {
        m.close();
      }
    };
  }
}
