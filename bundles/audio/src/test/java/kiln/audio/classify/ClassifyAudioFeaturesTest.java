package kiln.audio.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import kiln.api.data.FrontendSettings;
import kiln.audio.frontend.FrontendPresets;
import kiln.audio.frontend.MicroFrontend;
import org.junit.jupiter.api.Test;

/** The streaming spectrogram against Kiln's bit-exact frontend run on whole clips. */
class ClassifyAudioFeaturesTest {
  static final FrontendSettings FE = FrontendPresets.microSpeech();

  private static void push(ClassifyAudioFeatures f, short[] pcm, int from, int to, int chunk) {
    for (int at = from; at < to; at += chunk) {
      f.push(pcm, at, Math.min(chunk, to - at));
    }
  }

  /** TensorFlow Lite Micro's recordings one after the other: yes, silence, no, noise. */
  static short[] splice() {
    String[] clips = {"yes", "silence", "no", "noise"};
    short[] all = new short[0];
    for (String clip : clips) {
      short[] p = kiln.audio.WavReader.readPcm16(kiln.audio.Fixtures.tflm(clip + "_1000ms.wav"), 16000);
      int at = all.length;
      all = Arrays.copyOf(all, at + p.length);
      System.arraycopy(p, 0, all, at, p.length);
    }
    return all;
  }

  @Test
  void oneClipStreamedInChunksIsTheClipsSpectrogram() {
    short[] yes = kiln.audio.WavReader.readPcm16(kiln.audio.Fixtures.tflm("yes_1000ms.wav"), 16000);
    int[] whole = new MicroFrontend(FE).extract(yes);
    for (int chunk : new int[] {1, 160, 1600, 16000}) {
      ClassifyAudioFeatures f = new ClassifyAudioFeatures(FE, 0);
      push(f, yes, 0, yes.length, chunk);
      assertThat(f.spectrogram()).as("chunks of " + chunk).containsExactly(whole);
    }
  }

  @Test
  void theStateCarriesAcrossWindowsAndResetForgetsIt() {
    short[] stream = splice();
    ClassifyAudioFeatures f = new ClassifyAudioFeatures(FE, 0);
    push(f, stream, 0, 16000, 1600);
    int[] first = f.spectrogram();
    push(f, stream, 16000, 17600, 1600); // 100 ms more: 5 new frames at the end
    int[] later = f.spectrogram();
    int channels = f.channels();
    assertThat(Arrays.copyOfRange(later, 0, (49 - 5) * channels))
        .containsExactly(Arrays.copyOfRange(first, 5 * channels, 49 * channels));
    // the newest frames come from the frontend's running noise estimate, not a fresh one
    int[] fresh = new MicroFrontend(FE).extract(Arrays.copyOfRange(stream, 1600, 17600));
    assertThat(later).isNotEqualTo(fresh);
    f.reset();
    assertThat(f.spectrogram()).containsOnly(0);
    push(f, stream, 32000, 48000, 320);
    assertThat(f.spectrogram()).containsExactly(new MicroFrontend(FE).extract(Arrays.copyOfRange(stream, 32000, 48000)));
  }

  @Test
  void theVolumeGainSaturates() {
    ClassifyAudioFeatures f = new ClassifyAudioFeatures(FE, 2);
    short[] heard = f.push(new short[] {100, -200, 20000, -20000}, 0, 4);
    assertThat(heard).containsExactly((short) 200, (short) -400, Short.MAX_VALUE, Short.MIN_VALUE);
  }
}
