package kiln.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Installs and starts the plugin bundles of the watched folder before a headless command runs, and
 * removes those whose file is gone.
 * Felix FileInstall watches the same folder, but scans it in its own thread at start; a one-shot
 * command must not race it. Locations are the files' URIs as FileInstall writes them
 * ({@link #location}), so FileInstall adopts these bundles instead of installing them twice; when
 * FileInstall installs a file first, this starts FileInstall's bundle.
 */
final class PluginInstaller {
  /** The framework property FileInstall reads for the folder it watches. */
  static final String WATCHED_DIR = "felix.fileinstall.dir";
  /** Kiln's bundles run at level 1; the launcher's default for new bundles is higher. */
  static final int PLUGIN_START_LEVEL = 1;

  private final BundleContext context;

  PluginInstaller(BundleContext context) {
    this.context = context;
  }

  void installPending(PrintStream err) {
    String dir = context.getProperty(WATCHED_DIR);
    if (dir == null || dir.isBlank()) {
      return;
    }
    Path folder = Paths.get(dir);
    if (!Files.isDirectory(folder)) {
      return;
    }
    removeDeleted(folder, err);
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(folder, "*.jar")) {
      for (Path jar : jars) {
        try {
          start(install(location(jar)));
        } catch (BundleException | RuntimeException e) {
          err.println("kiln: plugin " + jar + " was not started: " + e.getMessage());
        }
      }
    } catch (IOException e) {
      err.println("kiln: cannot read the plugins folder " + folder + ": " + e.getMessage());
    }
  }

  /**
   * Uninstalls plugins whose file was deleted while Kiln was not running: the framework cache keeps
   * them, and FileInstall notices only a moment after start.
   */
  private void removeDeleted(Path folder, PrintStream err) {
    String prefix = location(folder) + (location(folder).endsWith("/") ? "" : "/");
    for (Bundle b : context.getBundles()) {
      String location = b.getLocation();
      if (location.startsWith(prefix) && !Files.exists(Paths.get(URI.create(location)))) {
        try {
          b.uninstall();
        } catch (BundleException | RuntimeException e) {
          err.println("kiln: plugin " + location + " was deleted but could not be removed: " + e.getMessage());
        }
      }
    }
  }

  /** FileInstall's location for a file: java.io.File's URI, {@code file:/x} (Path's is {@code file:///x}). */
  static String location(Path file) {
    return file.toAbsolutePath().toFile().toURI().normalize().toString();
  }

  private Bundle install(String location) throws BundleException {
    Bundle b = context.getBundle(location);
    if (b != null) {
      return b;
    }
    try {
      return context.installBundle(location);
    } catch (BundleException e) {
      // FileInstall installed the same file a moment ago
      Bundle installed = context.getBundle(location);
      if (installed == null) {
        throw e;
      }
      return installed;
    }
  }

  private static void start(Bundle b) throws BundleException {
    if (b.getHeaders().get("Fragment-Host") != null || b.getState() == Bundle.ACTIVE) {
      return;
    }
    BundleStartLevel level = b.adapt(BundleStartLevel.class);
    if (level != null && level.getStartLevel() != PLUGIN_START_LEVEL) {
      level.setStartLevel(PLUGIN_START_LEVEL);
    }
    b.start();
  }
}
