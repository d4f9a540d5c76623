package kiln.audio.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import kiln.api.data.FrontendSettings;
import org.junit.jupiter.api.Test;

/**
 * The fast frontend (planar FFT, int energies, float square root) against the operation-by-operation
 * reference port, on signals the four fixtures do not reach: full-scale and clipped input, FFT
 * overflow and int16 wrap-around, odd window lengths, every stage switched on and off.
 */
class FastPathOracleTest {
  static List<short[]> signals() {
    List<short[]> s = new ArrayList<>();
    s.add(Signals.noise(1, 16000, 32767));
    s.add(Signals.noise(2, 16000, 300));
    s.add(Signals.noise(3, 16000, 3));
    s.add(Signals.tone(1000, 16000, 16000, 32767));
    s.add(Signals.tone(7900, 16000, 16000, 20000));
    s.add(Signals.tone(31.25, 16000, 16000, 32767));
    short[] square = new short[16000];
    short[] extremes = new short[16000];
    short[] impulses = new short[16000];
    short[] walk = new short[16000];
    SplittableRandom r = new SplittableRandom(7);
    int w = 0;
    for (int i = 0; i < 16000; i++) {
      square[i] = (short) ((i / 40) % 2 == 0 ? 32767 : -32768);
      extremes[i] = (short) (r.nextBoolean() ? 32767 : -32768);
      impulses[i] = (short) (i % 997 == 0 ? -32768 : 0);
      w = Math.max(-32768, Math.min(32767, w + r.nextInt(-2000, 2001)));
      walk[i] = (short) w;
    }
    s.add(square);
    s.add(extremes);
    s.add(impulses);
    s.add(walk);
    s.add(Signals.plus(Signals.noise(4, 16000, 20000), 25000)); // clipped at +32767
    s.add(new short[16000]);
    return s;
  }

  static List<FrontendSettings> settings() {
    List<FrontendSettings> list = new ArrayList<>();
    list.add(FrontendPresets.microSpeech());
    list.add(FrontendSettings.defaults());
    FrontendSettings all = FrontendPresets.microSpeech().toBuilder()
        .dcNotchFilterEnable(true)
        .activityDetectionEnable(true)
        .build();
    list.add(all);
    FrontendSettings raw = FrontendPresets.microSpeech().toBuilder()
        .logScaleEnable(false)
        .pcanEnable(false)
        .build();
    list.add(raw);
    FrontendSettings nrOnly = FrontendSettings.builder()
        .noiseReductionEnable(true)
        .filterbankNChannels(64)
        .build();
    list.add(nrOnly);
    FrontendSettings oddWindow = FrontendPresets.microSpeech().toBuilder()
        .sampleRateHz(15999) // 479-sample window, still a 512-point FFT
        .build();
    list.add(oddWindow);
    FrontendSettings roundedWeights = FrontendPresets.microSpeech().toBuilder()
        .filterbankNChannels(8) // float rounding makes some unweight differ from 4096 - weight
        .filterbankLowerBandLimit(100)
        .filterbankUpperBandLimit(4600)
        .build();
    list.add(roundedWeights);
    FrontendSettings shortFft = FrontendPresets.microSpeech().toBuilder()
        .sampleRateHz(8000) // 256-point FFT: the general path
        .filterbankUpperBandLimit(3900)
        .build();
    list.add(shortFft);
    return list;
  }

  @Test
  void fastFrontendEqualsTheReferencePortValueForValue() {
    int compared = 0;
    for (FrontendSettings s : settings()) {
      MicroFrontend fast = new MicroFrontend(s);
      ReferenceMicroFrontend reference = new ReferenceMicroFrontend(s);
      for (short[] pcm : signals()) {
        int[] expected = reference.extract(pcm);
        assertThat(fast.extract(pcm)).as("settings %s, signal %d", s.toParameters(), compared % 12)
            .isEqualTo(expected);
        compared++;
      }
    }
    assertThat(compared).isEqualTo(8 * 12);
  }

  @Test
  void clipsShorterThanAWindowAndOddLengthsMatchToo() {
    FrontendSettings s = FrontendPresets.microSpeech();
    MicroFrontend fast = new MicroFrontend(s);
    ReferenceMicroFrontend reference = new ReferenceMicroFrontend(s);
    short[] noise = Signals.noise(9, 2001, 30000);
    for (int n : new int[] {0, 1, 2, 479, 480, 481, 799, 800, 801, 2001}) {
      short[] pcm = java.util.Arrays.copyOf(noise, n);
      assertThat(fast.extract(pcm)).as("%d samples", n).isEqualTo(reference.extract(pcm));
    }
    int[] out = new int[4 * 40];
    assertThat(fast.extract(noise, 1, 1280, out, 0)).isEqualTo(3); // odd offset into the array
    int[] expected = new int[4 * 40];
    reference.extract(noise, 1, 1280, expected, 0);
    assertThat(out).isEqualTo(expected);
  }

  @Test
  void bothFilterbankFormsAreExercised() {
    assertThat(FrontendPlan.of(FrontendPresets.microSpeech()).filterbank.complementaryWeights).isTrue();
    FrontendSettings s = settings().get(6);
    assertThat(s.filterbankNChannels()).isEqualTo(8);
    assertThat(FrontendPlan.of(s).filterbank.complementaryWeights).isFalse();
  }

  @Test
  void planarFftEqualsKissFftOnEveryBin() {
    KissFftR16 kiss = new KissFftR16(512);
    KissFft512Planar planar = new KissFft512Planar(kiss);
    KissFft512Planar.Buffers b = new KissFft512Planar.Buffers();
    SplittableRandom r = new SplittableRandom(3);
    short[] x = new short[512];
    int[] re = new int[257];
    int[] im = new int[257];
    int[] expected = new int[257];
    int[] energy = new int[257];
    for (int it = 0; it < 4000; it++) {
      for (int i = 0; i < 512; i++) {
        x[i] = (short) switch (it % 4) {
          case 0 -> r.nextInt();
          case 1 -> r.nextBoolean() ? 32767 : -32768;
          case 2 -> r.nextInt(-300, 300);
          default -> (int) (32767 * Math.sin(i * 0.05 * (1 + it % 29)));
        };
      }
      int shift = it % 3;
      short[] shifted = new short[512];
      for (int i = 0; i < 512; i++) {
        shifted[i] = (short) (x[i] << shift);
        if (i % 2 == 0) {
          b.re[i / 2] = x[i];
        } else {
          b.im[i / 2] = x[i];
        }
      }
      kiss.transform(shifted, re, im);
      for (int k = 0; k <= 256; k++) {
        expected[k] = re[k] * re[k] + im[k] * im[k];
      }
      planar.transform(b, shift);
      int[] binRe = new int[257];
      int[] binIm = new int[257];
      for (int k = 0; k <= 256; k++) {
        boolean upper = k >= 128 && k < 256;
        binRe[k] = upper ? b.mirrorR[256 - k] : b.re[k];
        binIm[k] = upper ? b.mirrorI[256 - k] : b.im[k];
      }
      assertThat(binRe).as("real parts, iteration %d", it).isEqualTo(re);
      assertThat(binIm).as("imaginary parts, iteration %d", it).isEqualTo(im);
      KissFft512Planar.energy(b, energy);
      assertThat(energy).as("iteration %d", it).isEqualTo(expected);
    }
  }
}
