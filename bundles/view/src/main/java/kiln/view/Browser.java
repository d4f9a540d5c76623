package kiln.view;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a file in the default browser: {@code java.awt.Desktop} where the JVM has a desktop,
 * else {@code xdg-open} when it is on the PATH and a display is set.
 */
final class Browser {
  private Browser() {}

  /** @return how the file was opened, or why it was not (then the caller prints the path) */
  static String open(Path file) {
    try {
      if (!java.awt.GraphicsEnvironment.isHeadless() && java.awt.Desktop.isDesktopSupported()
          && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
        java.awt.Desktop.getDesktop().browse(file.toUri());
        return "opened in the default browser";
      }
    } catch (Exception | LinkageError e) {
      // no usable desktop (java.awt.headless, no display): try xdg-open below
    }
    String display = System.getenv("DISPLAY");
    String wayland = System.getenv("WAYLAND_DISPLAY");
    if ((display == null || display.isBlank()) && (wayland == null || wayland.isBlank())) {
      return "not opened: no display (DISPLAY and WAYLAND_DISPLAY are unset)";
    }
    Path xdg = onPath("xdg-open");
    if (xdg == null) {
      return "not opened: no desktop browse support and no xdg-open on the PATH";
    }
    try {
      new ProcessBuilder(xdg.toString(), file.toString()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return "opened with " + xdg;
    } catch (java.io.IOException e) {
      return "not opened: " + xdg + " failed: " + e.getMessage();
    }
  }

  /** The executable of that name in a PATH folder, or null. */
  static Path onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }
}
