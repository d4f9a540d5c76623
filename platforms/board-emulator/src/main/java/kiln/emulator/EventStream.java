package kiln.emulator;

import java.io.IOException;
import kiln.platform.serial.protocol.StreamEvent;

/**
 * The emulated board classifying its input after STREAM start, on its own thread: one step of the
 * input at a time (a chunk of audio, a camera frame), paced at real time unless fast. Each
 * detection becomes an EVENT; a heartbeat goes out when nothing was sent for a quarter of
 * {@link StreamEvent#HEARTBEAT_MS} (more often than a board must, so tests can use short
 * timeouts); END closes a stream that reached its event limit or the end of its input; an ERROR
 * (seq 0) one that failed. After {@link #stop} it sends nothing more.
 */
abstract class EventStream implements Runnable {
  /** Where events go: the server's frame writer. */
  interface Sink {
    void send(StreamEvent e) throws IOException;

    /** The stream cannot go on: an ERROR frame with seq 0. */
    void fail(String message) throws IOException;
  }

  /** One step of the input: the board's time after it, and its detection or null. */
  record Tick(long timeMs, StreamEvent detection) {}

  private final boolean fast;
  private final long maxEvents;
  private final Sink sink;
  private volatile boolean stop;
  /** The board's time when the stream ended; and whether a STOP (not its end) ended it. */
  volatile long endedAtMs = -1;
  volatile boolean stopped;

  /** @param fast as fast as the model runs; else at real time, as a microphone or camera delivers */
  EventStream(boolean fast, long maxEvents, Sink sink) {
    this.fast = fast;
    this.maxEvents = maxEvents;
    this.sink = sink;
  }

  abstract boolean hasNext();

  abstract Tick next();

  /** Ends the stream; the thread sends nothing after it returns from {@link #run}. */
  void stop() {
    stop = true;
  }

  @Override
  public void run() {
    long start = System.nanoTime();
    long lastSent = start;
    long sent = 0;
    long timeMs = 0;
    try {
      while (hasNext() && !stop) {
        Tick t = next();
        timeMs = t.timeMs();
        if (!fast && !sleepUntil(start + timeMs * 1_000_000L)) {
          break;
        }
        if (stop) {
          break;
        }
        if (t.detection() != null) {
          sink.send(t.detection());
          lastSent = System.nanoTime();
          if (maxEvents > 0 && ++sent >= maxEvents) {
            break;
          }
        } else if (System.nanoTime() - lastSent > StreamEvent.HEARTBEAT_MS * 250_000L) {
          sink.send(StreamEvent.heartbeat(timeMs));
          lastSent = System.nanoTime();
        }
      }
      stopped = stop;
      if (!stop) {
        sink.send(StreamEvent.end(timeMs));
      }
    } catch (IOException e) {
      // the host is gone: the stream ends
    } catch (RuntimeException e) {
      // the model or the input failed (a frame that cannot be read): say so, as a board must
      try {
        sink.fail(e.getMessage() == null ? e.toString() : e.getMessage());
      } catch (IOException gone) {
        // the host is gone too
      }
    } finally {
      endedAtMs = timeMs;
    }
  }

  /** False when stopped while waiting. */
  private boolean sleepUntil(long due) {
    while (!stop) {
      long left = due - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      try {
        Thread.sleep(Math.min(20, left / 1_000_000L + 1));
      } catch (InterruptedException e) {
        return false;
      }
    }
    return false;
  }
}
