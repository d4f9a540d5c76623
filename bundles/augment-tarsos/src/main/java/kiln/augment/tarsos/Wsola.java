package kiln.augment.tarsos;

import be.tarsos.dsp.WaveformSimilarityBasedOverlapAdd.Parameters;
import java.util.Arrays;

/**
 * WSOLA (waveform-similarity overlap-add) time stretch, step for step as TarsosDSP's
 * {@code WaveformSimilarityBasedOverlapAdd} with its speech settings, on Kiln's own buffers. Each
 * block: find the offset (within the seek window) whose start best correlates with the tail kept
 * from the previous block, cross-fade that tail into the block there, emit the sequence after it
 * and keep its end as the next tail.
 *
 * <p>The arithmetic is TarsosDSP's, operation for operation (float products summed in double, the
 * same normalization and mid-range weighting, the same float cross-fade), so the output is bit for
 * bit the same ({@code TarsosGoldenTest}). What differs is the search: the reference's energy is
 * summed once per block instead of once per candidate offset (the same sum every time), and many
 * candidate offsets are correlated in one pass over the reference, each in its own accumulator: in
 * the lanes of Vector API vectors when the module is present ({@link VecCorrelation}), else eight
 * scalar ones.
 */
final class Wsola {
  /** Candidate offsets correlated per pass over the reference by the scalar search. */
  private static final int LANES = 8;
  private final int overlapLength;
  private final int seekWindowLength;
  private final int seekLength;
  private final int skip;
  private final int inputSize;
  /** The previous block's tail, to be cross-faded into the next one. */
  private final float[] mid;
  private final float[] ref;
  private final float[] output;
  private final double[] corr;

  /** TarsosDSP's speech settings (sequence 40 ms, seek window 15 ms, overlap 12 ms) for {@code tempo}. */
  Wsola(double tempo, double sampleRateHz) {
    Parameters p = Parameters.speechDefaults(tempo, sampleRateHz);
    overlapLength = (int) ((p.getSampleRate() * p.getOverlapMs()) / 1000);
    seekWindowLength = (int) ((p.getSampleRate() * p.getSequenceMs()) / 1000);
    seekLength = (int) ((p.getSampleRate() * p.getSeekWindowMs()) / 1000);
    double nominalSkip = p.getTempo() * (seekWindowLength - overlapLength);
    skip = (int) (nominalSkip + 0.5);
    inputSize = Math.max(skip + overlapLength, seekWindowLength) + seekLength;
    mid = new float[overlapLength];
    ref = new float[overlapLength];
    output = new float[seekWindowLength - overlapLength];
    corr = new double[seekLength];
  }

  /** Samples per input block. */
  int inputSize() {
    return inputSize;
  }

  /** Samples each block shares with the previous one. */
  int overlap() {
    return inputSize - skip;
  }

  /** Back to the state of a new processor: a silent tail. */
  void reset() {
    Arrays.fill(mid, 0f);
  }

  /** One block of {@link #inputSize()} samples in; the output block (reused by the next call). */
  float[] process(float[] in) {
    int offset = bestOffset(in);
    for (int i = 0; i < overlapLength; i++) {
      int itemp = overlapLength - i;
      output[i] = (in[i + offset] * i + mid[i] * itemp) / overlapLength;
    }
    int sequenceLength = seekWindowLength - 2 * overlapLength;
    System.arraycopy(in, offset + overlapLength, output, overlapLength, sequenceLength);
    System.arraycopy(in, offset + sequenceLength + overlapLength, mid, 0, overlapLength);
    return output;
  }

  private int bestOffset(float[] in) {
    int n = overlapLength;
    for (int i = 0; i < n; i++) {
      float temp = i * (n - i);
      ref[i] = mid[i] * temp; // the tail sloped to zero at both ends
    }
    double norm = 0;
    for (int i = 1; i < n; i++) {
      norm += ref[i] * ref[i];
    }
    if (norm < 1e-8) {
      norm = 1.0; // avoids dividing by zero
    }
    double scale = Math.pow(norm, 0.5);
    correlate(ref, n, in, seekLength, corr, VectorSupport.enabled());
    double best = -10;
    int bestOffset = 0;
    // in increasing offset order, strictly better only: ties keep the earlier offset
    for (int o = 0; o < seekLength; o++) {
      double v = weighted(corr[o] / scale, o);
      if (v > best) {
        best = v;
        bestOffset = o;
      }
    }
    return bestOffset;
  }

  /**
   * {@code corr[o]}, for every offset o in [0, seek): the sum over i in [1, n) of the float products
   * {@code ref[i] * in[i + o]}, in double, in increasing i (TarsosDSP's arithmetic). The vector path
   * gives the same bits as the scalar one.
   */
  static void correlate(float[] ref, int n, float[] in, int seek, double[] corr, boolean vector) {
    int o = vector ? VecCorrelation.correlate(ref, n, in, seek, corr) : 0;
    for (; o + LANES - 1 < seek; o += LANES) {
      double c0 = 0;
      double c1 = 0;
      double c2 = 0;
      double c3 = 0;
      double c4 = 0;
      double c5 = 0;
      double c6 = 0;
      double c7 = 0;
      for (int i = 1; i < n; i++) {
        float r = ref[i];
        int j = i + o;
        c0 += r * in[j];
        c1 += r * in[j + 1];
        c2 += r * in[j + 2];
        c3 += r * in[j + 3];
        c4 += r * in[j + 4];
        c5 += r * in[j + 5];
        c6 += r * in[j + 6];
        c7 += r * in[j + 7];
      }
      corr[o] = c0;
      corr[o + 1] = c1;
      corr[o + 2] = c2;
      corr[o + 3] = c3;
      corr[o + 4] = c4;
      corr[o + 5] = c5;
      corr[o + 6] = c6;
      corr[o + 7] = c7;
    }
    for (; o < seek; o++) {
      double c = 0;
      for (int i = 1; i < n; i++) {
        c += ref[i] * in[i + o];
      }
      corr[o] = c;
    }
  }

  /** TarsosDSP's heuristic that slightly favours offsets near the middle of the seek window. */
  private double weighted(double correlation, int offset) {
    double tmp = (double) (2 * offset - seekLength) / seekLength;
    return (correlation + 0.1) * (1.0 - 0.25 * tmp * tmp);
  }
}
