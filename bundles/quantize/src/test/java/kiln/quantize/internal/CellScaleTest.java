package kiln.quantize.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The int16 cell state's power-of-two scale, worked by hand: 2^ceil(log2 max|c|) / 32768. */
class CellScaleTest {
  @Test
  void smallestPowerOfTwoHoldingTheRange() {
    // max |c| 3.2: 2^2 = 4 holds it, 4 / 32768 = 2^-13
    assertThat(ActivationParams.cellScale(new float[] {-3.2f, 2f})).isEqualTo(0x1p-13f);
    // exactly 4 still fits 2^2
    assertThat(ActivationParams.cellScale(new float[] {0f, 4f})).isEqualTo(0x1p-13f);
    // 4.01 needs 2^3
    assertThat(ActivationParams.cellScale(new float[] {-4.01f, 0f})).isEqualTo(0x1p-12f);
  }

  @Test
  void boundedBetweenARangeOfOneAndOfSixtyFour() {
    assertThat(ActivationParams.cellScale(new float[] {-0.3f, 0.5f})).isEqualTo(0x1p-15f);
    assertThat(ActivationParams.cellScale(null)).isEqualTo(0x1p-15f);
    // 100 would need 2^7; TFLite's integer kernel accepts at most 2^-9 (a range of 64)
    assertThat(ActivationParams.cellScale(new float[] {0f, 100f})).isEqualTo(0x1p-9f);
  }
}
