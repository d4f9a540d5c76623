package kiln.audio.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kiln.api.KilnException;
import kiln.api.data.FrontendSettings;
import org.junit.jupiter.api.Test;

/** One test (at least) per frontend setting: what changing it does to the output. */
class FrontendSettingsEffectTest {
  static final short[] NOISE = Signals.noise(7, 16000, 4000);

  static int[] run(FrontendSettings s, short[] pcm) {
    return new MicroFrontend(s).extract(pcm);
  }

  static FrontendSettings plain() {
    return FrontendSettings.defaults(); // MLTK's: 25/10 ms, 32 channels, NR and PCAN off
  }

  @Test
  void sampleRateWindowAndStepSetTheShape() {
    FrontendSettings s = plain();
    assertThat(s.windowSamples()).isEqualTo(400);
    assertThat(s.stepSamples()).isEqualTo(160);
    assertThat(s.fftLength()).isEqualTo(512);
    assertThat(s.frameCount(16000)).isEqualTo(98);
    assertThat(run(s, NOISE)).hasSize(98 * 32);
    s = s.toBuilder()
        .sampleRateHz(8000)
        .windowSizeMs(32)
        .windowStepMs(16)
        .filterbankUpperBandLimit(3800)
        .build();
    assertThat(s.windowSamples()).isEqualTo(256);
    assertThat(s.fftLength()).isEqualTo(256);
    assertThat(s.toParameters()).containsEntry("fe.fft_length", 256);
    assertThat(new MicroFrontend(s).frameCount(8000)).isEqualTo((8000 - 256) / 128 + 1);
    assertThat(run(s, Signals.noise(1, 8000, 4000))).hasSize(61 * 32);
  }

  @Test
  void sampleLengthGivesTheClipLength() {
    FrontendSettings s = FrontendSettings.builder().sampleLengthMs(1500).build();
    assertThat(s.sampleLength()).isEqualTo(24000);
    assertThat(s.frameCount(s.sampleLength())).isEqualTo((24000 - 400) / 160 + 1);
  }

  @Test
  void channelCountSetsTheRowWidth() {
    FrontendSettings s = FrontendSettings.builder().filterbankNChannels(10).build();
    MicroFrontend f = new MicroFrontend(s);
    assertThat(f.channels()).isEqualTo(10);
    assertThat(f.extract(NOISE)).hasSize(98 * 10);
  }

  @Test
  void bandLimitsPlaceTheFilterbank() {
    MelFilterbank standard = new MelFilterbank(40, 125, 7500, 16000, 257);
    assertThat(standard.startIndex).isEqualTo(5); // 1.5 + 125 / 31.25
    assertThat(standard.endIndex).isLessThanOrEqualTo(241);
    MelFilterbank narrow = new MelFilterbank(40, 1000, 4000, 16000, 257);
    assertThat(narrow.startIndex).isEqualTo(33);
    assertThat(narrow.endIndex).isLessThanOrEqualTo(129);
    // a 500 Hz tone is below a 1 kHz lower limit: it barely registers there
    short[] tone = Signals.tone(500, 16000, 16000, 8000);
    FrontendSettings wide = plain();
    FrontendSettings high = FrontendSettings.builder().filterbankLowerBandLimit(1000).build();
    assertThat(Signals.sum(Signals.row(run(wide, tone), 32, 50)))
        .isGreaterThan(Signals.sum(Signals.row(run(high, tone), 32, 50)));
    FrontendSettings bad = FrontendSettings.builder().filterbankUpperBandLimit(9000).build();
    assertThatThrownBy(() -> new MicroFrontend(bad)).isInstanceOf(KilnException.class)
        .hasMessageContaining("fe.filterbank_upper_band_limit=9000.0").hasMessageContaining("Nyquist");
  }

  @Test
  void noiseReductionSubtractsTheStationaryLevel() {
    short[] tone = Signals.tone(1000, 16000, 16000, 6000);
    FrontendSettings off = plain();
    FrontendSettings on = FrontendSettings.builder().noiseReductionEnable(true).build();
    int[] a = run(off, tone);
    int[] b = run(on, tone);
    // without noise reduction a steady tone gives steady frames; with it the estimate catches up
    assertThat(Signals.row(a, 32, 90)).isEqualTo(Signals.row(a, 32, 60));
    assertThat(Signals.sum(Signals.row(b, 32, 90))).isLessThan(Signals.sum(Signals.row(b, 32, 5)));
    assertThat(Signals.sum(Signals.row(b, 32, 90))).isLessThan(Signals.sum(Signals.row(a, 32, 90)));
  }

  @Test
  void zeroSmoothingOrFullFloorLeavesTheSignalUntouched() {
    FrontendSettings off = plain();
    FrontendSettings frozen = FrontendSettings.builder()
        .noiseReductionEnable(true)
        .noiseReductionEvenSmoothing(0)
        .noiseReductionOddSmoothing(0)
        .build();
    assertThat(run(frozen, NOISE)).isEqualTo(run(off, NOISE)); // the estimate stays 0
    FrontendSettings floored = FrontendSettings.builder()
        .noiseReductionEnable(true)
        .noiseReductionMinSignalRemaining(1.0f)
        .build();
    assertThat(run(floored, NOISE)).isEqualTo(run(off, NOISE)); // the floor is the whole signal
  }

  @Test
  void evenAndOddSmoothingActOnAlternateChannels() {
    FrontendSettings evenOnly = FrontendSettings.builder()
        .noiseReductionEnable(true)
        .noiseReductionOddSmoothing(0)
        .build();
    int[] ref = run(plain(), NOISE);
    int[] out = run(evenOnly, NOISE);
    boolean evenChanged = false;
    for (int i = 0; i < out.length; i++) {
      if (i % 32 % 2 == 1) {
        assertThat(out[i]).isEqualTo(ref[i]);
      } else {
        evenChanged |= out[i] != ref[i];
      }
    }
    assertThat(evenChanged).isTrue();
  }

  @Test
  void smoothingBitsScaleTheEstimateAndPcanInput() {
    // smoothing bits are the estimate's extra precision: the same on loud input, coarser when few
    short[] quiet = Signals.noise(9, 16000, 40);
    FrontendSettings a = FrontendPresets.microSpeech();
    FrontendSettings b = FrontendPresets.microSpeech().toBuilder()
        .noiseReductionSmoothingBits(9)
        .build();
    assertThat(run(b, NOISE)).isEqualTo(run(a, NOISE));
    FrontendSettings coarse = FrontendPresets.microSpeech().toBuilder()
        .noiseReductionSmoothingBits(3)
        .build();
    assertThat(run(coarse, quiet)).isNotEqualTo(run(a, quiet));
  }

  @Test
  void pcanSettingsChangeTheGain() {
    FrontendSettings base = FrontendPresets.microSpeech();
    int[] ref = run(base, NOISE);
    FrontendSettings off = FrontendPresets.microSpeech().toBuilder().pcanEnable(false).build();
    assertThat(run(off, NOISE)).isNotEqualTo(ref);
    FrontendSettings strength = FrontendPresets.microSpeech().toBuilder()
        .pcanStrength(0.5f)
        .build();
    assertThat(run(strength, NOISE)).isNotEqualTo(ref);
    FrontendSettings offset = FrontendPresets.microSpeech().toBuilder().pcanOffset(20).build();
    assertThat(run(offset, NOISE)).isNotEqualTo(ref);
    // the shift cancels 2^gain_bits except where the table clips at int16
    FrontendSettings gainBits = FrontendPresets.microSpeech().toBuilder().pcanGainBits(22).build();
    assertThat(run(gainBits, NOISE)).isNotEqualTo(ref);
    FrontendSettings noNr = FrontendPresets.microSpeech().toBuilder()
        .noiseReductionEnable(false)
        .build();
    assertThatThrownBy(() -> new MicroFrontend(noNr)).isInstanceOf(KilnException.class)
        .hasMessageContaining("fe.pcan_enable").hasMessageContaining("fe.noise_reduction_enable");
  }

  @Test
  void pcanGainTableFollowsThePowerLaw() {
    // gain(x) ~ 2^21 * (x / 2^7 + 80)^-0.95, clipped to int16
    PcanGainTable t = new PcanGainTable(0.95f, 80f, 21, 10, 3);
    assertThat(t.snrShift).isEqualTo(21 - 3 - 12);
    assertThat(t.gain(0)).isEqualTo((int) (2097152 * Math.pow(80, -0.95) + 0.5));
    double exact = 2097152 * Math.pow(1_000_000 / 128.0 + 80, -0.95);
    assertThat((double) t.gain(1_000_000)).isCloseTo(exact, org.assertj.core.data.Offset.offset(exact * 0.02));
    assertThat(PcanGainTable.shrink(4096)).isEqualTo(16); // below 2 << 12: x^2 >> 20
    assertThat(PcanGainTable.shrink(1 << 20)).isEqualTo((1 << 14) - 64);
  }

  @Test
  void logScaleEnableAndShift() {
    FrontendSettings linear = FrontendSettings.builder().logScaleEnable(false).build();
    int[] lin = run(linear, NOISE);
    int[] log = run(plain(), NOISE);
    assertThat(Signals.sum(lin)).isNotEqualTo(Signals.sum(log));
    FrontendSettings shift7 = FrontendSettings.builder().logScaleShift(7).build();
    int[] doubled = run(shift7, NOISE);
    for (int i = 0; i < log.length; i++) {
      assertThat(Math.abs(doubled[i] - 2 * log[i])).as("value %d", i).isLessThanOrEqualTo(1);
    }
    // literal values of the fixed-point log: ln(x) * 2^shift, rounded through the table
    assertThat(LogScale.log(2, 6)).isEqualTo(44); // ln 2 * 64 = 44.4
    assertThat(LogScale.log(1 << 16, 6)).isEqualTo(710); // ln 65536 * 64 = 709.8
    assertThat(LogScale.log(1000, 0)).isEqualTo(7); // ln 1000 = 6.9
  }

  @Test
  void dcNotchRemovesAnOffsetAndMatchesLiteralOutput() {
    DcNotchFilter f = new DcNotchFilter((short) (0.95f * 32768));
    short[] out = new short[3];
    f.apply(new short[] {1000, 1000, 1000}, 0, out, 0, 3);
    assertThat(out).containsExactly((short) 1000, (short) 950, (short) 902);
    short[] tone = Signals.tone(1000, 16000, 16000, 3000);
    short[] shifted = Signals.plus(tone, 12000);
    FrontendSettings notch = FrontendSettings.builder().dcNotchFilterEnable(true).build();
    int[] clean = run(plain(), tone);
    int[] offsetPlain = run(plain(), shifted);
    int[] offsetNotched = run(notch, shifted);
    // the first channel (lowest band) sees the DC offset unless the notch removes it
    int lowClean = Signals.row(clean, 32, 50)[0];
    assertThat(Signals.row(offsetPlain, 32, 50)[0]).isGreaterThan(lowClean + 50);
    assertThat(Math.abs(Signals.row(offsetNotched, 32, 50)[0] - lowClean)).isLessThan(60);
    FrontendSettings coefficient = FrontendSettings.builder()
        .dcNotchFilterEnable(true)
        .dcNotchFilterCoefficient(0.5f)
        .build();
    assertThat(run(coefficient, shifted)).isNotEqualTo(offsetNotched);
  }

  @Test
  void activityDetectionTripsOnAnOnsetOnly() {
    // the detector arms when the fast average falls below the slow one (sound stops) and trips
    // when it rises above it again (a new onset)
    short[] quietThenLoud = new short[16000];
    System.arraycopy(Signals.noise(3, 5000, 12000), 0, quietThenLoud, 0, 5000);
    System.arraycopy(Signals.noise(4, 5000, 30), 0, quietThenLoud, 5000, 5000);
    System.arraycopy(Signals.noise(5, 6000, 12000), 0, quietThenLoud, 10000, 6000);
    FrontendSettings s = FrontendSettings.builder().activityDetectionEnable(true).build();
    MicroFrontend f = new MicroFrontend(s);
    f.extract(Signals.noise(5, 16000, 30));
    assertThat(f.activityDetected()).isFalse();
    f.extract(quietThenLoud);
    assertThat(f.activityDetected()).isTrue();
    assertThat(f.activityDetected()).isFalse(); // reading clears it
    // the features themselves do not change
    FrontendSettings off = plain();
    assertThat(f.extract(quietThenLoud)).isEqualTo(run(off, quietThenLoud));
    FrontendSettings strict = FrontendSettings.builder()
        .activityDetectionEnable(true)
        .activityDetectionTripThreshold(1.0f)
        .activityDetectionArmThreshold(0.0f)
        .build();
    MicroFrontend never = new MicroFrontend(strict);
    never.extract(quietThenLoud);
    assertThat(never.activityDetected()).isFalse(); // can never arm
    FrontendSettings alphas = FrontendSettings.builder()
        .activityDetectionEnable(true)
        .activityDetectionAlphaA(0.9f)
        .activityDetectionAlphaB(0.95f)
        .build();
    MicroFrontend slow = new MicroFrontend(alphas);
    slow.extract(quietThenLoud);
    assertThat(slow.activityDetected()).isTrue();
  }

  @Test
  void quantizationToInt8() {
    assertThat(FeatureQuantizer.toInt8(new int[] {0, 333, 666, 1000, 65535, 2}))
        .containsExactly(-128, 0, 127, 127, 127, -127);
    FrontendSettings s = plain();
    assertThat(FeatureQuantizer.dynamicRange(s)).isEqualTo(294); // 40 dB * 64 * ln(10)/20
    s = s.toBuilder().quantizeDynamicScaleRangeDb(20).build();
    assertThat(FeatureQuantizer.dynamicRange(s)).isEqualTo(147);
    assertThat(FeatureQuantizer.toInt8Dynamic(new int[] {0, 100, 200, 256}, 256))
        .containsExactly(-128, -29, 71, 127);
    assertThat(FeatureQuantizer.toInt8Dynamic(new int[] {800, 1000, 900, 500}, 294))
        .containsExactly(-47, 127, 40, -128);
    s = s.toBuilder().quantizeDynamicScaleEnable(true).build();
    assertThat(FeatureQuantizer.toInt8(new int[] {500, 1000}, s)).containsExactly(-128, 127);
    assertThat(FeatureQuantizer.toFloat(new int[] {0, 65535})).containsExactly(0f, 65535f);
  }

  @Test
  void badSettingsAreRefusedByName() {
    FrontendSettings step = FrontendSettings.builder().windowStepMs(40).build();
    assertThatThrownBy(() -> new MicroFrontend(step)).isInstanceOf(KilnException.class)
        .hasMessageContaining("fe.window_step_ms=40");
    FrontendSettings channels = FrontendSettings.builder().filterbankNChannels(0).build();
    assertThatThrownBy(() -> new MicroFrontend(channels)).hasMessageContaining("fe.filterbank_n_channels=0");
    FrontendSettings smoothing = FrontendSettings.builder()
        .noiseReductionEvenSmoothing(1.5f)
        .build();
    assertThatThrownBy(() -> new MicroFrontend(smoothing)).hasMessageContaining("fe.noise_reduction_even_smoothing");
  }
}
