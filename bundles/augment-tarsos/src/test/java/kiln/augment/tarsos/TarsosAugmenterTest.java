package kiln.augment.tarsos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.KilnException;
import org.junit.jupiter.api.Test;

class TarsosAugmenterTest {
  static final int RATE = 16000;

  static float[] sine(int n, double hz) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / RATE));
    }
    return x;
  }

  /** Zero crossings per second / 2: the frequency of a clean tone. */
  static double frequency(float[] x, int from, int to) {
    int crossings = 0;
    for (int i = from + 1; i < to; i++) {
      if ((x[i - 1] < 0) != (x[i] < 0)) {
        crossings++;
      }
    }
    return crossings / 2.0 * RATE / (to - from);
  }

  @Test
  void speedTwoHalvesTheDurationAndKeepsThePitch() {
    float[] out = new SpeedAugmenter().apply(sine(16000, 440), RATE,
        Map.of("speed_range", List.of(2.0, 2.05)), new SplittableRandom(1));
    assertThat(out).hasSize(8000);
    assertThat(frequency(out, 1000, 7000)).isCloseTo(440, within(5.0));
  }

  @Test
  void speedHalfDoublesTheDuration() {
    float[] out = new SpeedAugmenter().apply(sine(8000, 440), RATE,
        Map.of("speed_range", List.of(0.5, 0.55)), new SplittableRandom(1));
    assertThat(out).hasSize(16000);
    assertThat(frequency(out, 2000, 14000)).isCloseTo(440, within(5.0));
  }

  @Test
  void speedsAreMltksTenthSteps() {
    assertThat(SpeedAugmenter.speeds(new double[] {0.6, 1.9}))
        .containsExactly(0.6, 0.7, 0.8, 0.9, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8);
  }

  @Test
  void twelveSemitonesDoublesTheFrequencyAndKeepsTheLength() {
    float[] out = new PitchAugmenter().apply(sine(16000, 440), RATE,
        Map.of("pitch_range", List.of(12, 13)), new SplittableRandom(1));
    assertThat(out).hasSize(16000);
    assertThat(frequency(out, 2000, 14000)).isCloseTo(880, within(10.0));
  }

  @Test
  void pitchFloatsAreOctaves() {
    // (-0.5, 0.5) octaves -> [-6, 6) semitones
    SplittableRandom r = new SplittableRandom(3);
    Map<String, Object> s = Map.of("pitch_range", List.of(-0.5, 0.5));
    int min = 99;
    int max = -99;
    for (int i = 0; i < 500; i++) {
      int v = PitchAugmenter.drawSemitones(s, r);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertThat(min).isEqualTo(-6);
    assertThat(max).isEqualTo(5);
  }

  @Test
  void pitchShiftsTheResamplerCannotMakeAreRefused() {
    // 2^(-40 / 12) = 0.099 is below the resampler's factor 0.1; 2^(24 / 12) = 4 is its top
    assertThatThrownBy(() -> new PitchAugmenter().apply(sine(1600, 440), RATE,
        Map.of("pitch_range", List.of(0, 41)), new SplittableRandom(1)))
        .isInstanceOf(KilnException.class).hasMessageContaining("pitch_range").hasMessageContaining("-24 to 39");
    assertThatThrownBy(() -> PitchAugmenter.drawSemitones(Map.of("pitch_range", List.of(-2.5, 0.0)), new SplittableRandom(1)))
        .isInstanceOf(KilnException.class).hasMessageContaining("[-2.5, 0.0]");
    float[] out = new PitchAugmenter().apply(sine(1600, 440), RATE,
        Map.of("pitch_range", List.of(-24, -24)), new SplittableRandom(1));
    assertThat(out).hasSize(1600);
  }

  @Test
  void sameSeedSameOutput() {
    Map<String, Object> s = Map.of("speed_range", List.of(0.6, 1.9));
    float[] a = new SpeedAugmenter().apply(sine(16000, 300), RATE, s, new SplittableRandom(9));
    float[] b = new SpeedAugmenter().apply(sine(16000, 300), RATE, s, new SplittableRandom(9));
    assertThat(a).containsExactly(b);
  }
}
