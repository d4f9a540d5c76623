package kiln.pipeline.internal;

import java.util.function.Supplier;
import kiln.api.KilnException;

/** What the pipeline's Gogo commands share: option parsing and turning failures into Kiln errors. */
final class Commands {
  private Commands() {}

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** {@code --seed N}: null when absent; a malformed value is an error, never ignored. */
  static Long seed(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      throw new KilnException("--seed: expected an integer, got '" + s + "'");
    }
  }

  /** Runs a command body; an unexpected exception becomes a KilnException naming what was done and why. */
  static String guard(String what, Supplier<String> body) {
    try {
      return body.get();
    } catch (KilnException e) {
      throw e;
    } catch (RuntimeException | Error e) {
      if (Boolean.getBoolean("kiln.debug")) {
        e.printStackTrace(ConsoleProgress.STDOUT);
      }
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String kind = e instanceof OutOfMemoryError ? "ran out of memory" : "failed";
      throw new KilnException(what + " " + kind + ": " + e + (root == e ? "" : " (caused by " + root + ")"), e);
    }
  }
}
