package kiln.shell;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import kiln.api.KilnException;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * Runs one {@code kiln:VERB ARGS} command on the launcher's main thread and turns its outcome into an
 * exit code: 0 success, 1 the command failed, 2 the command was called wrongly (unknown verb, bad
 * arguments).
 */
public final class HeadlessCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private final CommandProcessor processor;
  private final List<String> args;
  private final PrintStream out;
  private final PrintStream err;
  private final PluginInstaller plugins;

  HeadlessCommand(CommandProcessor processor, String[] args, PrintStream out, PrintStream err, PluginInstaller plugins) {
    this.processor = processor;
    this.args = Arrays.asList(args);
    this.out = out;
    this.err = err;
    this.plugins = plugins;
  }

  @Override
  public Integer call() {
    String verb = args.get(0);
    String line;
    try {
      line = CommandLine.of(verb, args.subList(1, args.size()));
    } catch (KilnException e) {
      err.println("kiln: " + e.getMessage());
      return USAGE;
    }
    if (plugins != null) {
      plugins.installPending(err);
    }
    if (System.getenv("KILN_TIMING") != null) {
      long sinceJvmStart = System.currentTimeMillis()
          - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
      err.println("kiln: framework started, running the command " + sinceJvmStart + " ms after JVM start");
    }
    try (CommandSession session = processor.createSession(System.in, out, err)) {
      Object result = session.execute(line);
      if (result != null) {
        CharSequence text = result instanceof CharSequence cs ? cs : session.format(result, Converter.INSPECT);
        out.println(text);
      }
      out.flush();
      return OK;
    } catch (Throwable t) {
      return report(verb, t);
    }
  }

  private int report(String verb, Throwable t) {
    Throwable cause = rootKilnCause(t);
    if (cause instanceof KilnException k) {
      err.println("kiln " + verb + ": " + k.getMessage());
      return k instanceof CommandLine.UsageException ? USAGE : FAILED;
    }
    String type = t.getClass().getSimpleName();
    String message = String.valueOf(t.getMessage());
    if (type.equals("CommandNotFoundException")) {
      err.println("kiln: unknown command '" + verb + "' (./kiln help lists the commands)");
      return USAGE;
    }
    if (t instanceof IllegalArgumentException && message.startsWith("Cannot coerce")) {
      err.println("kiln " + verb + ": wrong arguments (see ./kiln help " + verb + "): "
          + message.lines().findFirst().orElse(message));
      return USAGE;
    }
    // say what went wrong inside, not the reflection wrapper Gogo put around it
    Throwable inner = t;
    while ((inner instanceof java.lang.reflect.InvocationTargetException
        || inner instanceof java.lang.reflect.UndeclaredThrowableException) && inner.getCause() != null) {
      inner = inner.getCause();
    }
    if (inner instanceof OutOfMemoryError) {
      err.println("kiln " + verb + ": ran out of memory (" + inner.getMessage() + "); give Java more with"
          + " KILN_JAVA_OPTS=-Xmx8g, or use a smaller model, dataset or batch");
    } else if (inner instanceof StackOverflowError) {
      err.println("kiln " + verb + ": the call stack overflowed (a model or spec nested too deeply?)");
    } else {
      err.println("kiln " + verb + ": " + inner);
    }
    return FAILED;
  }

  /**
   * The outermost KilnException in the cause chain (Gogo wraps what a command throws), else the
   * throwable itself.
   */
  private static Throwable rootKilnCause(Throwable t) {
    for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
      if (c instanceof KilnException) {
        return c;
      }
    }
    return t;
  }
}
