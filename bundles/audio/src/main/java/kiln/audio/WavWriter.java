package kiln.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import kiln.api.KilnException;

/** Writes mono 16-bit PCM wav files, through a temporary file moved into place. */
public final class WavWriter {
  private WavWriter() {}

  /** Writes float samples in [-1, 1] (rounded and clipped to 16 bits). */
  public static void write(Path file, float[] samples, int sampleRateHz) {
    write(file, Pcm.toPcm16(samples), sampleRateHz);
  }

  /** Writes a clip as 16-bit PCM. */
  public static void write(Path file, AudioClip clip) {
    write(file, clip.samples(), clip.sampleRateHz());
  }

  /** Writes 16-bit PCM samples. */
  public static void write(Path file, short[] pcm, int sampleRateHz) {
    byte[] bytes = encode(pcm, sampleRateHz);
    Path target = file.toAbsolutePath();
    Path tmp = null;
    try {
      if (target.getParent() != null) {
        Files.createDirectories(target.getParent());
      }
      tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        if (tmp != null) {
          Files.deleteIfExists(tmp);
        }
      } catch (IOException ignored) {
        // the original failure is the one to report
      }
      throw new KilnException("wav file " + file + " cannot be written: " + e.getMessage(), e);
    }
  }

  /** The bytes of a mono 16-bit PCM wav file. */
  public static byte[] encode(short[] pcm, int sampleRateHz) {
    if (sampleRateHz <= 0) {
      throw new KilnException("wav sample rate must be positive, got " + sampleRateHz);
    }
    int dataBytes = pcm.length * 2;
    ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(WavReader.fourCc("RIFF")).putInt(36 + dataBytes).putInt(WavReader.fourCc("WAVE"));
    b.putInt(WavReader.fourCc("fmt ")).putInt(16);
    b.putShort((short) 1).putShort((short) 1).putInt(sampleRateHz).putInt(sampleRateHz * 2);
    b.putShort((short) 2).putShort((short) 16);
    b.putInt(WavReader.fourCc("data")).putInt(dataBytes);
    for (short s : pcm) {
      b.putShort(s);
    }
    return b.array();
  }
}
