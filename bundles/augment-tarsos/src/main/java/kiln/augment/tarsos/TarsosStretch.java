package kiln.augment.tarsos;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Offline time stretch and pitch shift of a float clip: WSOLA ({@link Wsola}) and the resampler
 * ({@link SincResampler}), TarsosDSP's algorithms and arithmetic on Kiln's own buffers.
 *
 * <p>The output is what TarsosDSP's own pipeline gave (a dispatcher made by
 * {@code AudioDispatcherFactory.fromFloatArray} feeding {@code WaveformSimilarityBasedOverlapAdd},
 * then a {@code RateTransposer}, then a collector), without its per-clip garbage and locking: each
 * worker thread keeps its WSOLA processors (one per tempo) and buffers, and steps through the clip
 * as the dispatcher does (blocks of WSOLA's input size overlapping by its overlap, the last block
 * zero-padded, the clip quantized to 16-bit PCM as the dispatcher's byte stream does, with
 * TarsosDSP's converter's arithmetic but no bytes: {@link #quantize16}), and restarts its resampler
 * instead of making one. {@code TarsosGoldenTest} checks the outputs against hashes recorded from
 * the dispatcher-based code.
 */
final class TarsosStretch {
  /** More tempos than this in one thread (odd settings) start the cache afresh. */
  private static final int MAX_PROCESSORS = 64;
  private static final ThreadLocal<Worker> WORKERS = ThreadLocal.withInitial(Worker::new);

  private TarsosStretch() {}

  /** Plays the clip {@code tempo} times faster (length / tempo), keeping its pitch. */
  static float[] timeStretch(float[] x, int sampleRateHz, double tempo) {
    return WORKERS.get().run(x, sampleRateHz, tempo, 1.0);
  }

  /** Shifts the pitch by {@code semitones}, keeping the length. */
  static float[] pitchShift(float[] x, int sampleRateHz, double semitones) {
    // stretch by the frequency ratio, then resample back to the original length
    double ratio = Math.pow(2, semitones / 12.0);
    float[] y = WORKERS.get().run(x, sampleRateHz, 1 / ratio, 1 / ratio);
    return y.length == x.length ? y : Arrays.copyOf(y, x.length);
  }

  /**
   * The dispatcher's 16-bit round trip of {@code x[0..n)}, in place: TarsosDSP's 16-bit signed
   * little-endian converter to bytes ({@code (int) (v * 32767.0)}, its low 16 bits) and back
   * ({@code (short) s * 3.051851E-5f}), the same arithmetic without the byte array. {@code pcm}
   * holds at least n samples: on HotSpot 17 here, these two plain loops took ~1 ns a sample and one
   * loop doing both ~5 ns (measured, 16,000-sample clips).
   */
  static void quantize16(float[] x, int n, short[] pcm) {
    for (int i = 0; i < n; i++) {
      pcm[i] = (short) (int) (x[i] * 32767.0);
    }
    for (int i = 0; i < n; i++) {
      x[i] = pcm[i] * 3.051851E-5f;
    }
  }

  /** One thread's processors and buffers. */
  private static final class Worker {
    private final Map<Double, Wsola> wsolas = new HashMap<>();
    private int sampleRateHz = -1;
    private final SincResampler resampler = new SincResampler();
    private float[] clip = new float[0];
    private short[] pcm = new short[0];
    private float[] block = new float[0];
    private float[] resampled = new float[0];
    private float[] out = new float[1 << 14];
    private int size;

    float[] run(float[] x, int rate, double tempo, double resampleFactor) {
      if (x.length == 0) {
        return x;
      }
      if (rate != sampleRateHz) {
        wsolas.clear();
        sampleRateHz = rate;
      }
      Wsola wsola = wsola(tempo, rate);
      int blockSize = wsola.inputSize();
      int overlap = wsola.overlap();
      int step = blockSize - overlap;
      // pad so WSOLA's last buffer is full and nothing of the clip is dropped
      int length = x.length + 2 * blockSize;
      if (clip.length < length) {
        clip = new float[length];
        pcm = new short[length];
      }
      System.arraycopy(x, 0, clip, 0, x.length);
      Arrays.fill(clip, x.length, length, 0f);
      quantize16(clip, x.length, pcm); // the zeros stay zeros
      if (block.length != blockSize) {
        block = new float[blockSize];
      }
      wsola.reset();
      boolean resample = resampleFactor != 1.0;
      if (resample) {
        resampler.reset();
      }
      size = 0;

      System.arraycopy(clip, 0, block, 0, blockSize);
      int position = blockSize;
      process(wsola, resample, resampleFactor);
      while (position < length) {
        int n = Math.min(step, length - position);
        System.arraycopy(block, step, block, 0, overlap);
        System.arraycopy(clip, position, block, overlap, n);
        Arrays.fill(block, overlap + n, blockSize, 0f); // the dispatcher zero-pads the last block
        position += n;
        process(wsola, resample, resampleFactor);
      }
      int expected = (int) Math.round(x.length / tempo * resampleFactor);
      return Arrays.copyOf(out, Math.min(expected, size));
    }

    /** One block through WSOLA and, when pitch shifting, the resampler (as RateTransposer does). */
    private void process(Wsola wsola, boolean resample, double factor) {
      float[] b = wsola.process(block);
      int n = b.length;
      if (resample) {
        n = (int) (b.length * factor);
        if (resampled.length < n) {
          resampled = new float[n];
        }
        // RateTransposer hands on all (int) (length * factor) samples, zeros where none were made
        Arrays.fill(resampled, 0, n, 0f);
        resampler.process(factor, b, b.length, resampled, n);
        b = resampled;
      }
      if (size + n > out.length) {
        out = Arrays.copyOf(out, Math.max(out.length * 2, size + n));
      }
      System.arraycopy(b, 0, out, size, n);
      size += n;
    }

    private Wsola wsola(double tempo, int rate) {
      Wsola w = wsolas.get(tempo);
      if (w == null) {
        if (wsolas.size() >= MAX_PROCESSORS) {
          wsolas.clear();
        }
        w = new Wsola(tempo, rate);
        wsolas.put(tempo, w);
      }
      return w;
    }
  }
}
