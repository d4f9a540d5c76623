package kiln.shell;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.Callable;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Connects Kiln to the bnd launcher of the exported jar. The launcher registers a service carrying
 * {@code launcher.arguments} (the {@code java -jar} arguments) and runs a {@code Callable} marked
 * {@code main.thread=true} on the main thread, exiting with its result. With arguments, this
 * registers a {@link HeadlessCommand}; without, it opens the interactive Gogo shell by raising the
 * framework to start level 2, where gogo.jline sits, so headless runs never touch the terminal.
 */
@Component(immediate = true)
public class Launcher {
  static final String ARGUMENTS = "launcher.arguments";
  /** Set by run/kiln.bndrun only, so other bnd launches (the test runner) are left alone. */
  static final String KILN_LAUNCHER = "kiln.launcher";
  static final int SHELL_START_LEVEL = 2;
  static final String JLINE_BUNDLE = "org.apache.felix.gogo.jline";

  @Reference
  CommandProcessor processor;

  private ServiceRegistration<?> registration;
  private SynchronousBundleListener contextLoaderSetter;

  @Activate
  void activate(BundleContext context) throws InvalidSyntaxException {
    ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(" + ARGUMENTS + "=*)");
    if (refs == null || !Boolean.parseBoolean(context.getProperty(KILN_LAUNCHER))) {
      return; // not the Kiln runtime (a test framework, another bnd launch)
    }
    String[] args = (String[]) refs[0].getProperty(ARGUMENTS);
    if (args != null && args.length > 0) {
      Dictionary<String, Object> props = new Hashtable<>();
      props.put("main.thread", true);
      registration = context.registerService(
          Callable.class,
          new HeadlessCommand(processor, args, System.out, System.err, new PluginInstaller(context)),
          props);
    } else {
      openShell(context);
    }
  }

  /**
   * jline looks its terminal up through the thread context class loader; the shell thread inherits it
   * from the thread that starts gogo.jline (the framework's start level thread), so a synchronous
   * listener sets it just for that start.
   */
  private void openShell(BundleContext context) {
    contextLoaderSetter = event -> {
      Bundle b = event.getBundle();
      if (!JLINE_BUNDLE.equals(b.getSymbolicName())) {
        return;
      }
      if (event.getType() == BundleEvent.STARTING) {
        BundleWiring wiring = b.adapt(BundleWiring.class);
        if (wiring != null) {
          Thread.currentThread().setContextClassLoader(wiring.getClassLoader());
        }
      } else if (event.getType() == BundleEvent.STARTED) {
        Thread.currentThread().setContextClassLoader(null);
      }
    };
    context.addBundleListener(contextLoaderSetter);
    context.getBundle(0).adapt(FrameworkStartLevel.class).setStartLevel(SHELL_START_LEVEL);
  }

  @Deactivate
  void deactivate(BundleContext context) {
    if (registration != null) {
      registration.unregister();
    }
    if (contextLoaderSetter != null) {
      context.removeBundleListener(contextLoaderSetter);
    }
  }
}
