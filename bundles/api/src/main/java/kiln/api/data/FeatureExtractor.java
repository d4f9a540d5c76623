package kiln.api.data;

import kiln.api.Described;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns audio into the spectrogram a model is trained on and the device computes. Registered with
 * {@code kiln.name} (e.g. {@code audio-frontend}).
 */
@ConsumerType
public interface FeatureExtractor extends Described {
  /**
   * Streams 16-bit PCM samples through a fresh frontend and returns the raw (uint16) features,
   * frames x channels, row-major.
   *
   * @param pcm mono samples at the settings' sample rate
   * @param settings the frontend settings ({@code fe.*} model parameters)
   */
  int[] extract(short[] pcm, FrontendSettings settings);

  /** The number of frames {@link #extract} produces for {@code sampleCount} samples. */
  int frameCount(int sampleCount, FrontendSettings settings);
}
