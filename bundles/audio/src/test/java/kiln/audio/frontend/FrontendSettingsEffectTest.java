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
    return new FrontendSettings(); // MLTK defaults: 25/10 ms, 32 channels, NR and PCAN off
  }

  @Test
  void sampleRateWindowAndStepSetTheShape() {
    FrontendSettings s = plain();
    assertThat(s.windowSamples()).isEqualTo(400);
    assertThat(s.stepSamples()).isEqualTo(160);
    assertThat(s.fftLength()).isEqualTo(512);
    assertThat(s.frameCount(16000)).isEqualTo(98);
    assertThat(run(s, NOISE)).hasSize(98 * 32);
    s.sampleRateHz = 8000;
    s.windowSizeMs = 32;
    s.windowStepMs = 16;
    s.filterbankUpperBandLimit = 3800;
    assertThat(s.windowSamples()).isEqualTo(256);
    assertThat(s.fftLength()).isEqualTo(256);
    assertThat(s.toParameters()).containsEntry("fe.fft_length", 256);
    assertThat(new MicroFrontend(s).frameCount(8000)).isEqualTo((8000 - 256) / 128 + 1);
    assertThat(run(s, Signals.noise(1, 8000, 4000))).hasSize(61 * 32);
  }

  @Test
  void sampleLengthGivesTheClipLength() {
    FrontendSettings s = plain();
    s.sampleLengthMs = 1500;
    assertThat(s.sampleLength()).isEqualTo(24000);
    assertThat(s.frameCount(s.sampleLength())).isEqualTo((24000 - 400) / 160 + 1);
  }

  @Test
  void channelCountSetsTheRowWidth() {
    FrontendSettings s = plain();
    s.filterbankNChannels = 10;
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
    FrontendSettings high = plain();
    high.filterbankLowerBandLimit = 1000;
    assertThat(Signals.sum(Signals.row(run(wide, tone), 32, 50)))
        .isGreaterThan(Signals.sum(Signals.row(run(high, tone), 32, 50)));
    FrontendSettings bad = plain();
    bad.filterbankUpperBandLimit = 9000;
    assertThatThrownBy(() -> new MicroFrontend(bad)).isInstanceOf(KilnException.class)
        .hasMessageContaining("fe.filterbank_upper_band_limit=9000.0").hasMessageContaining("Nyquist");
  }

  @Test
  void noiseReductionSubtractsTheStationaryLevel() {
    short[] tone = Signals.tone(1000, 16000, 16000, 6000);
    FrontendSettings off = plain();
    FrontendSettings on = plain();
    on.noiseReductionEnable = true;
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
    FrontendSettings frozen = plain();
    frozen.noiseReductionEnable = true;
    frozen.noiseReductionEvenSmoothing = 0;
    frozen.noiseReductionOddSmoothing = 0;
    assertThat(run(frozen, NOISE)).isEqualTo(run(off, NOISE)); // the estimate stays 0
    FrontendSettings floored = plain();
    floored.noiseReductionEnable = true;
    floored.noiseReductionMinSignalRemaining = 1.0f;
    assertThat(run(floored, NOISE)).isEqualTo(run(off, NOISE)); // the floor is the whole signal
  }

  @Test
  void evenAndOddSmoothingActOnAlternateChannels() {
    FrontendSettings evenOnly = plain();
    evenOnly.noiseReductionEnable = true;
    evenOnly.noiseReductionOddSmoothing = 0;
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
    FrontendSettings b = FrontendPresets.microSpeech();
    b.noiseReductionSmoothingBits = 9;
    assertThat(run(b, NOISE)).isEqualTo(run(a, NOISE));
    FrontendSettings coarse = FrontendPresets.microSpeech();
    coarse.noiseReductionSmoothingBits = 3;
    assertThat(run(coarse, quiet)).isNotEqualTo(run(a, quiet));
  }

  @Test
  void pcanSettingsChangeTheGain() {
    FrontendSettings base = FrontendPresets.microSpeech();
    int[] ref = run(base, NOISE);
    FrontendSettings off = FrontendPresets.microSpeech();
    off.pcanEnable = false;
    assertThat(run(off, NOISE)).isNotEqualTo(ref);
    FrontendSettings strength = FrontendPresets.microSpeech();
    strength.pcanStrength = 0.5f;
    assertThat(run(strength, NOISE)).isNotEqualTo(ref);
    FrontendSettings offset = FrontendPresets.microSpeech();
    offset.pcanOffset = 20;
    assertThat(run(offset, NOISE)).isNotEqualTo(ref);
    FrontendSettings gainBits = FrontendPresets.microSpeech();
    gainBits.pcanGainBits = 22; // the shift cancels 2^gain_bits except where the table clips at int16
    assertThat(run(gainBits, NOISE)).isNotEqualTo(ref);
    FrontendSettings noNr = FrontendPresets.microSpeech();
    noNr.noiseReductionEnable = false;
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
    FrontendSettings linear = plain();
    linear.logScaleEnable = false;
    int[] lin = run(linear, NOISE);
    int[] log = run(plain(), NOISE);
    assertThat(Signals.sum(lin)).isNotEqualTo(Signals.sum(log));
    FrontendSettings shift7 = plain();
    shift7.logScaleShift = 7;
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
    FrontendSettings notch = plain();
    notch.dcNotchFilterEnable = true;
    int[] clean = run(plain(), tone);
    int[] offsetPlain = run(plain(), shifted);
    int[] offsetNotched = run(notch, shifted);
    // the first channel (lowest band) sees the DC offset unless the notch removes it
    int lowClean = Signals.row(clean, 32, 50)[0];
    assertThat(Signals.row(offsetPlain, 32, 50)[0]).isGreaterThan(lowClean + 50);
    assertThat(Math.abs(Signals.row(offsetNotched, 32, 50)[0] - lowClean)).isLessThan(60);
    FrontendSettings coefficient = plain();
    coefficient.dcNotchFilterEnable = true;
    coefficient.dcNotchFilterCoefficient = 0.5f;
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
    FrontendSettings s = plain();
    s.activityDetectionEnable = true;
    MicroFrontend f = new MicroFrontend(s);
    f.extract(Signals.noise(5, 16000, 30));
    assertThat(f.activityDetected()).isFalse();
    f.extract(quietThenLoud);
    assertThat(f.activityDetected()).isTrue();
    assertThat(f.activityDetected()).isFalse(); // reading clears it
    // the features themselves do not change
    FrontendSettings off = plain();
    assertThat(f.extract(quietThenLoud)).isEqualTo(run(off, quietThenLoud));
    FrontendSettings strict = plain();
    strict.activityDetectionEnable = true;
    strict.activityDetectionTripThreshold = 1.0f;
    strict.activityDetectionArmThreshold = 0.0f;
    MicroFrontend never = new MicroFrontend(strict);
    never.extract(quietThenLoud);
    assertThat(never.activityDetected()).isFalse(); // can never arm
    FrontendSettings alphas = plain();
    alphas.activityDetectionEnable = true;
    alphas.activityDetectionAlphaA = 0.9f;
    alphas.activityDetectionAlphaB = 0.95f;
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
    s.quantizeDynamicScaleRangeDb = 20;
    assertThat(FeatureQuantizer.dynamicRange(s)).isEqualTo(147);
    assertThat(FeatureQuantizer.toInt8Dynamic(new int[] {0, 100, 200, 256}, 256))
        .containsExactly(-128, -29, 71, 127);
    assertThat(FeatureQuantizer.toInt8Dynamic(new int[] {800, 1000, 900, 500}, 294))
        .containsExactly(-47, 127, 40, -128);
    s.quantizeDynamicScaleEnable = true;
    assertThat(FeatureQuantizer.toInt8(new int[] {500, 1000}, s)).containsExactly(-128, 127);
    assertThat(FeatureQuantizer.toFloat(new int[] {0, 65535})).containsExactly(0f, 65535f);
  }

  @Test
  void badSettingsAreRefusedByName() {
    FrontendSettings step = plain();
    step.windowStepMs = 40;
    assertThatThrownBy(() -> new MicroFrontend(step)).isInstanceOf(KilnException.class)
        .hasMessageContaining("fe.window_step_ms=40");
    FrontendSettings channels = plain();
    channels.filterbankNChannels = 0;
    assertThatThrownBy(() -> new MicroFrontend(channels)).hasMessageContaining("fe.filterbank_n_channels=0");
    FrontendSettings smoothing = plain();
    smoothing.noiseReductionEvenSmoothing = 1.5f;
    assertThatThrownBy(() -> new MicroFrontend(smoothing)).hasMessageContaining("fe.noise_reduction_even_smoothing");
  }
}
