package kiln.spec.internal;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import kiln.api.KilnException;

/**
 * Runs a spec's own code (its constructor, settings checks and buildModel()) on a daemon thread
 * and waits at most {@code -Dkiln.spec.timeout} seconds (default {@value #DEFAULT_SECONDS}) for it,
 * so an endless loop in a spec gives an error naming the spec instead of a hang. A thread that
 * runs over is interrupted, then stopped where the JVM still can (Java 17 can; later ones leave it
 * running); being a daemon, it never keeps the JVM alive.
 */
public final class SpecGuard {
  /** The system property with the time limit in seconds. */
  public static final String TIMEOUT_PROPERTY = "kiln.spec.timeout";
  public static final int DEFAULT_SECONDS = 30;

  private SpecGuard() {}

  /** Runs {@code work} for the spec {@code displayName} within the configured time limit. */
  public static <T> T run(String displayName, Supplier<T> work) {
    return run(displayName, work, timeoutMillis());
  }

  static <T> T run(String displayName, Supplier<T> work, long timeoutMillis) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        result.set(work.get());
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "kiln-spec " + displayName);
    t.setDaemon(true);
    t.start();
    try {
      t.join(timeoutMillis);
    } catch (InterruptedException e) {
      t.interrupt();
      Thread.currentThread().interrupt();
      throw new KilnException(displayName + ": interrupted while loading the spec", e);
    }
    if (t.isAlive()) {
      abandon(t);
      throw new KilnException(displayName + ": the spec did not finish loading within "
          + seconds(timeoutMillis) + " s (an endless loop in its constructor or buildModel()?);"
          + " -D" + TIMEOUT_PROPERTY + "=SECONDS allows longer");
    }
    Throwable e = failure.get();
    if (e instanceof RuntimeException r) {
      throw r;
    }
    if (e instanceof Error err) {
      throw err;
    }
    if (e != null) {
      throw new KilnException(displayName + ": " + e, e);
    }
    return result.get();
  }

  /** Interrupts a runaway spec thread and, if that does not end it, stops it. */
  @SuppressWarnings({"deprecation", "removal"})
  private static void abandon(Thread t) {
    t.interrupt();
    try {
      t.join(100);
      if (t.isAlive()) {
        t.stop(); // the spec's own objects are all it can leave half-done: they are dropped
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (UnsupportedOperationException e) {
      // Java 20 and later: the daemon thread spins on until the JVM exits
    }
  }

  /** The limit from {@value #TIMEOUT_PROPERTY}: positive seconds, fractions allowed. */
  static long timeoutMillis() {
    String v = System.getProperty(TIMEOUT_PROPERTY);
    if (v == null || v.isBlank()) {
      return DEFAULT_SECONDS * 1000L;
    }
    double s;
    try {
      s = Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      s = Double.NaN;
    }
    if (!(s > 0) || s > 1e6) {
      throw new KilnException("-D" + TIMEOUT_PROPERTY + "=" + v + ": expected a number of "
          + "seconds above 0");
    }
    return Math.max(1, Math.round(s * 1000));
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0 ? Long.toString(millis / 1000)
        : String.format(Locale.ROOT, "%.1f", millis / 1000.0);
  }
}
