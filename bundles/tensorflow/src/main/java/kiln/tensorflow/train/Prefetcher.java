package kiln.tensorflow.train;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import kiln.api.KilnException;
import kiln.api.model.Batch;
import kiln.api.model.BatchSource;

/**
 * Pulls batches from a source on its own thread, a few ahead, so the trainer's step and the data
 * generator run at the same time; {@link #waitNanos()} is the time the trainer spent waiting.
 */
final class Prefetcher implements AutoCloseable {
  private final BlockingQueue<Object> queue;
  private final Thread thread;
  private long waitNanos;

  Prefetcher(BatchSource source, int ahead, String name) {
    queue = new ArrayBlockingQueue<>(Math.max(1, ahead));
    thread = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          Object b;
          try {
            b = source.next();
          } catch (RuntimeException e) {
            b = e;
          }
          queue.put(b);
          if (b instanceof RuntimeException) {
            return;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "kiln-prefetch-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  Batch next() {
    long start = System.nanoTime();
    try {
      Object b = queue.take();
      if (b instanceof KilnException k) {
        throw k;
      }
      if (b instanceof RuntimeException e) {
        throw new KilnException("the data generator failed: " + e, e);
      }
      return (Batch) b;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KilnException("training was interrupted while waiting for data", e);
    } finally {
      waitNanos += System.nanoTime() - start;
    }
  }

  long waitNanos() {
    return waitNanos;
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
