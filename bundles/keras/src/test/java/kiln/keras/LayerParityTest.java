package kiln.keras;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tie test the parity test applies to every value that differs. */
class LayerParityTest {
  @Test
  void aTieIsAHalfWithinFloatPrecision() {
    assertThat(LayerParity.halfDistance(2.5)).isZero();
    assertThat(LayerParity.halfDistance(-7.5)).isZero();
    assertThat(LayerParity.halfDistance(100.5 + 100.5 * Math.ulp(1f))).isLessThanOrEqualTo(LayerParity.TIE_EPSILONS);
    assertThat(LayerParity.halfDistance(100.5 + 100.5 * 10 * Math.ulp(1f))).isGreaterThan(LayerParity.TIE_EPSILONS);
    assertThat(LayerParity.halfDistance(2.3)).isGreaterThan(LayerParity.TIE_EPSILONS);
    assertThat(LayerParity.halfDistance(3.0)).isGreaterThan(LayerParity.TIE_EPSILONS);
  }
}
