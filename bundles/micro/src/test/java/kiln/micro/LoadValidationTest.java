package kiln.micro;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kiln.api.KilnException;
import org.junit.jupiter.api.Test;

/** Loading validates every op and names the op and tensor it refuses. */
class LoadValidationTest {
  @Test
  void anUnsupportedOpIsNamedAtLoad() {
    kiln.micro.graph.Graph g = new kiln.micro.graph.Graph("m.tflite",
        java.util.List.of(kiln.micro.graph.TensorInfo.of("x", kiln.api.model.ElementType.FLOAT32,
            new int[] {1}, 0f, 0, null)),
        java.util.List.of(new kiln.micro.graph.OpInfo(0, "GELU", new int[] {0}, new int[] {0},
            new kiln.micro.graph.OpOptions())),
        new int[] {0}, new int[] {0});
    assertThatThrownBy(() -> MicroModel.prepare(g)).isInstanceOf(KilnException.class)
        .hasMessageContaining("m.tflite: operators not supported by the micro runtime: GELU");
  }

  @Test
  void aBadQuantizationIsNamedWithOpAndTensor() {
    kiln.micro.graph.Graph g = new kiln.micro.graph.Graph("s.tflite",
        java.util.List.of(
            kiln.micro.graph.TensorInfo.of("x", kiln.api.model.ElementType.INT8, new int[] {1, 4},
                0.1f, 0, null),
            kiln.micro.graph.TensorInfo.of("y", kiln.api.model.ElementType.INT8, new int[] {1, 4},
                0.1f, 0, null)),
        java.util.List.of(new kiln.micro.graph.OpInfo(0, "SOFTMAX", new int[] {0}, new int[] {1},
            new kiln.micro.graph.OpOptions())),
        new int[] {0}, new int[] {1});
    assertThatThrownBy(() -> MicroModel.prepare(g)).isInstanceOf(KilnException.class)
        .hasMessage("s.tflite: op #0 SOFTMAX: int8 output 'y' must have scale 1/256 and zero "
            + "point -128, found 0.1 and 0");
  }
}
