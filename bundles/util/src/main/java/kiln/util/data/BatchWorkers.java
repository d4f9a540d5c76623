package kiln.util.data;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.LongFunction;
import kiln.api.KilnException;
import kiln.api.model.Batch;

/**
 * The worker threads of a data generator and its queue of batches being made: at most
 * {@code maxPending} batches ahead of the one the trainer asks for, each made by its number alone
 * (so skipping batches on resume just moves the counter). Shared by the audio and image generators.
 */
public final class BatchWorkers implements AutoCloseable {
  private final ThreadPoolExecutor pool;
  /** Each recent batch's worker CPU nanoseconds and samples, a ring of {@link #RECENT}. */
  private final long[] recentNanos = new long[RECENT];
  private final int[] recentSamples = new int[RECENT];
  private int recentCount;
  /** Batches in the cost window: recent enough to leave the JIT's cold first batches out. */
  static final int RECENT = 16;
  private final int maxPending;
  private final LongFunction<Batch> make;
  private final Map<Long, Future<Batch>> pending = new TreeMap<>();
  private long nextBatch;
  private long submitted;

  /**
   * @param name names the daemon threads ({@code kiln-datagen-NAME})
   * @param make makes batch number {@code n} (epoch * batches per epoch + position)
   */
  public BatchWorkers(String name, int threads, int maxPending, LongFunction<Batch> make) {
    this.maxPending = Math.max(1, maxPending);
    this.make = make;
    this.pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "kiln-datagen-" + name);
      t.setDaemon(true);
      return t;
    });
  }

  /** The threads, for other work a generator spreads over them (reading its files). */
  public ExecutorService pool() {
    return pool;
  }

  /** The next batch, waiting while it is being made; keeps the queue full behind it. */
  public synchronized Batch next() {
    long g = nextBatch++;
    while (submitted < g + maxPending) {
      long k = submitted++;
      pending.put(k, pool.submit(() -> measured(k)));
    }
    return await(pending.remove(g));
  }

  /** Batch {@code k}, its maker's CPU time and samples counted. */
  private Batch measured(long k) {
    long start = CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : -1;
    Batch b = make.apply(k);
    if (start >= 0) {
      long nanos = CPU.getCurrentThreadCpuTime() - start;
      synchronized (recentNanos) {
        int slot = recentCount++ % RECENT;
        recentNanos[slot] = nanos;
        recentSamples[slot] = b.size();
      }
    }
    return b;
  }

  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  /** The worker thread count. */
  public int threads() {
    return pool.getCorePoolSize();
  }

  /** Makes batches on {@code n} threads from now on (queued batches are unaffected). */
  public synchronized void threads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a data generator needs at least 1 worker thread, asked for " + n);
    }
    // the pool's core size may not exceed its maximum at any moment
    if (n > pool.getMaximumPoolSize()) {
      pool.setMaximumPoolSize(n);
      pool.setCorePoolSize(n);
    } else {
      pool.setCorePoolSize(n);
      pool.setMaximumPoolSize(n);
    }
  }

  /**
   * Worker CPU seconds per sample (thread CPU time) over the last {@value #RECENT} batches made,
   * NaN before the first batch.
   */
  public double cpuSecondsPerSample() {
    synchronized (recentNanos) {
      long nanos = 0;
      long n = 0;
      for (int i = 0; i < Math.min(recentCount, RECENT); i++) {
        nanos += recentNanos[i];
        n += recentSamples[i];
      }
      return n == 0 ? Double.NaN : nanos / 1e9 / n;
    }
  }

  /** Moves past batches without making them. */
  public synchronized void skip(long batches) {
    if (batches < 0) {
      throw new IllegalArgumentException("cannot skip " + batches + " batches");
    }
    long to = nextBatch + batches;
    pending.entrySet().removeIf(e -> {
      boolean skipped = e.getKey() < to;
      if (skipped) {
        e.getValue().cancel(false);
      }
      return skipped;
    });
    nextBatch = to;
    submitted = Math.max(submitted, to);
  }

  /** The result of work on the pool; its Kiln error as it was, anything else named. */
  public static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KilnException("data generator interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof KilnException k) {
        throw k;
      }
      throw new KilnException("data generator failed: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
