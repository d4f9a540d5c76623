package kiln.shell;

import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * {@code exit [code]} in the interactive shell: leaves the shell and ends the JVM with the code, in
 * order (the launcher stops the framework). Registered by {@link Launcher} only when the shell is
 * open. Without it, a bare {@code exit} would reach {@code System.exit(int)} (gogo.jline's profile
 * adds java.lang.System's methods as commands), which refuses to run without a code and stops the
 * JVM without stopping the framework when given one.
 */
public final class ShellExit {
  static final String SCOPE = "kiln";
  static final String FUNCTION = "exit";

  private final BundleContext context;
  private final InteractiveShell shell;

  ShellExit(BundleContext context, InteractiveShell shell) {
    this.context = context;
    this.shell = shell;
  }

  @Descriptor("leave the Kiln shell (as Ctrl-D does); the JVM exits with code 0")
  public void exit() throws InvalidSyntaxException {
    exit(InteractiveShell.OK);
  }

  @Descriptor("leave the Kiln shell; the JVM exits with the given code")
  public void exit(@Descriptor("exit code, 0 to 255") int code) throws InvalidSyntaxException {
    shell.exit(code & 0xff);
    // gogo.jline's read loop checks Shell.stop() before it prints the next prompt, so the shell
    // thread ends quietly once this command returns
    for (ServiceReference<Shell> ref : context.getServiceReferences(Shell.class, null)) {
      Shell gosh = context.getService(ref);
      if (gosh != null) {
        try {
          gosh.stop();
        } finally {
          context.ungetService(ref);
        }
      }
    }
  }
}
