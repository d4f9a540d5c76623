package kiln.pipeline;

import java.nio.file.Path;
import java.util.Arrays;
import kiln.api.data.FrontendSettings;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.audio.WavReader;
import kiln.audio.classify.ClassifyAudioFeatures;
import kiln.audio.frontend.MicroFrontend;

/**
 * Audio made into the input a model was trained on, by Kiln's bit-exact microfrontend. The only
 * classes of kiln:infer that use kiln.audio, an optional import: loaded when a wav comes.
 */
final class WavFeatures {
  private WavFeatures() {}

  /**
   * A wav at the model's rate, cut or zero-padded to MLTK's {@code sample_length_ms}, through a
   * fresh frontend, as the input's type.
   */
  static TensorData input(FrontendSettings settings, Path wav, TensorSpec spec, String name) {
    short[] pcm = Arrays.copyOf(WavReader.readPcm16(wav, settings.sampleRateHz()), settings.sampleLength());
    ModelFrontend.checkFeatureCount(settings, pcm.length, spec, name, "input file " + wav);
    return ClassifyAudioFeatures.toInput(new MicroFrontend(settings).extract(pcm), settings, spec);
  }
}
