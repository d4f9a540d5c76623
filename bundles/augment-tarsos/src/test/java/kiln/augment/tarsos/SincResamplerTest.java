package kiln.augment.tarsos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import be.tarsos.dsp.resample.Resampler;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Kiln's copy of TarsosDSP's streaming resampler against TarsosDSP's own ({@code Resampler(false,
 * 0.1, 4.0)}, as {@code RateTransposer} makes it): the same blocks in, the same samples out, bit for
 * bit; and, by hand, a tone's frequency and level after resampling.
 */
class SincResamplerTest {
  static final int RATE = 16000;

  @Test
  void sameOutputAsTarsosDspBitForBit() {
    SplittableRandom r = new SplittableRandom(5);
    double[] factors = {0.1, 0.13, 0.5, 0.75, 1.0, 1.5, 2.0, 3.7, 4.0, 1 / 1.1};
    SincResampler ours = new SincResampler();
    for (int k = -12; k <= 12 + factors.length; k++) {
      double factor = k <= 12 ? Math.pow(2, -k / 12.0) : factors[k - 13];
      Resampler theirs = new Resampler(false, 0.1, 4.0);
      ours.reset(); // a used instance, restarted, is a new session
      for (int block = 0; block < 30; block++) {
        // WSOLA's block sizes, and random ones (up to past the 4,096-sample window)
        int len = block % 3 == 0 ? 448 : 1 + r.nextInt(block % 5 == 0 ? 6000 : 700);
        float[] in = new float[len];
        for (int i = 0; i < len; i++) {
          in[i] = (float) (0.4 * Math.sin(i * 0.05 * (1 + k % 5)) + 0.1 * r.nextGaussian());
        }
        // RateTransposer's output room, or random room so that output waits for the next call
        int room = block % 2 == 0 ? (int) (len * factor) : r.nextInt((int) (len * factor) + 20);
        float[] a = new float[room];
        float[] b = new float[room];
        int made = theirs.process(factor, in, 0, len, false, a, 0, room).outputSamplesGenerated;
        assertThat(ours.process(factor, in, len, b, room)).as("factor %s block %d", factor, block).isEqualTo(made);
        assertThat(bits(b)).as("factor %s block %d", factor, block).isEqualTo(bits(a));
      }
    }
  }

  @Test
  void aToneKeepsItsLevelAndScalesItsFrequency() {
    // 500 Hz at 16 kHz; factor 1.25 gives 20,000 samples a second of it, i.e. 400 Hz when played at
    // 16 kHz: 25 output samples a cycle
    float[] tone = TarsosAugmenterTest.sine(16000, 500);
    float[] out = resampleAll(tone, 1.25);
    assertThat(out.length).isBetween(19900, 20000);
    assertThat(TarsosAugmenterTest.frequency(out, 2000, 18000)).isCloseTo(400, within(1.0));
    // sine amplitude 0.5: the filter passes 500 Hz at unit gain (ripple well under 1%)
    assertThat(peak(out, 2000, 18000)).isCloseTo(0.5, within(0.005));
    // down by 0.5: 1,000 Hz becomes 2,000 Hz at 16 kHz
    float[] down = resampleAll(TarsosAugmenterTest.sine(16000, 1000), 0.5);
    assertThat(TarsosAugmenterTest.frequency(down, 1000, 7000)).isCloseTo(2000, within(2.0));
    assertThat(peak(down, 1000, 7000)).isCloseTo(0.5, within(0.005));
  }

  @Test
  void downSamplingRemovesWhatTheNewRateCannotHold() {
    // 6 kHz is above the Nyquist frequency (4 kHz) of 16 kHz resampled by 0.5: the low-pass filter
    // (cut-off 0.45 of the new rate) must take it out, not alias it to 2 kHz
    float[] down = resampleAll(TarsosAugmenterTest.sine(16000, 6000), 0.5);
    assertThat(peak(down, 1000, 7000)).isLessThan(0.5 * 0.01); // more than 40 dB down
  }

  @Test
  void aFactorOutsideItsRangeIsRefused() {
    assertThatThrownBy(() -> new SincResampler().process(0.05, new float[10], 10, new float[10], 10))
        .hasMessageContaining("0.05").hasMessageContaining("0.1");
  }

  /** The whole clip in WSOLA-sized blocks, as TarsosStretch feeds it. */
  private static float[] resampleAll(float[] x, double factor) {
    SincResampler s = new SincResampler();
    float[] out = new float[(int) (x.length * factor) + 1];
    int size = 0;
    for (int at = 0; at < x.length; at += 448) {
      int len = Math.min(448, x.length - at);
      int room = (int) (len * factor);
      float[] o = new float[room];
      int n = s.process(factor, Arrays.copyOfRange(x, at, at + len), len, o, room);
      System.arraycopy(o, 0, out, size, Math.min(n, out.length - size));
      size += n;
    }
    return Arrays.copyOf(out, Math.min(size, out.length));
  }

  private static double peak(float[] x, int from, int to) {
    double m = 0;
    for (int i = from; i < to; i++) {
      m = Math.max(m, Math.abs(x[i]));
    }
    return m;
  }

  private static int[] bits(float[] v) {
    int[] b = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Float.floatToRawIntBits(v[i]);
    }
    return b;
  }
}
