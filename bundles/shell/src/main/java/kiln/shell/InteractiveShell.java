package kiln.shell;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The interactive Gogo shell, run on the launcher's main thread so that its end is the end of the
 * JVM, with an exit code.
 *
 * <p>gogo.jline waits at start level 2. The shell raises the framework there only from the main
 * thread: the bnd launcher sets the framework to its beginning level (1) after the bundles have
 * started, and a raise requested earlier (while the bundles start) is undone by that request,
 * which stops gogo.jline again a moment after it opened the terminal. The launcher calls the
 * main-thread callable only after its own start level request, so this raise is the last one.
 *
 * <p>gogo.jline's activator builds the terminal and starts the "Gogo shell" thread. run/kiln.bndrun
 * passes {@code gosh.args=--noshutdown}, so leaving the shell (Ctrl-D) ends that thread instead of
 * stopping the framework under the launcher (which would exit with the launcher's code 117); this
 * callable sees the thread end and returns {@link #OK}, and the launcher stops the framework in
 * order. {@code exit [code]} ({@link ShellExit}) ends it with a chosen code.
 */
final class InteractiveShell implements Callable<Integer> {
  static final int OK = 0;
  /**
   * The shell could not be opened (gogo.jline missing or stopped at once); 1 and 2 are headless
   * failures, 3 is ./kiln's failed build.
   */
  static final int NO_SHELL = 4;
  static final int SHELL_START_LEVEL = 2;
  static final String GOGO_JLINE_BUNDLE = "org.apache.felix.gogo.jline";
  /** The bundle holding jline's terminal providers (META-INF/services/org/jline/terminal/provider). */
  static final String JLINE_BUNDLE = "org.jline";
  /** jline's switch for a plain (dumb) terminal. */
  static final String JLINE_DUMB = "org.jline.terminal.dumb";
  /** The name gogo.jline 1.1.8's activator gives the thread running {@code gosh --login}. */
  static final String SHELL_THREAD = "Gogo shell";

  private final BundleContext context;
  private final PrintStream err;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private volatile Thread shellThread;

  InteractiveShell(BundleContext context, PrintStream err) {
    this.context = context;
    this.err = err;
  }

  /** Ends the shell with this exit code (the {@code exit} command, or Kiln's shell bundle stopping). */
  void exit(int code) {
    exit.complete(code);
  }

  /** Called when Kiln's shell bundle stops. */
  void stopped() {
    exit.complete(OK);
  }

  @Override
  public Integer call() throws InterruptedException {
    if (System.console() == null && System.getProperty(JLINE_DUMB) == null) {
      // commands piped in (./kiln < script.gogo): a line-by-line terminal is what is wanted, so
      // jline need not warn that it could not open a system terminal
      System.setProperty(JLINE_DUMB, "true");
    }
    ClassLoader jline = bundleLoader(JLINE_BUNDLE);
    SynchronousBundleListener starter = event -> {
      if (!GOGO_JLINE_BUNDLE.equals(event.getBundle().getSymbolicName())) {
        return;
      }
      // jline finds its terminal providers as resources of the thread context class loader; the
      // activator builds the terminal on the framework's start level thread, inside this window
      if (event.getType() == BundleEvent.STARTING) {
        Thread.currentThread().setContextClassLoader(jline);
      } else if (event.getType() == BundleEvent.STARTED) {
        Thread.currentThread().setContextClassLoader(null);
        shellThread = findThread(SHELL_THREAD);
      }
    };
    context.addBundleListener(starter);
    try {
      CountDownLatch raised = new CountDownLatch(1);
      context.getBundle(0).adapt(FrameworkStartLevel.class)
          .setStartLevel(SHELL_START_LEVEL, event -> raised.countDown());
      raised.await();
    } finally {
      context.removeBundleListener(starter);
    }
    Thread shell = shellThread;
    if (shell == null) {
      err.println("kiln: the interactive shell did not start (" + GOGO_JLINE_BUNDLE + " "
          + stateOf(GOGO_JLINE_BUNDLE) + "); run ./kiln VERB ARGS for one command");
      return NO_SHELL;
    }
    while (true) {
      try {
        return exit.get(200, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (!shell.isAlive()) {
          return OK;
        }
      } catch (ExecutionException e) {
        return OK; // never completed exceptionally
      }
    }
  }

  private ClassLoader bundleLoader(String symbolicName) {
    for (Bundle b : context.getBundles()) {
      if (symbolicName.equals(b.getSymbolicName())) {
        BundleWiring wiring = b.adapt(BundleWiring.class);
        if (wiring != null) {
          return wiring.getClassLoader();
        }
      }
    }
    return null;
  }

  private String stateOf(String symbolicName) {
    for (Bundle b : context.getBundles()) {
      if (symbolicName.equals(b.getSymbolicName())) {
        return b.getState() == Bundle.ACTIVE ? "is active but opened no shell" : "is not active";
      }
    }
    return "is not installed";
  }

  private static Thread findThread(String name) {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (name.equals(t.getName()) && t.isAlive()) {
        return t;
      }
    }
    return null;
  }
}
