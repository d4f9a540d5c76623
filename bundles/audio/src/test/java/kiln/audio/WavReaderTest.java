package kiln.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import kiln.api.KilnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderTest {
  @TempDir Path tmp;

  /** A wav with the given format tag, channels, bits and raw data bytes. */
  static byte[] wav(int format, int channels, int rate, int bits, byte[] data) {
    int block = channels * bits / 8;
    ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(WavReader.fourCc("RIFF")).putInt(36 + data.length).putInt(WavReader.fourCc("WAVE"));
    b.putInt(WavReader.fourCc("fmt ")).putInt(16).putShort((short) format).putShort((short) channels)
        .putInt(rate).putInt(rate * block).putShort((short) block).putShort((short) bits);
    b.putInt(WavReader.fourCc("data")).putInt(data.length).put(data);
    return b.array();
  }

  static byte[] le(int bytesPer, long... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * bytesPer).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      for (int i = 0; i < bytesPer; i++) {
        b.put((byte) (v >> (8 * i)));
      }
    }
    return b.array();
  }

  @Test
  void reads16BitFixtureExactly() throws Exception {
    Path yes = Fixtures.tflm("yes_1000ms.wav");
    AudioClip clip = WavReader.read(yes);
    assertThat(clip.sampleRateHz()).isEqualTo(16000);
    assertThat(clip.samples()).hasSize(16000);
    byte[] raw = Files.readAllBytes(yes);
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    short[] pcm = WavReader.readPcm16(yes, 16000);
    short[] expected = new short[16000];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = b.getShort(raw.length - 32000 + 2 * i);
    }
    assertThat(pcm).isEqualTo(expected);
  }

  @Test
  void decodesEveryIntegerWidth() {
    assertThat(WavReader.decode(wav(1, 1, 8000, 8, new byte[] {(byte) 0, (byte) 128, (byte) 192}), "u8").samples())
        .containsExactly(-1f, 0f, 0.5f);
    assertThat(WavReader.decode(wav(1, 1, 8000, 16, le(2, -32768, 16384, 32767)), "s16").samples())
        .containsExactly(-1f, 0.5f, 32767 / 32768f);
    assertThat(WavReader.decode(wav(1, 1, 8000, 24, le(3, -8388608, 4194304, 1)), "s24").samples())
        .containsExactly(-1f, 0.5f, 1 / 8388608f);
    assertThat(WavReader.decode(wav(1, 1, 8000, 32, le(4, Integer.MIN_VALUE, 1 << 30)), "s32").samples())
        .containsExactly(-1f, 0.5f);
  }

  @Test
  void decodesFloatAndCompanded() {
    byte[] f32 = le(4, Float.floatToIntBits(0.25f), Float.floatToIntBits(-0.75f));
    assertThat(WavReader.decode(wav(3, 1, 8000, 32, f32), "f32").samples()).containsExactly(0.25f, -0.75f);
    byte[] f64 = le(8, Double.doubleToLongBits(0.125), Double.doubleToLongBits(-1.0));
    assertThat(WavReader.decode(wav(3, 1, 8000, 64, f64), "f64").samples()).containsExactly(0.125f, -1f);
    // G.711: mu-law 0x00 is the most negative code (-32124), 0xFF and 0x7F are zero; A-law 0xD5 is +8
    assertThat(WavReader.decode(wav(7, 1, 8000, 8, new byte[] {0, (byte) 0xFF, (byte) 0x80}), "mulaw").samples())
        .containsExactly(-32124 / 32768f, 0f, 32124 / 32768f);
    assertThat(WavReader.decode(wav(6, 1, 8000, 8, new byte[] {(byte) 0xD5, (byte) 0x55, (byte) 0xAA}), "alaw")
        .samples()).containsExactly(8 / 32768f, -8 / 32768f, 32256 / 32768f);
  }

  @Test
  void mixesChannelsDownByAveraging() {
    AudioClip c = WavReader.decode(wav(1, 2, 44100, 16, le(2, 16384, 0, -32768, 32767)), "stereo");
    assertThat(c.sampleRateHz()).isEqualTo(44100);
    assertThat(c.samples()).containsExactly(0.25f, -0.5f / 32768f);
  }

  @Test
  void skipsUnknownChunksWithPadding() {
    byte[] plain = wav(1, 1, 16000, 16, le(2, 100, -100));
    ByteBuffer b = ByteBuffer.allocate(plain.length + 12).order(ByteOrder.LITTLE_ENDIAN);
    b.put(plain, 0, 12).putInt(WavReader.fourCc("LIST")).putInt(3).put(new byte[] {1, 2, 3, 0});
    b.put(plain, 12, plain.length - 12);
    assertThat(WavReader.decode(b.array(), "list").toPcm16()).containsExactly((short) 100, (short) -100);
  }

  @Test
  void refusesCorruptAndTruncatedFilesByName() throws Exception {
    Path junk = tmp.resolve("junk.wav");
    Files.write(junk, "hello, not a wav".getBytes());
    assertThatThrownBy(() -> WavReader.read(junk)).isInstanceOf(KilnException.class)
        .hasMessageContaining("junk.wav").hasMessageContaining("not a RIFF/WAVE");

    byte[] full = wav(1, 1, 16000, 16, le(2, 1, 2, 3, 4));
    Path cut = tmp.resolve("cut.wav");
    Files.write(cut, Arrays.copyOf(full, full.length - 3));
    assertThatThrownBy(() -> WavReader.read(cut)).isInstanceOf(KilnException.class)
        .hasMessageContaining("cut.wav").hasMessageContaining("truncated");

    assertThatThrownBy(() -> WavReader.decode(wav(2, 1, 8000, 4, new byte[4]), "adpcm.wav"))
        .isInstanceOf(KilnException.class).hasMessageContaining("adpcm.wav").hasMessageContaining("format 2");
    assertThatThrownBy(() -> WavReader.read(tmp.resolve("missing.wav"))).isInstanceOf(KilnException.class)
        .hasMessageContaining("missing.wav").hasMessageContaining("does not exist");
    byte[] noData = Arrays.copyOf(full, 36);
    ByteBuffer.wrap(noData).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 28);
    assertThatThrownBy(() -> WavReader.decode(noData, "nodata.wav")).isInstanceOf(KilnException.class)
        .hasMessageContaining("nodata.wav").hasMessageContaining("no 'data' chunk");
  }

  @Test
  void writerRoundTripsSixteenBit() {
    short[] pcm = {0, 1, -1, 32767, -32768, 1234};
    Path out = tmp.resolve("sub/round.wav");
    WavWriter.write(out, pcm, 22050);
    AudioClip back = WavReader.read(out);
    assertThat(back.sampleRateHz()).isEqualTo(22050);
    assertThat(back.toPcm16()).containsExactly(pcm);
    assertThat(out.getParent().toFile().list()).containsExactly("round.wav");
  }

  @Test
  void writerClipsFullScaleFloats() {
    Path out = tmp.resolve("clip.wav");
    WavWriter.write(out, new float[] {1.5f, -2f, 1f, -1f, 0.5f}, 16000);
    assertThat(WavReader.readPcm16(out, 16000))
        .containsExactly((short) 32767, (short) -32768, (short) 32767, (short) -32768, (short) 16384);
  }
}
