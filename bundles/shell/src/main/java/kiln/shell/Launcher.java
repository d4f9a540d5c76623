package kiln.shell;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.Callable;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Connects Kiln to the bnd launcher of the exported jar. The launcher registers a service carrying
 * {@code launcher.arguments} (the {@code java -jar} arguments) and, once its own start-up is done,
 * runs a {@code Callable} marked {@code main.thread=true} on the main thread, exiting with its
 * result. With arguments, this registers a {@link HeadlessCommand}; without, an
 * {@link InteractiveShell}, which opens the Gogo shell and returns when it is left.
 */
@Component(immediate = true)
public class Launcher {
  static final String ARGUMENTS = "launcher.arguments";
  /** Set by run/kiln.bndrun only, so other bnd launches (the test runner) are left alone. */
  static final String KILN_LAUNCHER = "kiln.launcher";

  @Reference
  CommandProcessor processor;

  private ServiceRegistration<?> registration;
  private ServiceRegistration<?> exitCommand;
  private InteractiveShell shell;

  @Activate
  void activate(BundleContext context) throws InvalidSyntaxException {
    if (!Boolean.parseBoolean(context.getProperty(KILN_LAUNCHER))) {
      return; // not the Kiln runtime (a test framework, another bnd launch)
    }
    // the launcher registers the arguments only when there are some
    ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(" + ARGUMENTS + "=*)");
    String[] args = refs == null ? null : (String[]) refs[0].getProperty(ARGUMENTS);
    Callable<Integer> main;
    if (args != null && args.length > 0) {
      main = new HeadlessCommand(processor, args, processStream(FileDescriptor.out),
          processStream(FileDescriptor.err), new PluginInstaller(context));
    } else {
      shell = new InteractiveShell(context, System.err);
      main = shell;
      Dictionary<String, Object> command = new Hashtable<>();
      command.put("osgi.command.scope", ShellExit.SCOPE);
      command.put("osgi.command.function", ShellExit.FUNCTION);
      exitCommand = context.registerService(ShellExit.class, new ShellExit(context, shell), command);
    }
    Dictionary<String, Object> props = new Hashtable<>();
    props.put("main.thread", true);
    registration = context.registerService(Callable.class, main, props);
  }

  /**
   * The process's own output stream. Gogo has replaced System.out/err with per-thread streams that
   * route to the running session, so a session created on them would loop back into itself when a
   * command prints.
   */
  private static PrintStream processStream(FileDescriptor fd) {
    return new PrintStream(new FileOutputStream(fd), true, StandardCharsets.UTF_8);
  }

  @Deactivate
  void deactivate() {
    if (registration != null) {
      registration.unregister();
    }
    if (exitCommand != null) {
      exitCommand.unregister();
    }
    if (shell != null) {
      shell.stopped();
    }
  }
}
