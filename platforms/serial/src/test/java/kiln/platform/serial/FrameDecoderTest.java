package kiln.platform.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import kiln.platform.serial.protocol.Crc16;
import kiln.platform.serial.protocol.Frame;
import kiln.platform.serial.protocol.FrameDecoder;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
  @Test
  void encodesTheDocumentedLayout() {
    byte[] wire = new Frame(0x05, 0x2A, new byte[] {10, 20, 30}).encode();
    // 0xA5, length 3 (LE), type, seq, payload, CRC-16/CCITT-FALSE of bytes 1..7 (LE)
    assertThat(wire).startsWith((byte) 0xA5, (byte) 3, (byte) 0, (byte) 5, (byte) 0x2A, (byte) 10,
        (byte) 20, (byte) 30);
    int crc = Crc16.of(new byte[] {3, 0, 5, 0x2A, 10, 20, 30});
    assertThat(wire[8] & 0xFF).isEqualTo(crc & 0xFF);
    assertThat(wire[9] & 0xFF).isEqualTo(crc >>> 8);
    assertThat(wire).hasSize(10);
  }

  @Test
  void decodesFramesSplitAcrossReadsAndSkipsGarbage() {
    Frame a = new Frame(0x81, 1, "hello".getBytes());
    Frame b = new Frame(0x85, 2, new byte[300]);
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    s.writeBytes(new byte[] {0x00, 0x13, 0x37});
    s.writeBytes(a.encode());
    s.writeBytes(new byte[] {0x42});
    s.writeBytes(b.encode());
    byte[] all = s.toByteArray();
    FrameDecoder d = new FrameDecoder();
    List<Frame> got = new ArrayList<>();
    for (int i = 0; i < all.length; i += 7) {
      got.addAll(d.feed(all, i, Math.min(7, all.length - i)));
    }
    assertThat(got).containsExactly(a, b);
    assertThat(d.garbageBytes()).isEqualTo(4);
    assertThat(d.badFrames()).isZero();
  }

  @Test
  void dropsAFrameWithABadCrcAndKeepsTheNextOne() {
    byte[] bad = new Frame(0x81, 1, new byte[] {1, 2, 3}).encode();
    bad[6] ^= 1;
    Frame good = new Frame(0x82, 2, new byte[] {4});
    FrameDecoder d = new FrameDecoder();
    List<Frame> got = new ArrayList<>(d.feed(bad, 0, bad.length));
    byte[] g = good.encode();
    got.addAll(d.feed(g, 0, g.length));
    assertThat(got).containsExactly(good);
    assertThat(d.badFrames()).isEqualTo(1);
  }

  @Test
  void refusesALengthBeyondTheMaximum() {
    // a start byte followed by length 0xFFFF: not a frame, the decoder must not wait for 64 KB
    byte[] junk = {(byte) 0xA5, (byte) 0xFF, (byte) 0xFF, 1, 1};
    FrameDecoder d = new FrameDecoder();
    assertThat(d.feed(junk, 0, junk.length)).isEmpty();
    assertThat(d.badFrames()).isEqualTo(1);
    byte[] g = new Frame(0x81, 3, new byte[0]).encode();
    assertThat(d.feed(g, 0, g.length)).containsExactly(new Frame(0x81, 3, new byte[0]));
  }
}
