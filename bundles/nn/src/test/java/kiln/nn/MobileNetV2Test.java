package kiln.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Keras' MobileNetV2 arithmetic, worked by hand, and the builder's input checks. */
class MobileNetV2Test {
  @Test
  void makeDivisibleRoundsToMultiplesOfEight() {
    // 32 * 0.15 = 4.8 -> at least 8; 16 * 0.15 = 2 (int) -> 8; 320 * 0.15 = 48; 1280 * 1.4 = 1792
    assertThat(MobileNetV2.makeDivisible(32 * 0.15)).isEqualTo(8);
    assertThat(MobileNetV2.makeDivisible(2)).isEqualTo(8);
    assertThat(MobileNetV2.makeDivisible(48)).isEqualTo(48);
    assertThat(MobileNetV2.makeDivisible(1280 * 1.4)).isEqualTo(1792);
    // 0.35 * 96 = 33.6: int(37.6) // 8 * 8 = 32 >= 0.9 * 33.6
    assertThat(MobileNetV2.makeDivisible(33.6)).isEqualTo(32);
  }

  @Test
  void stridedBlocksPadLikeKerasCorrectPad() {
    // 59x49 input: stem (same, stride 2) -> 30x25; block 1 pads the even 30 rows (0, 1) and the odd
    // 25 columns (1, 1), then a valid 3x3 stride 2 -> 15x13
    Tensor in = Input.of(59, 49, 1);
    Tensor out = MobileNetV2.classifier(in, 8, 0.15, 384);
    kiln.api.model.LayerGraph g = new Model("m", in, out).toGraph();
    assertThat(g.layers()).filteredOn(n -> n.type().equals("ZeroPadding2D")).first()
        .satisfies(n -> assertThat(n.outputShape()).containsExactly(31, 27, 48));
    assertThat(g.layers()).filteredOn(n -> n.type().equals("DepthwiseConv2D")).element(1)
        .satisfies(n -> assertThat(n.outputShape()).containsExactly(15, 13, 48));
    assertThat(out.shape()).containsExactly(8);
  }

  @Test
  void rejectsBadInputs() {
    assertThatThrownBy(() -> MobileNetV2.classifier(Input.of(49, 40), 4, 0.35, 0))
        .hasMessage("MobileNetV2: expected an input of shape (height, width, channels), got [49, 40]");
    assertThatThrownBy(() -> MobileNetV2.classifier(Input.of(32, 32, 3), 4, 0, 0))
        .hasMessage("MobileNetV2: alpha must be > 0, got 0.0");
  }
}
