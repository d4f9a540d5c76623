package kiln.pipeline.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import kiln.api.Progress;

/**
 * Prints progress lines as they come (a command's result is printed at the end) straight to the
 * process's standard output: inside a command System.out is Gogo's per-thread stream, which the
 * headless runner's session points back at itself (printing there recurses until the stack
 * overflows). Known totals are printed every tenth.
 */
enum ConsoleProgress implements Progress {
  INSTANCE;

  static final PrintStream STDOUT = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
      StandardCharsets.UTF_8);

  @Override
  public void report(String task, long done, long total) {
    if (total > 0 && (done == total || done % Math.max(1, total / 10) == 0)) {
      STDOUT.println(task + ": " + done + "/" + total);
    }
  }

  @Override
  public void message(String line) {
    STDOUT.println(line);
    STDOUT.flush();
  }
}
