package kiln.augment.tarsos;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.WaveformSimilarityBasedOverlapAdd;
import be.tarsos.dsp.WaveformSimilarityBasedOverlapAdd.Parameters;
import be.tarsos.dsp.io.TarsosDSPAudioFloatConverter;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import be.tarsos.dsp.resample.Resampler;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Offline time stretch and pitch shift of a float clip with TarsosDSP's WSOLA and resampler.
 *
 * <p>The output is what TarsosDSP's own pipeline gives (a dispatcher made by
 * {@code AudioDispatcherFactory.fromFloatArray} feeding WSOLA, then a {@code RateTransposer},
 * then a collector), without its per-clip garbage: each worker thread keeps its WSOLA processors
 * (one per tempo) and buffers, and steps through the clip itself as the dispatcher does (blocks of
 * WSOLA's input size overlapping by its overlap, the last block zero-padded, the clip quantized to
 * 16-bit PCM as the dispatcher's byte stream does). A reused WSOLA is put back in its fresh state
 * by one block of silence (its only state is the tail of the last block, which that overwrites with
 * zeros), and a fresh resampler is copied from a pristine one instead of designing its 20,480-tap
 * filter again (5 ms a clip). {@code TarsosGoldenTest} checks the outputs against the hashes of the
 * previous, dispatcher-based code.
 */
final class TarsosStretch {
  /** RateTransposer's resampler settings (low quality, factors 0.1 to 4); never run, only copied. */
  private static final Resampler PRISTINE = new Resampler(false, 0.1, 4.0);
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

  /** One thread's processors and buffers. */
  private static final class Worker {
    private final Map<Double, WaveformSimilarityBasedOverlapAdd> wsolas = new HashMap<>();
    private int sampleRateHz = -1;
    private TarsosDSPAudioFloatConverter converter;
    private AudioEvent event;
    private float[] clip = new float[0];
    private byte[] bytes = new byte[0];
    private float[] block = new float[0];
    private float[] silence = new float[0];
    private float[] resampled = new float[0];
    private float[] out = new float[1 << 14];
    private int size;

    float[] run(float[] x, int rate, double tempo, double resampleFactor) {
      if (x.length == 0) {
        return x;
      }
      if (rate != sampleRateHz) {
        // the dispatcher's format: 16-bit signed little-endian mono PCM
        TarsosDSPAudioFormat format = new TarsosDSPAudioFormat(rate, 16, 1, true, false);
        converter = TarsosDSPAudioFloatConverter.getConverter(format);
        event = new AudioEvent(format);
        wsolas.clear();
        sampleRateHz = rate;
      }
      WaveformSimilarityBasedOverlapAdd wsola = wsola(tempo, rate);
      int blockSize = wsola.getInputBufferSize();
      int overlap = wsola.getOverlap();
      int step = blockSize - overlap;
      // pad so WSOLA's last buffer is full and nothing of the clip is dropped
      int length = x.length + 2 * blockSize;
      if (clip.length < length) {
        clip = new float[length];
        bytes = new byte[2 * length];
      }
      System.arraycopy(x, 0, clip, 0, x.length);
      Arrays.fill(clip, x.length, length, 0f);
      converter.toByteArray(clip, 0, length, bytes, 0);
      converter.toFloatArray(bytes, 0, clip, 0, length);
      if (block.length != blockSize) {
        block = new float[blockSize];
        silence = new float[blockSize];
      }
      event.setFloatBuffer(silence);
      event.setOverlap(0);
      wsola.process(event); // back to a fresh WSOLA's state
      Resampler resampler = resampleFactor == 1.0 ? null : new Resampler(PRISTINE);
      size = 0;

      System.arraycopy(clip, 0, block, 0, blockSize);
      int position = blockSize;
      process(wsola, resampler, resampleFactor, 0);
      while (position < length) {
        int n = Math.min(step, length - position);
        System.arraycopy(block, step, block, 0, overlap);
        System.arraycopy(clip, position, block, overlap, n);
        Arrays.fill(block, overlap + n, blockSize, 0f); // the dispatcher zero-pads the last block
        position += n;
        process(wsola, resampler, resampleFactor, overlap);
      }
      int expected = (int) Math.round(x.length / tempo * resampleFactor);
      return Arrays.copyOf(out, Math.min(expected, size));
    }

    /** One block through WSOLA and, when pitch shifting, the resampler (as RateTransposer does). */
    private void process(WaveformSimilarityBasedOverlapAdd wsola, Resampler resampler, double factor, int overlap) {
      event.setFloatBuffer(block);
      event.setOverlap(overlap);
      wsola.process(event);
      float[] b = event.getFloatBuffer();
      int n = b.length;
      if (resampler != null) {
        n = (int) (b.length * factor);
        if (resampled.length < n) {
          resampled = new float[n];
        }
        // RateTransposer hands on all (int) (length * factor) samples, zeros where none were made
        Arrays.fill(resampled, 0, n, 0f);
        resampler.process(factor, b, 0, b.length, false, resampled, 0, n);
        b = resampled;
      }
      if (size + n > out.length) {
        out = Arrays.copyOf(out, Math.max(out.length * 2, size + n));
      }
      System.arraycopy(b, 0, out, size, n);
      size += n;
    }

    private WaveformSimilarityBasedOverlapAdd wsola(double tempo, int rate) {
      WaveformSimilarityBasedOverlapAdd w = wsolas.get(tempo);
      if (w == null) {
        if (wsolas.size() >= MAX_PROCESSORS) {
          wsolas.clear();
        }
        w = quietWsola(Parameters.speechDefaults(tempo, rate));
        wsolas.put(tempo, w);
      }
      return w;
    }
  }

  /**
   * A new WSOLA processor. Its constructor prints "New overlapLength N" to System.out; that line is
   * dropped (everything else printed meanwhile passes through), so training output stays clean.
   * Each thread makes one per tempo, so the lock is taken a few times per run, not per clip.
   */
  private static WaveformSimilarityBasedOverlapAdd quietWsola(Parameters parameters) {
    synchronized (TarsosStretch.class) {
      PrintStream original = System.out;
      System.setOut(new DropLines(original, "New overlapLength"));
      try {
        return new WaveformSimilarityBasedOverlapAdd(parameters);
      } finally {
        System.setOut(original);
      }
    }
  }

  /** Forwards println lines except those starting with a prefix. */
  private static final class DropLines extends PrintStream {
    private final PrintStream target;
    private final String prefix;

    DropLines(PrintStream target, String prefix) {
      super(target, true);
      this.target = target;
      this.prefix = prefix;
    }

    @Override
    public void println(String line) {
      if (line == null || !line.startsWith(prefix)) {
        target.println(line);
      }
    }
  }
}
