package kiln.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * Installs the plugin bundles of the watched folder before a headless command runs. Felix FileInstall
 * watches the same folder, but scans it in its own thread a moment after start; a one-shot command
 * must not race it. Locations are the files' URIs, as FileInstall writes them, so FileInstall adopts
 * these bundles instead of installing them twice.
 */
final class PluginInstaller {
  /** The framework property FileInstall reads for the folder it watches. */
  static final String WATCHED_DIR = "felix.fileinstall.dir";

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
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(folder, "*.jar")) {
      for (Path jar : jars) {
        String location = jar.toUri().normalize().toString();
        if (context.getBundle(location) != null) {
          continue;
        }
        try {
          Bundle b = context.installBundle(location);
          if (b.getHeaders().get("Fragment-Host") == null) {
            b.start();
          }
        } catch (BundleException | RuntimeException e) {
          err.println("kiln: plugin " + jar + " was not started: " + e.getMessage());
        }
      }
    } catch (IOException e) {
      err.println("kiln: cannot read the plugins folder " + folder + ": " + e.getMessage());
    }
  }
}
