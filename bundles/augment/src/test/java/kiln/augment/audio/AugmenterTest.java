package kiln.augment.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.KilnException;
import kiln.audio.WavWriter;
import kiln.augment.AudioOps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AugmenterTest {
  static final int RATE = 16000;

  static Map<String, Object> settings(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static float[] constant(int n, float v) {
    float[] x = new float[n];
    Arrays.fill(x, v);
    return x;
  }

  static float[] sine(int n, double hz, double amp) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / RATE));
    }
    return x;
  }

  static int firstNonZero(float[] x) {
    for (int i = 0; i < x.length; i++) {
      if (x[i] != 0) {
        return i;
      }
    }
    return -1;
  }

  static int lastNonZero(float[] x) {
    for (int i = x.length - 1; i >= 0; i--) {
      if (x[i] != 0) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void offsetPadsWithTheDrawnShareOfFreeSpaceBefore() {
    float[] out = new OffsetAugmenter().apply(constant(4000, 0.5f), RATE,
        settings("offset_range", List.of(0.25, 0.25)), new SplittableRandom(1));
    assertThat(out).hasSize(16000);
    assertThat(firstNonZero(out)).isEqualTo(3000); // (16000 - 4000) * 0.25
    assertThat(lastNonZero(out)).isEqualTo(6999);
  }

  @Test
  void offsetCropsLongClipsFromTheDrawnPosition() {
    float[] ramp = new float[20000];
    for (int i = 0; i < ramp.length; i++) {
      ramp[i] = i / 20000f;
    }
    float[] out = new OffsetAugmenter().apply(ramp, RATE,
        settings("offset_range", "(0.5, 0.5)", "sample_length_ms", 500), new SplittableRandom(1));
    assertThat(out).hasSize(8000);
    assertThat(out[0]).isEqualTo(6000 / 20000f); // (20000 - 8000) * 0.5
  }

  @Test
  void trimCutsSilenceOnLibrosaFrameBoundaries() {
    float[] x = new float[8000 + 4096 + 8000];
    System.arraycopy(sine(4096, 1000, 0.5), 0, x, 8000, 4096);
    x[8000 + 4096 + 100] = 0; // silence stays silence
    float[] out = new TrimAugmenter().apply(x, RATE, settings("trim_threshold_db", 20), new SplittableRandom(1));
    // first loud frame 14 (centre 7168), last loud frame 25 -> end (25 + 1) * 512 = 13312
    assertThat(out).hasSize(13312 - 7168);
    assertThat(out).containsExactly(Arrays.copyOfRange(x, 7168, 13312));
    assertThat(AudioOps.trim(new float[16000], 20)).isEmpty();
  }

  @Test
  void loudnessChangesRmsByTheFactorInDecibels() {
    float[] x = sine(16000, 440, 0.25);
    double before = AudioOps.rms(x);
    float[] louder = new LoudnessAugmenter().apply(x.clone(), RATE,
        settings("loudness_range", new double[] {2.0, 2.0}), new SplittableRandom(3));
    float[] quieter = new LoudnessAugmenter().apply(x.clone(), RATE,
        settings("loudness_range", List.of(0.5, 0.5)), new SplittableRandom(3));
    assertThat(20 * Math.log10(AudioOps.rms(louder) / before)).isCloseTo(6.0206, within(1e-4));
    assertThat(20 * Math.log10(AudioOps.rms(quieter) / before)).isCloseTo(-6.0206, within(1e-4));
  }

  @Test
  void loudnessDrawsFromTheRangeDeterministically() {
    Map<String, Object> s = settings("loudness_range", List.of(0.6, 3.0));
    float[] a = new LoudnessAugmenter().apply(constant(10, 1f), RATE, s, new SplittableRandom(42));
    float[] b = new LoudnessAugmenter().apply(constant(10, 1f), RATE, s, new SplittableRandom(42));
    float[] c = new LoudnessAugmenter().apply(constant(10, 1f), RATE, s, new SplittableRandom(43));
    assertThat(a).containsExactly(b);
    assertThat(a[0]).isBetween(0.6f, 3.0f);
    assertThat(c[0]).isNotEqualTo(a[0]);
  }

  @Test
  void noiseColourIsAddedAtTheDrawnPeakLevel() {
    float[] out = new NoiseColorAugmenter().apply(new float[16000], RATE,
        settings("noise_colors", List.of("white"), "noise_color_range", List.of(0.1, 0.1)), new SplittableRandom(5));
    float peak = 0;
    for (float v : out) {
      peak = Math.max(peak, Math.abs(v));
    }
    assertThat(peak).isCloseTo(0.1f, within(1e-6f));
    assertThat(new NoiseColorAugmenter().enabled(settings("noise_colors", "all"))).isFalse(); // no range: no noise
  }

  /** Power in the octave 500-1000 Hz over power in 4000-8000 Hz: (1/8)^(b+1) for power ~ f^b. */
  static double octaveRatio(String color) {
    int n = 16384;
    float[] noise = NoiseColorAugmenter.noise(color, n, new SplittableRandom(11));
    double[] re = new double[n];
    double[] im = new double[n];
    for (int i = 0; i < n; i++) {
      re[i] = noise[i];
    }
    Fft.transform(re, im, false);
    return band(re, im, n, 500, 1000) / band(re, im, n, 4000, 8000);
  }

  static double band(double[] re, double[] im, int n, double lo, double hi) {
    double sum = 0;
    for (int k = (int) Math.ceil(lo * n / RATE); k < hi * n / RATE; k++) {
      sum += re[k] * re[k] + im[k] * im[k];
    }
    return sum;
  }

  @Test
  void noiseColoursHaveTheirSpectralSlopes() {
    assertThat(octaveRatio("white")).isCloseTo(1 / 8.0, within(0.02));
    assertThat(octaveRatio("pink")).isCloseTo(1.0, within(0.15));
    assertThat(octaveRatio("brown")).isCloseTo(8.0, within(1.2));
    assertThat(octaveRatio("blue")).isCloseTo(1 / 64.0, within(0.003));
    assertThat(octaveRatio("violet")).isCloseTo(1 / 512.0, within(0.0004));
  }

  @Test
  void unknownNoiseColourIsRefusedByName() {
    assertThatThrownBy(() -> new NoiseColorAugmenter().apply(new float[10], RATE,
        settings("noise_colors", List.of("green"), "noise_color_range", List.of(0.1, 0.2)), new SplittableRandom(1)))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("noise_colors").hasMessageContaining("green").hasMessageContaining("violet");
  }

  @Test
  void backgroundNoiseAddsAScaledWindowOfARecording(@TempDir Path dir) {
    short[] pcm = new short[32000];
    Arrays.fill(pcm, (short) 13107);
    WavWriter.write(dir.resolve("hum.wav"), pcm, RATE);
    float[] out = new BgNoiseAugmenter().apply(new float[16000], RATE,
        settings("bg_noise_dir", dir.toString(), "bg_noise_range", List.of(0.5, 0.5)), new SplittableRandom(9));
    assertThat(out).hasSize(16000);
    for (float v : out) {
      assertThat(v).isEqualTo((float) (0.5 * (13107 / 32768f)));
    }
  }

  @Test
  void missingBackgroundFolderIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> new BgNoiseAugmenter().apply(new float[10], RATE,
        settings("bg_noise_dir", missing.toString(), "bg_noise_range", List.of(0.1, 0.2)), new SplittableRandom(1)))
        .isInstanceOf(KilnException.class).hasMessageContaining("bg_noise_dir").hasMessageContaining("nope");
  }

  @Test
  void vtlpWithFactorOneReturnsTheClip() {
    float[] x = sine(16000, 700, 0.3);
    float[] out = new VtlpAugmenter().apply(x.clone(), RATE, settings("vtlp_range", List.of(1.0, 1.0)), new SplittableRandom(1));
    assertThat(out).hasSize(16000);
    for (int i = 0; i < x.length; i++) {
      assertThat(out[i]).isCloseTo(x[i], within(1e-4f));
    }
  }

  @Test
  void vtlpMovesAToneByTheFactor() {
    float[] out = new VtlpAugmenter().apply(sine(16384, 1000, 0.3), RATE,
        settings("vtlp_range", List.of(0.8, 0.8)), new SplittableRandom(1));
    // bins move without phase correction (as in MLTK), so the tone lands on a multiple of the hop
    // rate 16000 / 512 = 31.25 Hz next to 800 Hz: 781.25 Hz
    assertThat(peakHz(out)).isEqualTo(781.25);
    assertThat(VtlpAugmenter.warpedFrequency(1000, RATE, 0.8)).isEqualTo(800.0);
    // above the boundary (4800 Hz for a = 0.8) the band maps linearly up to Nyquist
    assertThat(VtlpAugmenter.warpedFrequency(8000, RATE, 0.8)).isEqualTo(8000.0);
  }

  static double peakHz(float[] x) {
    int n = Fft.nextPowerOfTwo(x.length);
    double[] re = new double[n];
    double[] im = new double[n];
    for (int i = 0; i < x.length; i++) {
      re[i] = x[i];
    }
    Fft.transform(re, im, false);
    int best = 1;
    for (int k = 1; k < n / 2; k++) {
      if (re[k] * re[k] + im[k] * im[k] > re[best] * re[best] + im[best] * im[best]) {
        best = k;
      }
    }
    return best * (double) RATE / n;
  }

  @Test
  void badRangeIsRefusedWithItsValue() {
    assertThatThrownBy(() -> new LoudnessAugmenter().apply(new float[3], RATE,
        settings("loudness_range", List.of(2.0, 1.0)), new SplittableRandom(1)))
        .isInstanceOf(KilnException.class).hasMessage("datagen setting loudness_range must have min <= max, found (2.0, 1.0)");
    assertThatThrownBy(() -> new LoudnessAugmenter().apply(new float[3], RATE,
        settings("loudness_range", List.of(1.0)), new SplittableRandom(1)))
        .isInstanceOf(KilnException.class).hasMessageContaining("(min, max) pair");
  }
}
