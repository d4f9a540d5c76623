package kiln.util;

import java.io.IOException;
import kiln.api.KilnException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old file or the whole new one: the content goes to a
 * hidden temporary file in the same folder ({@code .<name><random>.tmp}), which is then moved into
 * place with {@code ATOMIC_MOVE, REPLACE_EXISTING}. The folder is created when missing; the temporary
 * file never outlives the call.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Streams a file's content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code bytes} to {@code file}.
   *
   * @throws KilnException "cannot write FILE: reason" when it cannot be written
   */
  public static void write(Path file, byte[] bytes) {
    try {
      writeOrThrow(file, out -> out.write(bytes));
    } catch (IOException e) {
      throw new KilnException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code text} as UTF-8, like {@link #write(Path, byte[])}. */
  public static void write(Path file, String text) {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes what {@code content} streams; the IOException is left to the caller, whose message can name
   * the file by its role ("checkpoint", "archive").
   */
  public static void writeOrThrow(Path file, Content content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        content.writeTo(out);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // best effort: the temporary file is hidden and named after its target
      }
    }
  }
}
