package kiln.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/** What the in-framework tests share: running a Gogo command line, waiting for a named service. */
final class OsgiShell {
  private OsgiShell() {}

  /** Runs one command line; returns its result, or what it printed when it returned nothing. */
  static String run(CommandProcessor processor, String line) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (CommandSession session = processor.createSession(InputStream.nullInputStream(), out, out)) {
      Object result = session.execute(line);
      return result == null ? bytes.toString(StandardCharsets.UTF_8) : result.toString();
    }
  }

  /**
   * Waits up to {@code seconds} until a service of {@code type} with {@code kiln.name=name} is
   * registered ({@code present}) or gone, asserts it, and returns its reference (null when gone).
   */
  static <T> ServiceReference<T> await(BundleContext context, Class<T> type, String name, boolean present,
      int seconds) throws Exception {
    ServiceTracker<T, T> t = new ServiceTracker<>(context,
        context.createFilter("(&(objectClass=" + type.getName() + ")(kiln.name=" + name + "))"), null);
    t.open();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while ((t.getServiceReference() != null) != present && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      ServiceReference<T> ref = t.getServiceReference();
      assertThat(ref != null).as("%s %s registered after %s s", type.getSimpleName(), name, seconds)
          .isEqualTo(present);
      return ref;
    } finally {
      t.close();
    }
  }
}
