package kiln.pipeline;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import kiln.api.KilnException;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;
import kiln.audio.WavWriter;
import kiln.util.AtomicFiles;

/**
 * {@code --dump-audio FILE}: every sample the frontend heard (after the volume gain), written as a
 * 16-bit wav at the end. {@code --dump-spectrograms DIR}: the input of every inference as a
 * grey-scale PNG (time left to right, low frequencies at the bottom), named by its number and time.
 */
final class ClassifyAudioDumps implements AutoCloseable {
  private final Path audioFile;
  private final Path spectrogramDir;
  private final int rateHz;
  private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
  private int images;

  ClassifyAudioDumps(Path audioFile, Path spectrogramDir, int rateHz) {
    this.audioFile = audioFile;
    this.spectrogramDir = spectrogramDir;
    this.rateHz = rateHz;
    if (spectrogramDir != null) {
      try {
        Files.createDirectories(spectrogramDir);
      } catch (IOException e) {
        throw new KilnException("--dump-spectrograms " + spectrogramDir + ": cannot create the folder: "
            + e.getMessage(), e);
      }
    }
  }

  void audio(short[] pcm) {
    if (audioFile != null) {
      for (short s : pcm) {
        audio.write(s & 0xff);
        audio.write((s >> 8) & 0xff);
      }
    }
  }

  /** The model input of one inference, frames x channels. */
  void spectrogram(TensorData input, int frames, int channels, long timeMs) {
    if (spectrogramDir == null) {
      return;
    }
    float[] v = input.toFloats();
    float lo = input.type() == ElementType.INT8 ? -128 : Float.MAX_VALUE;
    float hi = input.type() == ElementType.INT8 ? 127 : -Float.MAX_VALUE;
    if (input.type() != ElementType.INT8) {
      for (float x : v) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
    }
    float span = Math.max(hi - lo, 1e-6f);
    BufferedImage image = new BufferedImage(frames, channels, BufferedImage.TYPE_BYTE_GRAY);
    for (int f = 0; f < frames; f++) {
      for (int c = 0; c < channels; c++) {
        int grey = Math.round((v[f * channels + c] - lo) / span * 255);
        image.getRaster().setSample(f, channels - 1 - c, 0, Math.max(0, Math.min(255, grey)));
      }
    }
    images++;
    Path file = spectrogramDir.resolve(String.format(Locale.ROOT, "%05d-%06dms.png", images, timeMs));
    try {
      AtomicFiles.writeOrThrow(file, out -> ImageIO.write(image, "png", out));
    } catch (IOException e) {
      throw new KilnException("--dump-spectrograms: cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  int images() {
    return images;
  }

  /** Writes the audio file, when asked for. */
  @Override
  public void close() {
    if (audioFile == null) {
      return;
    }
    byte[] b = audio.toByteArray();
    short[] pcm = new short[b.length / 2];
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8));
    }
    try {
      AtomicFiles.writeOrThrow(audioFile, out -> out.write(WavWriter.encode(pcm, rateHz)));
    } catch (IOException e) {
      throw new KilnException("--dump-audio " + audioFile + ": cannot write it: " + e.getMessage(), e);
    }
  }
}
