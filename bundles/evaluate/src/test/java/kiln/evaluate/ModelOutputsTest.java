package kiln.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import kiln.api.KilnException;
import kiln.api.model.ElementType;
import kiln.api.model.LoadedModel;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import org.junit.jupiter.api.Test;

class ModelOutputsTest {
  static final TensorSpec IN = new TensorSpec("input", ElementType.INT8, new int[] {1, 4}, 0.5f, -1);
  static final TensorSpec OUT =
      new TensorSpec("probs", ElementType.INT8, new int[] {1, 2}, 1 / 256f, -128);

  @Test
  void quantizesRoundingHalfAwayFromZeroAndClamps() {
    // x / 0.5 = 2.5 -> 3, -2.5 -> -3, 1000 -> clamps to 127, -0.2 -> -0.4 -> 0; then + (-1)
    TensorData q = ModelOutputs.quantize(new float[] {1.25f, -1.25f, 500f, -0.2f}, IN);
    assertThat(q.bytes()).containsExactly(2, -4, 127, -1);
  }

  @Test
  void dequantizesOutputs() {
    float[] v = ModelOutputs.dequantize(TensorData.ofInt8(new int[] {1, 2}, new byte[] {-128, 127}), OUT);
    assertThat(v).containsExactly(0f, 255 / 256f);
  }

  @Test
  void runsAModelOnFloatSamples() {
    LoadedModel echo =
        new LoadedModel() {
          @Override
          public List<TensorSpec> inputs() {
            return List.of(IN);
          }

          @Override
          public List<TensorSpec> outputs() {
            return List.of(OUT);
          }

          @Override
          public List<TensorData> run(List<TensorData> inputs) {
            byte[] x = inputs.get(0).bytes();
            return List.of(TensorData.ofInt8(new int[] {1, 2}, new byte[] {x[0], x[1]}));
          }
        };
    List<float[]> out = ModelOutputs.run(echo, List.of(new float[] {0f, 1f, 0f, 0f}));
    // 0 -> -1, 1 -> 1; dequantized with the output's zero point -128
    assertThat(out.get(0)).containsExactly(127 / 256f, 129 / 256f);
    assertThatThrownBy(() -> ModelOutputs.run(echo, List.of(new float[3])))
        .isInstanceOf(KilnException.class)
        .hasMessage("sample 0 has 3 values, the model input input takes 4");
  }
}
