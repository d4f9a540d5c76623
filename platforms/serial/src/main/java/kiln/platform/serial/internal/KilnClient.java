package kiln.platform.serial.internal;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import kiln.api.KilnException;
import kiln.platform.serial.protocol.Crc16;
import kiln.platform.serial.protocol.Frame;
import kiln.platform.serial.protocol.FrameDecoder;
import kiln.platform.serial.protocol.Hello;
import kiln.platform.serial.protocol.MessageType;
import kiln.platform.serial.protocol.PayloadReader;
import kiln.platform.serial.protocol.PayloadWriter;
import kiln.platform.serial.protocol.ProfileData;
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

  /** Reads until the reply to {@code (type, seq)} arrives or the timeout passes. */
  private Frame await(int type, int expectedSeq) {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (true) {
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
      for (Frame f : decoder.feed(buf, 0, n)) {
        if (f.seq() != expectedSeq) {
          continue; // a late reply to an earlier try
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
