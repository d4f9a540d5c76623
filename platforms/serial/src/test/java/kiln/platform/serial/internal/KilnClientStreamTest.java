package kiln.platform.serial.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import kiln.api.KilnException;
import kiln.api.platform.BoardEvent;
import kiln.platform.serial.protocol.Frame;
import kiln.platform.serial.protocol.FrameDecoder;
import org.junit.jupiter.api.Test;

/**
 * The host side of the classification stream against a scripted board: payloads written out byte
 * by byte from docs/board-protocol.md (u32 little-endian time, u8 class, u8 score, u8 length and
 * the label's bytes), several frames arriving in one read.
 */
class KilnClientStreamTest {
  /** A board that answers each request with the bytes the script gives, all in one read. */
  static final class ScriptedLink implements Link {
    final List<Frame> requests = new ArrayList<>();
    final ArrayDeque<byte[]> reads = new ArrayDeque<>();
    final Function<Frame, byte[]> script;
    final FrameDecoder decoder = new FrameDecoder();

    ScriptedLink(Function<Frame, byte[]> script) {
      this.script = script;
    }

    @Override
    public String name() {
      return "/dev/ttyTEST";
    }

    @Override
    public int read(byte[] buf, long timeoutMillis) {
      byte[] next = reads.poll();
      if (next == null) {
        try {
          Thread.sleep(Math.min(timeoutMillis, 20));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return 0;
      }
      System.arraycopy(next, 0, buf, 0, next.length);
      return next.length;
    }

    @Override
    public void write(byte[] data) {
      for (Frame f : decoder.feed(data, 0, data.length)) {
        requests.add(f);
        byte[] answer = script.apply(f);
        if (answer.length > 0) {
          reads.add(answer);
        }
      }
    }

    @Override
    public void close() {}
  }

  static byte[] event(int timeMs, int cls, int score, String label) {
    byte[] l = label.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(timeMs & 0xFF);
    b.write((timeMs >> 8) & 0xFF);
    b.write((timeMs >> 16) & 0xFF);
    b.write((timeMs >> 24) & 0xFF);
    b.write(cls);
    b.write(score);
    b.write(l.length);
    b.write(l, 0, l.length);
    return new Frame(0x70, 0, b.toByteArray()).encode();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.write(p, 0, p.length);
    }
    return b.toByteArray();
  }

  static byte[] reply(Frame request) {
    return new Frame(request.type() | 0x80, request.seq(), new byte[0]).encode();
  }

  static boolean isStart(Frame f) {
    return f.type() == 0x07 && f.payload()[0] == 1;
  }

  @Test
  void eventsThatComeWithTheReplyAreKeptHeartbeatsSkippedAndTheEndStopsIt() {
    ScriptedLink link = new ScriptedLink(f -> isStart(f)
        ? concat(reply(f), event(1300, 2, 195, "yes"), event(2300, 254, 0, ""), event(3500, 3, 189, ""),
            event(4000, 255, 0, ""))
        : reply(f));
    List<BoardEvent> got = new ArrayList<>();
    long end = new KilnClient(link, 300, 0).stream(0, got::add);
    assertThat(got).containsExactly(new BoardEvent(1300, 2, 195, "yes"), new BoardEvent(3500, 3, 189, ""));
    assertThat(end).isEqualTo(4000);
    // STREAM start with no limit, then STREAM stop: u8 action, u32 max events
    assertThat(link.requests).extracting(Frame::type).containsExactly(0x07, 0x07);
    assertThat(link.requests.get(0).payload()).containsExactly(1, 0, 0, 0, 0);
    assertThat(link.requests.get(1).payload()).containsExactly(0, 0, 0, 0, 0);
  }

  @Test
  void theHostStopsAfterMaxEventsAndIgnoresEventsBeforeTheStopReply() {
    ScriptedLink link = new ScriptedLink(f -> isStart(f)
        ? concat(reply(f), event(100, 1, 200, "a"))
        : f.type() == 0x07 ? concat(event(200, 1, 210, "late"), reply(f)) : reply(f));
    List<BoardEvent> got = new ArrayList<>();
    long end = new KilnClient(link, 300, 0).stream(1, got::add);
    assertThat(got).containsExactly(new BoardEvent(100, 1, 200, "a"));
    assertThat(end).isEqualTo(-1);
    assertThat(link.requests.get(0).payload()).containsExactly(1, 1, 0, 0, 0); // at most 1 event
  }

  @Test
  void anErrorMidStreamAndASilentStreamAreClearErrorsNamingThePort() {
    byte[] failure = new Frame(0xFF, 0, concat(new byte[] {1, 0, 12},
        "model failed".getBytes(StandardCharsets.US_ASCII))).encode();
    ScriptedLink failing = new ScriptedLink(f -> isStart(f) ? concat(reply(f), failure) : reply(f));
    assertThatThrownBy(() -> new KilnClient(failing, 300, 0).stream(0, e -> {}))
        .isInstanceOf(KilnException.class)
        .hasMessage("board on /dev/ttyTEST stopped streaming: model failed (error 1)");
    ScriptedLink silent = new ScriptedLink(f -> reply(f));
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> new KilnClient(silent, 300, 0).stream(0, e -> {}))
        .isInstanceOf(KilnException.class)
        .hasMessage("board on /dev/ttyTEST went silent while streaming: no event and no heartbeat"
            + " within 300 ms (--timeout)");
    assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(250L, 1500L);
  }
}
