package kiln.tensorflow.train;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import kiln.api.KilnException;
import kiln.api.model.Batch;
import kiln.api.model.BatchSource;

/**
 * Pulls batches from a source on its own thread, a few ahead, and prepares each one there (the
 * training batches are copied into TensorFlow tensors), so a step starts with its batch already in
 * place and the trainer's step and the data generator run at the same time; {@link #waitNanos()}
 * is the time the trainer spent waiting.
 */
final class Prefetcher<T> implements AutoCloseable {
  private final BlockingQueue<Object> queue;
  private final Thread thread;
  private long waitNanos;

  Prefetcher(BatchSource source, int ahead, String name, Function<Batch, T> prepare) {
    queue = new ArrayBlockingQueue<>(Math.max(1, ahead));
    thread = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          Object b;
          try {
            b = prepare.apply(source.next());
          } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
              return; // closing
            }
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

  /** Batches as they come (no preparation). */
  static Prefetcher<Batch> plain(BatchSource source, int ahead, String name) {
    return new Prefetcher<>(source, ahead, name, b -> b);
  }

  @SuppressWarnings("unchecked")
  T next() {
    long start = System.nanoTime();
    try {
      Object b = queue.take();
      if (b instanceof KilnException k) {
        throw k;
      }
      if (b instanceof RuntimeException e) {
        throw new KilnException("the data generator failed: " + e, e);
      }
      return (T) b;
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

  /** Stops the thread and waits for it, so nothing is prepared into a session being closed. */
  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
