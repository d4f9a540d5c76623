package kiln.evaluate;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import kiln.api.KilnException;
import kiln.api.model.ElementType;
import kiln.api.model.LoadedModel;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;

/**
 * Runs a loaded {@code .tflite} model on float samples and gives float outputs, so an int8 model
 * is evaluated (and compared with its float model) on exactly the same samples: float inputs are
 * quantized with the input tensor's scale and zero point (rounding half away from zero, as
 * TFLite's {@code QUANTIZE}), outputs dequantized with the output tensor's.
 */
public final class ModelOutputs {
  private ModelOutputs() {}

  /**
   * The first output of {@code model} for each sample, as floats.
   *
   * @param samples one input per sample (no batch dimension), as many values as the input tensor
   * @throws KilnException naming the sample whose size does not fit the input tensor
   */
  public static List<float[]> run(LoadedModel model, List<float[]> samples) {
    TensorSpec in = model.inputs().get(0);
    TensorSpec out = model.outputs().get(0);
    int n = (int) TensorData.elementCount(in.shape());
    List<float[]> result = new ArrayList<>(samples.size());
    for (int i = 0; i < samples.size(); i++) {
      float[] x = samples.get(i);
      if (x.length != n) {
        throw new KilnException(
            "sample " + i + " has " + x.length + " values, the model input " + in.name()
                + " takes " + n);
      }
      // each sample on its own: an LSTM's states start at zero (Keras' semantics)
      model.resetVariables();
      List<TensorData> y = model.run(List.of(quantize(x, in)));
      result.add(dequantize(y.get(0), out));
    }
    return result;
  }

  /** Float values as a tensor of {@code spec}'s type (float32, int8, uint8 or int16). */
  public static TensorData quantize(float[] x, TensorSpec spec) {
    ElementType t = spec.type();
    if (t == ElementType.FLOAT32) {
      return TensorData.ofFloat32(spec.shape(), x);
    }
    if (spec.scale() == 0) {
      throw new KilnException(
          "input " + spec.name() + " is " + t + " but has no quantization scale");
    }
    int min;
    int max;
    switch (t) {
      case INT8 -> {
        min = -128;
        max = 127;
      }
      case UINT8 -> {
        min = 0;
        max = 255;
      }
      case INT16 -> {
        min = -32768;
        max = 32767;
      }
      default -> throw new KilnException(
          "input " + spec.name() + ": cannot feed float samples to a " + t + " tensor");
    }
    ByteBuffer b = ByteBuffer.allocate(x.length * t.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : x) {
      // float division as TFLite does, then std::round (half away from zero)
      long q = (long) Math.round(Math.abs(v / spec.scale())) * (v < 0 ? -1 : 1)
          + spec.zeroPoint();
      int c = (int) Math.max(min, Math.min(max, q));
      if (t == ElementType.INT16) {
        b.putShort((short) c);
      } else {
        b.put((byte) c);
      }
    }
    return new TensorData(t, spec.shape(), b.array());
  }

  /** A tensor's values as floats: {@code (q - zeroPoint) * scale} for quantized tensors. */
  public static float[] dequantize(TensorData t, TensorSpec spec) {
    float[] v = t.toFloats();
    if (t.type() == ElementType.FLOAT32 || spec.scale() == 0) {
      return v;
    }
    for (int i = 0; i < v.length; i++) {
      v[i] = (v[i] - spec.zeroPoint()) * spec.scale();
    }
    return v;
  }
}
