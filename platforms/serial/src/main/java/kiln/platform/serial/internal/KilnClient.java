package kiln.platform.serial.internal;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import kiln.api.KilnException;
import kiln.api.platform.BoardEvent;
import kiln.platform.serial.protocol.Crc16;
import kiln.platform.serial.protocol.Frame;
import kiln.platform.serial.protocol.FrameDecoder;
import kiln.platform.serial.protocol.Hello;
import kiln.platform.serial.protocol.MessageType;
import kiln.platform.serial.protocol.PayloadReader;
import kiln.platform.serial.protocol.PayloadWriter;
import kiln.platform.serial.protocol.ProfileData;
import kiln.platform.serial.protocol.StreamEvent;
import kiln.platform.serial.protocol.Tensors;

/**
 * The host side of Kiln's board protocol over a {@link Link}: each request waits at most
 * {@code timeoutMillis} for its reply and is sent again (same sequence number, so the board
 * answers it from its last reply instead of acting twice) up to {@code retries} times.
 */
final class KilnClient {
  private final Link link;
  private final long timeoutMillis;
  private final int retries;
  private final FrameDecoder decoder = new FrameDecoder();
  /** Frames read while streaming and not handled yet (a read can bring several events). */
  private final ArrayDeque<Frame> unread = new ArrayDeque<>();
  private final byte[] buf = new byte[4096];
  /** Everything received while no frame was found, kept for auto-detecting a text log. */
  private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
  private int seq;
  private Hello hello;

  KilnClient(Link link, long timeoutMillis, int retries) {
    this.link = link;
    this.timeoutMillis = timeoutMillis;
    this.retries = Math.max(0, retries);
  }

  /**
   * Sends HELLO once; returns null when no HELLO reply came within the timeout (the board does not
   * speak Kiln's protocol: {@link #rawReceived} holds what it sent instead).
   */
  Hello probe() {
    Frame reply = exchange(MessageType.HELLO, new PayloadWriter().u8(MessageType.VERSION).toBytes(), 0,
        true);
    return reply == null ? null : accept(reply);
  }

  /** The handshake, with retries; fails naming the port when the board does not answer. */
  Hello hello() {
    return accept(request(MessageType.HELLO, new PayloadWriter().u8(MessageType.VERSION).toBytes()));
  }

  private Hello accept(Frame reply) {
    Hello h = decode(reply, Hello::decode);
    if (h.version() != MessageType.VERSION) {
      throw new KilnException("board on " + link.name() + " speaks protocol version " + h.version()
          + ", Kiln speaks version " + MessageType.VERSION);
    }
    hello = h;
    return h;
  }

  byte[] rawReceived() {
    return raw.toByteArray();
  }

  /**
   * Uploads a model in chunks, each with its own CRC; the board checks the total size and SHA-256
   * at the end. {@code persist}: keep it in flash (it runs after a reset too).
   *
   * @return the arena the board needs for it, in bytes
   */
  long upload(byte[] model, boolean persist) {
    int max = hello == null ? 1024 : Math.min(hello.maxPayload(), Frame.MAX_PAYLOAD);
    int chunk = Math.max(16, Math.min(1024, max - 6));
    request(MessageType.UPLOAD_BEGIN, new PayloadWriter().u32(model.length).u8(persist ? 1 : 0)
        .bytes(sha256(model)).toBytes());
    for (int off = 0; off < model.length; off += chunk) {
      int n = Math.min(chunk, model.length - off);
      byte[] data = java.util.Arrays.copyOfRange(model, off, off + n);
      Frame r = request(MessageType.UPLOAD_CHUNK,
          new PayloadWriter().u32(off).u16(Crc16.of(data)).bytes(data).toBytes());
      long received = decode(r, p -> new PayloadReader(p).u32("received"));
      if (received != off + n) {
        throw new KilnException("board on " + link.name() + " acknowledged " + received
            + " bytes of the model after the chunk ending at " + (off + n));
      }
    }
    return decode(request(MessageType.UPLOAD_END, new byte[0]), p -> new PayloadReader(p).u32("arena"));
  }

  List<byte[]> run(List<byte[]> inputs) {
    return decode(request(MessageType.RUN, Tensors.encode(inputs)), Tensors::decode);
  }

  ProfileData profile() {
    return decode(request(MessageType.PROFILE, new byte[0]), ProfileData::decode);
  }

  /**
   * Starts the board's classification stream and hands each event to {@code events} until
   * {@code maxEvents} (0: no limit), the board's END, or an interrupt of this thread; then stops
   * it (STOP, whose reply comes after the board's last event). Any frame, a heartbeat too, must
   * come within the timeout of the one before: a board that goes silent fails naming the port.
   *
   * @return the board's time at the END event, or -1 when the host stopped the stream
   */
  long stream(int maxEvents, Consumer<BoardEvent> events) {
    request(MessageType.STREAM, StreamEvent.request(StreamEvent.START, Math.max(0, maxEvents)));
    int got = 0;
    long endMs = -1;
    while ((maxEvents <= 0 || got < maxEvents) && !Thread.currentThread().isInterrupted()) {
      Frame f = nextEvent();
      StreamEvent e = decode(f, StreamEvent::decode);
      if (e.isEnd()) {
        endMs = e.timeMs();
        break;
      }
      if (!e.isHeartbeat()) {
        events.accept(new BoardEvent(e.timeMs(), e.classIndex(), e.score(), e.label()));
        got++;
      }
    }
    // an interrupt (Ctrl-C) still gets the STOP out; the flag is set again after
    boolean interrupted = Thread.interrupted();
    try {
      request(MessageType.STREAM, StreamEvent.request(StreamEvent.STOP, 0));
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return endMs;
  }

  /** The next EVENT frame, waiting at most the timeout; an ERROR ends the stream with its message. */
  private Frame nextEvent() {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    long garbage0 = decoder.garbageBytes();
    long bad0 = decoder.badFrames();
    while (true) {
      for (Frame f; (f = unread.poll()) != null; ) {
        if (f.type() == MessageType.EVENT) {
          return f;
        }
        if (f.type() == MessageType.ERROR) {
          PayloadReader r = new PayloadReader(f.payload());
          int code = r.remaining() >= 2 ? r.u16("code") : 0;
          String msg = r.remaining() >= 1 ? r.str("message") : "";
          throw new KilnException("board on " + link.name() + " stopped streaming: " + msg
              + " (error " + code + ")");
        }
      }
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        long garbage = decoder.garbageBytes() - garbage0;
        long bad = decoder.badFrames() - bad0;
        throw new KilnException("board on " + link.name() + " went silent while streaming: no event"
            + " and no heartbeat within " + timeoutMillis + " ms (--timeout)" + (garbage + bad > 0
                ? "; received " + garbage + " bytes outside frames and " + bad + " frames with a bad"
                    + " CRC or length" : ""));
      }
      int n = link.read(buf, left);
      if (n > 0) {
        unread.addAll(decoder.feed(buf, 0, n));
      }
    }
  }

  void reset() {
    request(MessageType.RESET, new byte[0]);
  }

  private <T> T decode(Frame reply, java.util.function.Function<byte[], T> codec) {
    try {
      return codec.apply(reply.payload());
    } catch (IllegalArgumentException e) {
      throw new KilnException("board on " + link.name() + " sent a malformed "
          + MessageType.name(reply.type()) + ": " + e.getMessage(), e);
    }
  }

  /** One request with its retries; returns the reply or throws naming the port and the request. */
  Frame request(int type, byte[] payload) {
    return exchange(type, payload, retries, false);
  }

  private Frame exchange(int type, byte[] payload, int tries, boolean quiet) {
    seq = (seq + 1) & 0xFF;
    byte[] wire = new Frame(type, seq, payload).encode();
    long garbage0 = decoder.garbageBytes();
    long bad0 = decoder.badFrames();
    long incomplete = 0;
    for (int attempt = 0; attempt <= tries; attempt++) {
      incomplete += decoder.pending();
      decoder.clear();
      unread.clear();
      link.write(wire);
      Frame reply = await(type, seq);
      if (reply != null) {
        return reply;
      }
    }
    if (quiet) {
      return null;
    }
    incomplete += decoder.pending();
    long garbage = decoder.garbageBytes() - garbage0;
    long bad = decoder.badFrames() - bad0;
    throw new KilnException("board on " + link.name() + " did not answer " + MessageType.name(type)
        + " (seq " + seq + ") within " + timeoutMillis + " ms, " + (tries + 1)
        + (tries == 0 ? " try" : " tries") + (garbage + bad + incomplete > 0
            ? "; received " + garbage + " bytes outside frames, " + bad + " frames with a bad CRC"
                + " or length and " + incomplete + " bytes of incomplete frames"
            : "; received nothing"));
  }

  /**
   * Reads until the reply to {@code (type, seq)} arrives or the timeout passes; frames that came
   * after it in the same read (events of a stream just started) stay in {@link #unread}.
   */
  private Frame await(int type, int expectedSeq) {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (true) {
      for (Frame f; (f = unread.poll()) != null; ) {
        if (f.seq() != expectedSeq) {
          continue; // a late reply to an earlier try, or an event before the reply
        }
        if (f.type() == MessageType.ERROR) {
          PayloadReader r = new PayloadReader(f.payload());
          int code = r.remaining() >= 2 ? r.u16("code") : 0;
          String msg = r.remaining() >= 1 ? r.str("message") : "";
          throw new KilnException("board on " + link.name() + " refused " + MessageType.name(type)
              + ": " + msg + " (error " + code + ")");
        }
        if (f.type() == (type | MessageType.REPLY)) {
          return f;
        }
      }
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        return null;
      }
      int n = link.read(buf, left);
      if (n <= 0) {
        continue;
      }
      if (raw.size() < 65536) {
        raw.write(buf, 0, n);
      }
      unread.addAll(decoder.feed(buf, 0, n));
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
