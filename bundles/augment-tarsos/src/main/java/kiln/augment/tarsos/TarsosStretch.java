package kiln.augment.tarsos;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.WaveformSimilarityBasedOverlapAdd;
import be.tarsos.dsp.WaveformSimilarityBasedOverlapAdd.Parameters;
import be.tarsos.dsp.io.jvm.AudioDispatcherFactory;
import be.tarsos.dsp.resample.RateTransposer;
import java.io.PrintStream;
import java.util.Arrays;
import javax.sound.sampled.UnsupportedAudioFileException;
import kiln.api.KilnException;

/** Offline time stretch and pitch shift of a float clip with TarsosDSP's WSOLA and resampler. */
final class TarsosStretch {
  private TarsosStretch() {}

  /** Plays the clip {@code tempo} times faster (length / tempo), keeping its pitch. */
  static float[] timeStretch(float[] x, int sampleRateHz, double tempo) {
    return run(x, sampleRateHz, tempo, 1.0);
  }

  /** Shifts the pitch by {@code semitones}, keeping the length. */
  static float[] pitchShift(float[] x, int sampleRateHz, double semitones) {
    // stretch by the frequency ratio, then resample back to the original length
    double ratio = Math.pow(2, semitones / 12.0);
    float[] y = run(x, sampleRateHz, 1 / ratio, 1 / ratio);
    return y.length == x.length ? y : Arrays.copyOf(y, x.length);
  }

  private static float[] run(float[] x, int sampleRateHz, double tempo, double rate) {
    if (x.length == 0) {
      return x;
    }
    WaveformSimilarityBasedOverlapAdd wsola = quietWsola(Parameters.speechDefaults(tempo, sampleRateHz));
    // pad so WSOLA's last buffer is full and nothing of the clip is dropped
    int block = wsola.getInputBufferSize();
    float[] padded = Arrays.copyOf(x, x.length + 2 * block);
    AudioDispatcher dispatcher;
    try {
      dispatcher = AudioDispatcherFactory.fromFloatArray(padded, sampleRateHz, block, wsola.getOverlap());
    } catch (UnsupportedAudioFileException e) {
      throw new KilnException("TarsosDSP refused a " + sampleRateHz + " Hz float clip: " + e.getMessage(), e);
    }
    wsola.setDispatcher(dispatcher);
    dispatcher.addAudioProcessor(wsola);
    if (rate != 1.0) {
      dispatcher.addAudioProcessor(new RateTransposer(rate));
    }
    Collector out = new Collector();
    dispatcher.addAudioProcessor(out);
    dispatcher.run();
    int expected = (int) Math.round(x.length / tempo * rate);
    return Arrays.copyOf(out.samples, Math.min(expected, out.size));
  }

  /**
   * A new WSOLA processor. Its constructor prints "New overlapLength N" to System.out; that line is
   * dropped (everything else printed meanwhile passes through), so training output stays clean.
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

  /** Appends every buffer that reaches it. */
  private static final class Collector implements AudioProcessor {
    float[] samples = new float[1 << 14];
    int size;

    @Override
    public boolean process(AudioEvent event) {
      float[] b = event.getFloatBuffer();
      if (size + b.length > samples.length) {
        samples = Arrays.copyOf(samples, Math.max(samples.length * 2, size + b.length));
      }
      System.arraycopy(b, 0, samples, size, b.length);
      size += b.length;
      return true;
    }

    @Override
    public void processingFinished() {}
  }
}
