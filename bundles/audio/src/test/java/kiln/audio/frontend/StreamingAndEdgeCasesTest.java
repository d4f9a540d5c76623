package kiln.audio.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import kiln.api.data.FrontendSettings;
import kiln.audio.AudioClip;
import kiln.audio.Resampler;
import kiln.audio.WavReader;
import kiln.audio.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingAndEdgeCasesTest {
  @TempDir Path tmp;

  @Test
  void streamingInOddChunksEqualsTheWholeClip() {
    FrontendSettings s = FrontendPresets.microSpeech().toBuilder()
        .dcNotchFilterEnable(true)
        .build();
    short[] pcm = Signals.noise(11, 16000, 9000);
    int[] whole = new MicroFrontend(s).extract(pcm);
    MicroFrontend streaming = new MicroFrontend(s);
    int[] out = new int[whole.length];
    int frames = 0;
    int[] chunks = {1, 7, 333, 479, 480, 1001, 13};
    int pos = 0;
    for (int c = 0; pos < pcm.length; c++) {
      int n = Math.min(chunks[c % chunks.length], pcm.length - pos);
      frames += streaming.process(pcm, pos, n, out, frames * 40);
      pos += n;
    }
    assertThat(frames).isEqualTo(49);
    assertThat(out).isEqualTo(whole);
  }

  @Test
  void oddLengthsGiveTheFrameFormula() {
    FrontendSettings s = FrontendPresets.microSpeech();
    MicroFrontend f = new MicroFrontend(s);
    assertThat(f.extract(new short[479])).isEmpty();
    assertThat(f.extract(new short[480])).hasSize(40);
    assertThat(f.extract(new short[799])).hasSize(40);
    assertThat(f.extract(new short[800])).hasSize(80);
    assertThat(f.extract(Signals.noise(2, 16001, 5000))).hasSize(49 * 40);
    assertThat(f.extract(Signals.noise(2, 16321, 5000))).hasSize(50 * 40);
    assertThat(f.frameCount(0)).isZero();
  }

  @Test
  void silenceGivesZeros() {
    for (FrontendSettings s : new FrontendSettings[] {FrontendPresets.microSpeech(), FrontendSettings.defaults()}) {
      int[] features = new MicroFrontend(s).extract(new short[16000]);
      assertThat(features).containsOnly(0);
      assertThat(FeatureQuantizer.toInt8(features)).containsOnly((byte) -128);
    }
  }

  @Test
  void fullScaleClippedInputStaysInRange() {
    short[] square = new short[16000];
    for (int i = 0; i < square.length; i++) {
      square[i] = (i / 20) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
    }
    short[] extreme = new short[16000];
    java.util.Arrays.fill(extreme, Short.MIN_VALUE);
    for (FrontendSettings s : new FrontendSettings[] {FrontendPresets.microSpeech(), FrontendSettings.defaults()}) {
      int[] a = new MicroFrontend(s).extract(square);
      int[] b = new MicroFrontend(s).extract(extreme);
      assertThat(java.util.Arrays.stream(a).allMatch(v -> v >= 0 && v <= 0xFFFF)).isTrue();
      assertThat(java.util.Arrays.stream(b).allMatch(v -> v >= 0 && v <= 0xFFFF)).isTrue();
      assertThat(Signals.sum(a)).isPositive();
    }
  }

  @Test
  void resampled44k1InputKeepsTheFeaturesAndTheClass() {
    short[] yes = WavReader.readPcm16(FixtureFrontendTest.tflm().resolve("yes_1000ms.wav"), 16000);
    float[] at44k = Resampler.resample(new AudioClip(kiln.audio.Pcm.toFloat(yes), 16000).samples(), 16000, 44100);
    Path wav = tmp.resolve("yes44k.wav");
    WavWriter.write(wav, at44k, 44100);
    AudioClip back = WavReader.read(wav, 16000);
    assertThat(back.samples()).hasSize(16000);
    int[] original = new MicroFrontend(FrontendPresets.microSpeech()).extract(yes);
    int[] roundTrip = new MicroFrontend(FrontendPresets.microSpeech()).extract(back.toPcm16());
    double meanAbs = 0;
    for (int i = 0; i < original.length; i++) {
      meanAbs += Math.abs(original[i] - roundTrip[i]);
    }
    meanAbs /= original.length;
    assertThat(meanAbs).as("mean |difference| of the features").isLessThan(15);
    byte[] scores = MicroSpeechClassificationTest.classify(FeatureQuantizer.toInt8(roundTrip));
    assertThat(MicroSpeechClassificationTest.argmax(scores)).isEqualTo(2);
  }

  @Test
  void eightKilohertzInputIsResampledAndHasNoContentAbove4kHz() {
    short[] yes = WavReader.readPcm16(FixtureFrontendTest.tflm().resolve("yes_1000ms.wav"), 16000);
    Path wav = tmp.resolve("yes8k.wav");
    WavWriter.write(wav, Resampler.resample(kiln.audio.Pcm.toFloat(yes), 16000, 8000), 8000);
    short[] up = WavReader.readPcm16(wav, 16000);
    assertThat(up).hasSize(16000);
    int[] f = new MicroFrontend(FrontendPresets.microSpeech()).extract(up);
    assertThat(f).hasSize(49 * 40);
    long low = 0;
    long high = 0;
    for (int frame = 0; frame < 49; frame++) {
      int[] row = Signals.row(f, 40, frame);
      for (int c = 0; c < 10; c++) {
        low += row[c];
      }
      for (int c = 36; c < 40; c++) { // the top channels lie above 5 kHz
        high += row[c];
      }
    }
    assertThat(low).isGreaterThan(high * 3);
  }
}
