package kiln.util.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Each initializer against Keras' documented formulas, worked out by hand: statistics of 200,000
 * draws (the sample stddev is within 0.2% of the true one at this size; the tests allow 1%).
 */
class InitializerTest {
  private static final long SEED = 42;

  private static double[] stats(float[] v) {
    double sum = 0;
    double max = 0;
    for (float x : v) {
      sum += x;
      max = Math.max(max, Math.abs(x));
    }
    double mean = sum / v.length;
    double sq = 0;
    for (float x : v) {
      sq += (x - mean) * (x - mean);
    }
    return new double[] {mean, Math.sqrt(sq / v.length), max};
  }

  @Test
  void fansAreKerasFans() {
    assertThat(Fans.of(new int[] {4000, 4})).isEqualTo(new Fans(4000, 4));
    // Conv2D kernel 10x8, 1 -> 8 channels: receptive field 80
    assertThat(Fans.of(new int[] {10, 8, 1, 8})).isEqualTo(new Fans(80, 640));
    assertThat(Fans.of(new int[] {8})).isEqualTo(new Fans(8, 8));
    assertThat(Fans.of(new int[0])).isEqualTo(new Fans(1, 1));
  }

  @Test
  void glorotUniformIsBoundedBySqrtSixOverFanSum() {
    // fan_in 200 + fan_out 1000 = 1200: limit sqrt(6 / 1200) = 0.0707107, stddev limit / sqrt(3)
    // = 0.0408248
    double[] s = stats(Initializer.GLOROT_UNIFORM.values(new int[] {200, 1000}, SEED, "k"));
    assertThat(s[2]).isLessThanOrEqualTo(0.0707107).isGreaterThan(0.0707);
    assertThat(s[1]).isCloseTo(0.0408248, within(0.01 * 0.0408248));
    assertThat(s[0]).isCloseTo(0, offset(0.001));
  }

  @Test
  void heNormalKeepsItsStddevAfterTheCut() {
    // fan_in 500: stddev sqrt(2 / 500) = 0.0632456; Keras draws from a normal with stddev
    // 0.0632456 / 0.8796257 = 0.0719003 cut at two of those, +-0.1438011
    double[] s = stats(Initializer.HE_NORMAL.values(new int[] {500, 400}, SEED, "k"));
    assertThat(s[1]).isCloseTo(0.0632456, within(0.01 * 0.0632456));
    assertThat(s[2]).isLessThanOrEqualTo(0.1438011).isGreaterThan(0.143);
    assertThat(s[0]).isCloseTo(0, offset(0.001));
  }

  @Test
  void glorotAndLecunNormalUseTheirFans() {
    // conv 3x3, 16 -> 32: fans 144 and 288, stddev sqrt(2 / 432) = 0.0680414
    double[] g = stats(Initializer.GLOROT_NORMAL.values(new int[] {3, 3, 16, 32}, SEED, "a"));
    // 4608 draws only: 3% allowed
    assertThat(g[1]).isCloseTo(0.0680414, within(0.03 * 0.0680414));
    assertThat(g[2]).isLessThanOrEqualTo(0.1547054);
    // fan_in 400: stddev sqrt(1 / 400) = 0.05, cut at 2 x 0.05 / 0.8796257 = 0.1136847
    double[] l = stats(Initializer.LECUN_NORMAL.values(new int[] {400, 500}, SEED, "b"));
    assertThat(l[1]).isCloseTo(0.05, within(0.01 * 0.05));
    assertThat(l[2]).isLessThanOrEqualTo(0.1136847).isGreaterThan(0.113);
  }

  @Test
  void heAndLecunUniformLimits() {
    // he_uniform, fan_in 24: sqrt(6 / 24) = 0.5; lecun_uniform, fan_in 300: sqrt(3 / 300) = 0.1
    double[] he = stats(Initializer.HE_UNIFORM.values(new int[] {24, 8000}, SEED, "h"));
    assertThat(he[2]).isLessThanOrEqualTo(0.5).isGreaterThan(0.4999);
    assertThat(he[1]).isCloseTo(0.5 / Math.sqrt(3), within(0.01 * 0.2887));
    double[] lecun = stats(Initializer.LECUN_UNIFORM.values(new int[] {300, 700}, SEED, "l"));
    assertThat(lecun[2]).isLessThanOrEqualTo(0.1).isGreaterThan(0.0999);
  }

  @Test
  void plainDistributionsUseKerasDefaults() {
    int[] shape = {400, 500};
    // random_normal: stddev 0.05, unbounded (beyond 4 stddevs among 200,000 draws)
    double[] n = stats(Initializer.RANDOM_NORMAL.values(shape, SEED, "n"));
    assertThat(n[1]).isCloseTo(0.05, within(0.0005));
    assertThat(n[2]).isGreaterThan(0.2);
    // random_uniform: [-0.05, 0.05]
    double[] u = stats(Initializer.RANDOM_UNIFORM.values(shape, SEED, "u"));
    assertThat(u[2]).isLessThanOrEqualTo(0.05).isGreaterThan(0.0499);
    // truncated_normal: stddev 0.05 cut at 0.1 and not rescaled: 0.05 x 0.8796257 = 0.0439813
    double[] t = stats(Initializer.TRUNCATED_NORMAL.values(shape, SEED, "t"));
    assertThat(t[1]).isCloseTo(0.0439813, within(0.01 * 0.0439813));
    assertThat(t[2]).isLessThanOrEqualTo(0.1).isGreaterThan(0.099);
  }

  @Test
  void constantsAndSeeding() {
    assertThat(Initializer.ZEROS.values(new int[] {2, 3}, SEED, "z")).containsOnly(0f).hasSize(6);
    assertThat(Initializer.ONES.values(new int[] {4}, SEED, "o")).containsExactly(1f, 1f, 1f, 1f);
    assertThat(Initializer.GLOROT_UNIFORM.values(new int[] {3, 3}, SEED, "dense/kernel"))
        .containsExactly(Initializer.GLOROT_UNIFORM.values(new int[] {3, 3}, SEED, "dense/kernel"));
    assertThat(Initializer.GLOROT_UNIFORM.values(new int[] {3, 3}, SEED, "dense/kernel"))
        .isNotEqualTo(Initializer.GLOROT_UNIFORM.values(new int[] {3, 3}, SEED, "dense_1/kernel"));
  }

  @Test
  void namesAreKerasIdentifiers() {
    assertThat(Initializer.NAMES).containsExactly("glorot_uniform", "glorot_normal", "he_normal",
        "he_uniform", "lecun_normal", "lecun_uniform", "random_normal", "random_uniform",
        "truncated_normal", "zeros", "ones", "orthogonal");
    assertThat(Initializer.named("he_normal")).isEqualTo(Initializer.HE_NORMAL);
    assertThatThrownBy(() -> Initializer.named("identity"))
        .hasMessage("unknown initializer 'identity'; expected one of glorot_uniform,"
            + " glorot_normal, he_normal, he_uniform, lecun_normal, lecun_uniform, random_normal,"
            + " random_uniform, truncated_normal, zeros, ones, orthogonal");
  }

  /** An LSTM's recurrent kernel (3, 12): its rows orthonormal (Q^T of a 12 x 3 Q); a (5, 2) one: columns. */
  @Test
  void orthogonalRowsOrColumnsAreOrthonormal() {
    float[] wide = Initializer.ORTHOGONAL.values(new int[] {3, 12}, SEED, "lstm/recurrent_kernel");
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        double dot = 0;
        for (int k = 0; k < 12; k++) {
          dot += wide[a * 12 + k] * wide[b * 12 + k];
        }
        assertThat(dot).isCloseTo(a == b ? 1 : 0, within(1e-5));
      }
    }
    float[] tall = Initializer.ORTHOGONAL.values(new int[] {5, 2}, SEED, "t");
    double dot = 0;
    double n0 = 0;
    for (int k = 0; k < 5; k++) {
      dot += tall[k * 2] * tall[k * 2 + 1];
      n0 += tall[k * 2] * tall[k * 2];
    }
    assertThat(dot).isCloseTo(0, within(1e-5));
    assertThat(n0).isCloseTo(1, within(1e-5));
  }

  /** Keras' unit_forget_bias: (i, f, c, o) of 2 units each, ones for f. */
  @Test
  void unitForgetBiasIsOneOnTheForgetGate() {
    assertThat(Initializer.UNIT_FORGET_BIAS.values(new int[] {8}, SEED, "lstm/bias"))
        .containsExactly(0f, 0f, 1f, 1f, 0f, 0f, 0f, 0f);
    assertThat(Initializer.named("unit_forget_bias")).isEqualTo(Initializer.UNIT_FORGET_BIAS);
  }
}
