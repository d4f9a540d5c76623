package kiln.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import kiln.api.KilnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wav headers written byte by byte with values a broken or hostile file carries: each is refused
 * with a KilnException naming the file and the field, before any sample is allocated.
 */
class WavHeaderBoundsTest {
  @TempDir Path tmp;

  /** RIFF, a 16-byte 'fmt ' chunk with the given fields, then a 'data' chunk of {@code data}. */
  static byte[] wav(int channels, int rate, int bits, int blockAlign, int dataSize, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(WavReader.fourCc("RIFF")).putInt(36 + data.length).putInt(WavReader.fourCc("WAVE"));
    b.putInt(WavReader.fourCc("fmt ")).putInt(16).putShort((short) 1).putShort((short) channels)
        .putInt(rate).putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits);
    b.putInt(WavReader.fourCc("data")).putInt(dataSize).put(data);
    return b.array();
  }

  static byte[] mono16(int rate, int samples) {
    return wav(1, rate, 16, 2, samples * 2, new byte[samples * 2]);
  }

  @Test
  void oneHertzIsRefusedBeforeTheResamplerRuns() throws Exception {
    // 140,000 samples at 1 Hz became 2.24e9 samples at 16 kHz: an overflow and minutes of work
    Path f = tmp.resolve("one_hertz.wav");
    Files.write(f, mono16(1, 140_000));
    assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
        assertThatThrownBy(() -> WavReader.read(f, 16000)).isInstanceOf(KilnException.class)
            .hasMessage("wav file " + f + ": 'fmt ' field sample_rate is 1 Hz, expected 100 to "
                + "384000 Hz"));
  }

  @Test
  void ratesOutsideTheRangeAreRefused() {
    assertThatThrownBy(() -> WavReader.decode(mono16(99, 4), "low.wav"))
        .isInstanceOf(KilnException.class).hasMessageContaining("low.wav")
        .hasMessageContaining("sample_rate is 99 Hz");
    assertThatThrownBy(() -> WavReader.decode(mono16(384_001, 4), "high.wav"))
        .isInstanceOf(KilnException.class).hasMessageContaining("high.wav")
        .hasMessageContaining("sample_rate is 384001 Hz");
    // the field is unsigned in the file
    assertThatThrownBy(() -> WavReader.decode(mono16(-16000, 4), "negative.wav"))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("sample_rate is 4294951296 Hz, expected 100 to 384000 Hz");
    assertThat(WavReader.decode(mono16(1000, 4), "ok.wav").sampleRateHz()).isEqualTo(1000);
    assertThat(WavReader.decode(mono16(384_000, 4), "ok.wav").sampleRateHz()).isEqualTo(384_000);
  }

  @Test
  void channelCountsOutsideTheRangeAreRefused() {
    assertThatThrownBy(() -> WavReader.decode(wav(0, 16000, 16, 2, 4, new byte[4]), "none.wav"))
        .isInstanceOf(KilnException.class)
        .hasMessage("wav file none.wav: 'fmt ' field channels is 0, expected 1 to 32");
    assertThatThrownBy(() -> WavReader.decode(wav(65535, 16000, 16, 2, 4, new byte[4]), "many.wav"))
        .isInstanceOf(KilnException.class)
        .hasMessage("wav file many.wav: 'fmt ' field channels is 65535, expected 1 to 32");
  }

  @Test
  void bitsAndBlockAlignAreNamed() {
    assertThatThrownBy(() -> WavReader.decode(wav(1, 16000, 12, 2, 4, new byte[4]), "twelve.wav"))
        .isInstanceOf(KilnException.class).hasMessageContaining("twelve.wav")
        .hasMessageContaining("12 bits per sample").hasMessageContaining("bits_per_sample");
    assertThatThrownBy(() -> WavReader.decode(wav(2, 16000, 16, 2, 4, new byte[4]), "align.wav"))
        .isInstanceOf(KilnException.class)
        .hasMessage("wav file align.wav: 'fmt ' field block_align is 2, expected 4 for 2 channels "
            + "of 16 bits");
  }

  @Test
  void chunkSizesBeyondTheFileAreRefused() {
    // an unknown chunk of 0xFFFFFFF0 bytes before the data once wrapped the read position around
    byte[] plain = mono16(16000, 2);
    ByteBuffer b = ByteBuffer.allocate(plain.length + 12).order(ByteOrder.LITTLE_ENDIAN);
    b.put(plain, 0, 12).putInt(WavReader.fourCc("LIST")).putInt(0xFFFFFFF0).putInt(0);
    b.put(plain, 12, plain.length - 12);
    assertThatThrownBy(() -> WavReader.decode(b.array(), "list.wav"))
        .isInstanceOf(KilnException.class)
        .hasMessage("wav file list.wav: chunk 'LIST' at byte 12 declares 4294967280 bytes, but "
            + "only 40 follow in the file");

    byte[] data = wav(1, 16000, 16, 2, 0xFFFFFFF0, new byte[4]);
    assertThatThrownBy(() -> WavReader.decode(data, "data.wav"))
        .isInstanceOf(KilnException.class)
        .hasMessage("wav file data.wav is truncated: its 'data' chunk declares 4294967280 bytes "
            + "but only 4 follow");

    byte[] fmt = mono16(16000, 2);
    ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 0xFFFFFFF0);
    assertThatThrownBy(() -> WavReader.decode(fmt, "fmt.wav"))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("wav file fmt.wav: chunk 'fmt ' at byte 12 declares 4294967280");
  }

  @Test
  void resampledLengthIsBoundedBeforeAllocating() throws Exception {
    // 700,000 samples at 1 kHz would be 268.8 million samples at 384 kHz: over the limit
    Path f = tmp.resolve("long.wav");
    Files.write(f, mono16(1000, 700_000));
    assertThatThrownBy(() -> WavReader.read(f, 384_000)).isInstanceOf(KilnException.class)
        .hasMessage("wav file " + f + ": 700000 samples at 1000 Hz resample to 268800000 at "
            + "384000 Hz, expected at most " + Resampler.MAX_OUTPUT_SAMPLES);
  }

  @Test
  void awkwardRatesResampleQuicklyAndAccurately() {
    // 383,993 Hz shares no factor with 16 kHz: 16,000 phases, once computed per output sample
    int from = 383_993;
    float[] tone = ResamplerTest.sine(1000, from, from, 0.5);
    float[] out = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> Resampler.resample(tone, from, 16000));
    assertThat(out).hasSize(16000);
    assertThat(ResamplerTest.error(out, 1000, 16000, 0.5)).isLessThan(2e-3);
    float[] up = Resampler.resample(ResamplerTest.sine(300, 1009, 1009, 0.5), 1009, 16000);
    assertThat(ResamplerTest.error(up, 300, 16000, 0.5)).isLessThan(2e-3);
  }

  @Test
  void rateRatiosAreBounded() {
    assertThatThrownBy(() -> Resampler.resample(new float[10], 1_000_000, 16))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024 times at most");
  }

  @Test
  void corruptedHeadersGiveOnlyKilnExceptions() {
    byte[] original = wav(2, 44100, 16, 4, 400, new byte[400]);
    Random r = new Random(44);
    for (int i = 0; i < 5000; i++) {
      byte[] b = original.clone();
      ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
      int[] extremes = {0, 1, -1, 0xFFFFFFF0, Integer.MAX_VALUE, Integer.MIN_VALUE, 7, 1000};
      for (int k = 1 + r.nextInt(3); k > 0; k--) {
        if (r.nextBoolean()) {
          bb.putInt(r.nextInt(11) * 4, extremes[r.nextInt(extremes.length)]);
        } else {
          b[r.nextInt(44)] = (byte) r.nextInt(256);
        }
      }
      try {
        WavReader.resample(WavReader.decode(b, "mutant.wav"), 16000, "mutant.wav");
      } catch (KilnException e) {
        assertThat(e.getMessage()).contains("mutant.wav");
      }
    }
  }
}
