package kiln.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import kiln.api.KilnException;
import kiln.audio.WavReader;

/** Where {@code kiln:classify_audio} gets its audio: 16-bit mono samples at the model's rate. */
interface ClassifyAudioSource extends AutoCloseable {
  /**
   * Reads up to {@code length} samples, waiting as the source delivers them.
   *
   * @return the samples read, or -1 at the end of the audio
   */
  int read(short[] buffer, int offset, int length);

  /** What is being listened to, for the first line printed. */
  String description();

  @Override
  void close();

  /**
   * A wav file resampled to {@code rateHz}, delivered as it would be recorded (one second per
   * second) or, with {@code fast}, as fast as it is asked for.
   */
  static ClassifyAudioSource file(Path wav, int rateHz, boolean fast) {
    if (!Files.isRegularFile(wav)) {
      throw new KilnException("--file " + wav + ": no such file (expected a .wav recording)");
    }
    short[] pcm = WavReader.readPcm16(wav, rateHz);
    return new WavFile(wav, pcm, rateHz, fast);
  }

  /** A recording played at real time or as fast as asked. */
  final class WavFile implements ClassifyAudioSource {
    private final Path wav;
    private final short[] pcm;
    private final int rateHz;
    private final boolean fast;
    private int position;
    private long startNanos = -1;

    WavFile(Path wav, short[] pcm, int rateHz, boolean fast) {
      this.wav = wav;
      this.pcm = pcm;
      this.rateHz = rateHz;
      this.fast = fast;
    }

    @Override
    public int read(short[] buffer, int offset, int length) {
      if (position >= pcm.length) {
        return -1;
      }
      int n = Math.min(length, pcm.length - position);
      System.arraycopy(pcm, position, buffer, offset, n);
      position += n;
      if (!fast) {
        waitUntilPlayed();
      }
      return n;
    }

    /** Sleeps until the samples handed out so far would have been recorded. */
    private void waitUntilPlayed() {
      long now = System.nanoTime();
      if (startNanos < 0) {
        startNanos = now;
      }
      long due = startNanos + position * 1_000_000_000L / rateHz;
      if (due > now) {
        try {
          Thread.sleep((due - now) / 1_000_000, (int) ((due - now) % 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override
    public String description() {
      return String.format(Locale.ROOT, "%s (%.2f s at %d Hz%s)", wav, pcm.length / (double) rateHz,
          rateHz, fast ? ", as fast as it runs" : ", at real time");
    }

    @Override
    public void close() {}
  }
}
