package kiln.platform.teststeps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.osgi.framework.BundleContext;

/**
 * Appends one line per call to the file named by the framework (or system) property
 * {@code kiln.testSteps.log}, so a test in another process or bundle can see which step ran.
 */
final class CallLog {
  private CallLog() {}

  static synchronized void add(BundleContext context, String line) {
    String file = context == null ? null : context.getProperty("kiln.testSteps.log");
    if (file == null) {
      return;
    }
    try {
      Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the call log " + file, e);
    }
  }
}
