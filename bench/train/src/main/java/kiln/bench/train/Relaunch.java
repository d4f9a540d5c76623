package kiln.bench.train;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * TensorFlow reads {@code TF_ENABLE_ONEDNN_OPTS} from the environment, which a running JVM cannot
 * change (and oneDNN's convolutions die with SIGILL on this project's AMD machines): run the main
 * again in a child JVM with it set, on the same class path.
 */
public final class Relaunch {
  private Relaunch() {}

  /** Returns the child's exit code, or -1 when no relaunch is needed. */
  public static int ifNeeded(Class<?> main, String[] args) throws Exception {
    if (System.getenv("TF_ENABLE_ONEDNN_OPTS") != null) {
      return -1;
    }
    List<String> cp = new ArrayList<>();
    ClassLoader cl = main.getClassLoader();
    while (cl != null) {
      if (cl instanceof URLClassLoader u) {
        for (URL url : u.getURLs()) {
          cp.add(Paths.get(url.toURI()).toString());
        }
      }
      cl = cl.getParent();
    }
    if (cp.isEmpty()) {
      cp.add(System.getProperty("java.class.path"));
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    // the child runs with this JVM's options: --add-modules jdk.incubator.vector (without it the
    // augmenters' FFTs and WSOLA's search fall back to their scalar loops), heap and -D settings
    cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    // and the kiln.* settings set since it started (-Dkiln.dataset.fashion_mnist.dir and the like)
    System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("kiln."))
        .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, cp));
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    pb.environment().put("TF_ENABLE_ONEDNN_OPTS", "0");
    pb.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "1");
    return pb.start().waitFor();
  }
}
