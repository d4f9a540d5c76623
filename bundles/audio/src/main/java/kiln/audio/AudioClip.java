package kiln.audio;

import java.util.Objects;

/**
 * Mono audio as floats in [-1, 1] with its sample rate.
 *
 * @param samples the samples (not copied)
 * @param sampleRateHz samples per second
 */
public record AudioClip(float[] samples, int sampleRateHz) {
  public AudioClip {
    Objects.requireNonNull(samples, "samples");
    if (sampleRateHz <= 0) {
      throw new IllegalArgumentException("sample rate must be positive, got " + sampleRateHz);
    }
  }

  /** This clip at another rate (itself when the rate already matches). */
  public AudioClip resampledTo(int rateHz) {
    return rateHz == sampleRateHz ? this : new AudioClip(Resampler.resample(samples, sampleRateHz, rateHz), rateHz);
  }

  /** The samples as 16-bit PCM (rounded, clipped). */
  public short[] toPcm16() {
    return Pcm.toPcm16(samples);
  }

  /** Length in seconds. */
  public double durationSeconds() {
    return samples.length / (double) sampleRateHz;
  }
}
