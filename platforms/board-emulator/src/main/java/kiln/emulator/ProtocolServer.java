package kiln.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Random;
import kiln.platform.serial.protocol.Crc16;
import kiln.platform.serial.protocol.Frame;
import kiln.platform.serial.protocol.FrameDecoder;
import kiln.platform.serial.protocol.MessageType;
import kiln.platform.serial.protocol.PayloadReader;
import kiln.platform.serial.protocol.PayloadWriter;
import kiln.platform.serial.protocol.StreamEvent;
import kiln.platform.serial.protocol.Tensors;

/**
 * The board side of Kiln's protocol: reads frames, acts on each request once, and answers a
 * request sent again (same type and sequence number) from its last reply. Faults are injected
 * into the replies it sends.
 */
final class ProtocolServer {
  private final EmulatedBoard board;
  private final InputStream in;
  private final OutputStream out;
  private final FrameDecoder decoder = new FrameDecoder();
  private final Random random = new Random(17);
  private final Object faultLock = new Object();
  private Fault fault;
  private int faultCount;
  private int faultAfter;
  private int lastType = -1;
  private int lastSeq = -1;
  private byte[] lastReply;
  // the classification stream: its input, and the one running
  private volatile Path streamWav;
  private volatile Path streamImages;
  private volatile boolean streamFast;
  private EventStream streaming;
  private Thread streamThread;
  private EventStream starting;
  /** The last stream that ended, for tests. */
  volatile EventStream lastStream;
  private final Object writeLock = new Object();
  // the upload in progress
  private ByteArrayOutputStream upload;
  private long uploadSize;
  private byte[] uploadHash;
  private boolean uploadPersist;

  ProtocolServer(EmulatedBoard board, InputStream in, OutputStream out) {
    this.board = board;
    this.in = in;
    this.out = out;
  }

  /** What STREAM classifies: a recording, played at real time unless {@code fast}. */
  void streamFrom(Path wav, boolean fast) {
    this.streamWav = wav;
    this.streamFast = fast;
  }

  /** What STREAM classifies: a folder of images, the camera's frames. */
  void streamImagesFrom(Path dir, boolean fast) {
    this.streamImages = dir;
    this.streamFast = fast;
  }

  /** Spoils the next {@code count} replies after {@code after} good ones. */
  void inject(Fault f, int count, int after) {
    synchronized (faultLock) {
      fault = f;
      faultCount = count;
      faultAfter = after;
    }
  }

  /** Serves until the port closes (or a DISCONNECT fault closes it). */
  void serve() throws IOException {
    byte[] buf = new byte[4096];
    while (true) {
      int n = in.read(buf);
      if (n < 0) {
        stopStream();
        return;
      }
      for (Frame f : decoder.feed(buf, 0, n)) {
        if (!handle(f)) {
          stopStream();
          return;
        }
      }
    }
  }

  /** Returns false when the emulator has disconnected. */
  private boolean handle(Frame request) throws IOException {
    byte[] reply;
    // HELLO starts a session: it is always answered afresh, so a new session never gets the
    // last session's reply for a request that happens to have the same type and number
    if (request.type() != MessageType.HELLO && request.type() == lastType
        && request.seq() == lastSeq && lastReply != null) {
      reply = lastReply; // a retry: answer again, do not act twice
    } else {
      if (request.type() != MessageType.STREAM) {
        stopStream(); // any other request ends a stream (HELLO starts a new session)
      }
      reply = act(request).encode();
      lastType = request.type();
      lastSeq = request.seq();
      lastReply = reply;
    }
    boolean connected = send(reply);
    if (starting != null) {
      // events only after the STREAM reply
      streaming = starting;
      starting = null;
      streamThread = new Thread(streaming, "kiln-emulator-stream");
      streamThread.setDaemon(true);
      streamThread.start();
    }
    return connected;
  }

  /**
   * STREAM: START checks the model and the input, then streams after its reply; STOP ends the
   * stream and replies after its last event.
   */
  private byte[] stream(byte[] p) {
    PayloadReader r = new PayloadReader(p);
    int action = r.u8("action");
    long max = r.u32("max events");
    stopStream();
    if (action == StreamEvent.START) {
      EventStream.Sink sink = new EventStream.Sink() {
        @Override
        public void send(StreamEvent e) throws IOException {
          ProtocolServer.this.send(new Frame(MessageType.EVENT, 0, e.encode()).encode());
        }

        @Override
        public void fail(String message) throws IOException {
          ProtocolServer.this.send(new Frame(MessageType.ERROR, 0,
              new PayloadWriter().u16(1).str(message).toBytes()).encode());
        }
      };
      if (streamWav != null) {
        starting = new AudioEventStream(board, streamWav, streamFast, max, sink);
      } else if (streamImages != null) {
        starting = new ImageEventStream(board, streamImages, streamFast, max, sink);
      } else {
        throw new IllegalArgumentException("this emulator has nothing to classify: start it with"
            + " --stream-wav FILE or --stream-images DIR");
      }
    } else if (action != StreamEvent.STOP) {
      throw new IllegalArgumentException("STREAM action " + action + ": expected 1 (start) or 0 (stop)");
    }
    return new byte[0];
  }

  private void stopStream() {
    if (streaming == null) {
      return;
    }
    streaming.stop();
    try {
      streamThread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lastStream = streaming;
    streaming = null;
    streamThread = null;
  }

  private Frame act(Frame req) {
    int type = req.type();
    try {
      byte[] payload = switch (type) {
        case MessageType.HELLO -> board.hello().encode();
        case MessageType.UPLOAD_BEGIN -> begin(req.payload());
        case MessageType.UPLOAD_CHUNK -> chunk(req.payload());
        case MessageType.UPLOAD_END -> end();
        case MessageType.RUN -> Tensors.encode(board.run(Tensors.decode(req.payload())));
        case MessageType.PROFILE -> board.profile().encode();
        case MessageType.STREAM -> stream(req.payload());
        case MessageType.RESET -> {
          board.reset();
          yield new byte[0];
        }
        default -> throw new IllegalArgumentException("unknown message type "
            + MessageType.name(type));
      };
      return new Frame(type | MessageType.REPLY, req.seq(), payload);
    } catch (RuntimeException e) {
      int code = type == MessageType.UPLOAD_END ? 2 : 1;
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      return new Frame(MessageType.ERROR, req.seq(), new PayloadWriter().u16(code).str(msg).toBytes());
    }
  }

  private byte[] begin(byte[] p) {
    PayloadReader r = new PayloadReader(p);
    uploadSize = r.u32("size");
    uploadPersist = (r.u8("flags") & 1) != 0;
    uploadHash = r.bytes(32, "sha-256");
    if (uploadSize > EmulatedBoard.FLASH_BYTES) {
      upload = null;
      throw new IllegalArgumentException("model of " + uploadSize + " bytes exceeds the "
          + EmulatedBoard.FLASH_BYTES + " bytes of flash");
    }
    upload = new ByteArrayOutputStream();
    return new byte[0];
  }

  private byte[] chunk(byte[] p) {
    if (upload == null) {
      throw new IllegalArgumentException("UPLOAD_CHUNK without UPLOAD_BEGIN");
    }
    PayloadReader r = new PayloadReader(p);
    long offset = r.u32("offset");
    int crc = r.u16("crc");
    byte[] data = r.rest();
    if (Crc16.of(data) != crc) {
      throw new IllegalArgumentException("chunk at " + offset + ": CRC mismatch");
    }
    if (offset != upload.size()) {
      throw new IllegalArgumentException("chunk at " + offset + ", expected offset " + upload.size());
    }
    upload.write(data, 0, data.length);
    return new PayloadWriter().u32(upload.size()).toBytes();
  }

  private byte[] end() {
    if (upload == null) {
      throw new IllegalArgumentException("UPLOAD_END without UPLOAD_BEGIN");
    }
    byte[] model = upload.toByteArray();
    upload = null;
    if (model.length != uploadSize) {
      throw new IllegalArgumentException("received " + model.length + " of " + uploadSize + " bytes");
    }
    if (!Arrays.equals(sha256(model), uploadHash)) {
      throw new IllegalArgumentException("SHA-256 of the received model does not match");
    }
    return new PayloadWriter().u32(board.load(model, uploadPersist)).toBytes();
  }

  /** Sends a reply, spoiled when a fault is due; false after a disconnect. */
  private boolean send(byte[] reply) throws IOException {
    synchronized (writeLock) {
      return sendLocked(reply);
    }
  }

  private boolean sendLocked(byte[] reply) throws IOException {
    Fault f = null;
    synchronized (faultLock) {
      if (fault != null && faultCount > 0) {
        if (faultAfter > 0) {
          faultAfter--;
        } else {
          f = fault;
          faultCount--;
        }
      }
    }
    if (f == null) {
      out.write(reply);
      out.flush();
      return true;
    }
    switch (f) {
      case DROP -> {
        int cut = Math.min(3, reply.length - 2);
        byte[] spoiled = new byte[reply.length - cut];
        int mid = reply.length / 2;
        System.arraycopy(reply, 0, spoiled, 0, mid);
        System.arraycopy(reply, mid + cut, spoiled, mid, reply.length - mid - cut);
        out.write(spoiled);
      }
      case CRC -> {
        byte[] spoiled = reply.clone();
        spoiled[spoiled.length - 1] ^= 0x5A;
        out.write(spoiled);
      }
      case STALL -> {
        // nothing
      }
      case GARBAGE -> {
        byte[] junk = new byte[64];
        random.nextBytes(junk);
        for (int i = 0; i < junk.length; i++) {
          if ((junk[i] & 0xFF) == Frame.START) {
            junk[i] = 0x55; // no start byte: nothing a decoder could take for a frame
          }
        }
        out.write(junk);
      }
      case DISCONNECT -> {
        out.write(reply, 0, reply.length / 2);
        out.flush();
        return false;
      }
      default -> throw new IllegalStateException(f.name());
    }
    out.flush();
    return true;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
