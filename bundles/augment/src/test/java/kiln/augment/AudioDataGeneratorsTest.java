package kiln.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import kiln.api.KilnException;
import kiln.api.data.FeatureExtractor;
import kiln.api.data.FrontendSettings;
import kiln.augment.audio.LoudnessAugmenter;
import org.junit.jupiter.api.Test;

class AudioDataGeneratorsTest {
  static final FeatureExtractor FAKE = new FeatureExtractor() {
    public String description() {
      return "fake";
    }

    public int[] extract(short[] pcm, FrontendSettings settings) {
      return new int[frameCount(pcm.length, settings) * settings.filterbankNChannels()];
    }

    public int frameCount(int sampleCount, FrontendSettings settings) {
      return (sampleCount - settings.windowSamples()) / settings.stepSamples() + 1;
    }
  };

  @Test
  void tracksAugmentersAsTheyComeAndGo() {
    AudioDataGenerators g = new AudioDataGenerators();
    LoudnessAugmenter loud = new LoudnessAugmenter();
    g.addAugmenter(loud, Map.of("kiln.name", "loudness_range"));
    assertThat(g.augmenters()).containsOnlyKeys("loudness_range");
    g.removeAugmenter(loud, Map.of("kiln.name", "loudness_range"));
    assertThat(g.augmenters()).isEmpty();
  }

  @Test
  void needsTheAudioFrontend() {
    AudioDataGenerators g = new AudioDataGenerators();
    assertThatThrownBy(() -> g.builder(FrontendSettings.defaults()))
        .isInstanceOf(KilnException.class).hasMessageContaining("no FeatureExtractor named audio-frontend");
    g.addExtractor(FAKE, Map.of("kiln.name", "audio-frontend"));
    assertThat(g.builder(FrontendSettings.defaults())).isNotNull();
    // MLTK defaults: 1 s at 16 kHz, window 25 ms, step 10 ms -> 98 frames of 32 channels
    assertThat(Spectrogram.of(FAKE, FrontendSettings.defaults()).frames()).isEqualTo(98);
  }
}
