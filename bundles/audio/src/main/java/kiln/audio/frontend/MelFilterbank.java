package kiln.audio.frontend;

/**
 * The microfrontend's triangular mel filterbank (filterbank_util.c), computed with the same float
 * operations: {@code num_channels + 1} contiguous bands of FFT bins starting at
 * {@code 1.5 + lower / hz_per_bin}; each bin carries a Q12 weight for its own band and an unweight
 * for the previous one. The C code pads bands to aligned blocks of zero weights; the padding adds
 * nothing, so only the real bins are kept here.
 */
final class MelFilterbank {
  static final int FILTERBANK_BITS = 12;

  final int channels;
  final int startIndex; // first bin used
  final int endIndex; // one past the last bin used
  final int[] bandStart; // per band (channels + 1): first bin
  final int[] bandWidth; // per band: number of bins
  final long[] weights; // per bin, indexed from startIndex
  final long[] unweights;
  /** Whether every unweight is 4096 minus its weight (float rounding could make one differ). */
  final boolean complementaryWeights;

  MelFilterbank(int channels, float lowerBandLimit, float upperBandLimit, int sampleRate, int spectrumSize) {
    this.channels = channels;
    int bands = channels + 1;
    float[] centerMel = new float[bands];
    float melLow = freqToMel(lowerBandLimit);
    float melHigh = freqToMel(upperBandLimit);
    float melSpacing = (melHigh - melLow) / (float) bands;
    for (int i = 0; i < bands; i++) {
      centerMel[i] = melLow + (melSpacing * (i + 1));
    }
    float hzPerBin = 0.5f * sampleRate / ((float) spectrumSize - 1);
    startIndex = (int) (1.5f + lowerBandLimit / hzPerBin);
    bandStart = new int[bands];
    bandWidth = new int[bands];
    int freqStart = startIndex;
    for (int chan = 0; chan < bands; chan++) {
      int freqIndex = freqStart;
      while (freqToMel(freqIndex * hzPerBin) <= centerMel[chan]) {
        ++freqIndex;
        if (freqIndex > spectrumSize) {
          break; // the C code would read past the spectrum; reported below
        }
      }
      bandStart[chan] = freqStart;
      bandWidth[chan] = freqIndex - freqStart;
      freqStart = freqIndex;
    }
    int end = 0;
    weights = new long[Math.max(0, freqStart - startIndex)];
    unweights = new long[weights.length];
    for (int chan = 0; chan < bands; chan++) {
      float denom = chan == 0 ? melLow : centerMel[chan - 1];
      int frequency = bandStart[chan];
      for (int j = 0; j < bandWidth[chan]; j++, frequency++) {
        float weight = (centerMel[chan] - freqToMel(frequency * hzPerBin)) / (centerMel[chan] - denom);
        weights[frequency - startIndex] = (short) Math.floor(weight * (1 << FILTERBANK_BITS) + 0.5f);
        unweights[frequency - startIndex] = (short) Math.floor((1.0f - weight) * (1 << FILTERBANK_BITS) + 0.5f);
      }
      end = Math.max(end, frequency);
    }
    endIndex = end;
    boolean complementary = true;
    for (int i = 0; i < weights.length; i++) {
      complementary &= weights[i] + unweights[i] == 1 << FILTERBANK_BITS;
    }
    complementaryWeights = complementary;
    if (endIndex >= spectrumSize) {
      throw new IllegalArgumentException("filterbank end index " + endIndex + " is above the spectrum size "
          + spectrumSize);
    }
  }

  /** 1127 * log1p(f / 700), in float as the C code computes it. */
  static float freqToMel(float freq) {
    return 1127.0f * (float) Math.log1p(freq / 700.0f);
  }
}
