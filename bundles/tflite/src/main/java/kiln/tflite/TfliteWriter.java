package kiln.tflite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import kiln.api.KilnException;
import kiln.tflite.internal.ModelEncoder;

/**
 * Writes {@link TfliteModel}s as .tflite files that TFLite and TFLite Micro load: buffer 0 empty,
 * constant data aligned to 16 bytes, empty optional vectors left out, operator codes with both
 * builtin_code and deprecated_builtin_code, rank-1 tensors quantized along dimension 0, and a
 * {@code min_runtime_version} metadata entry when the model has none.
 */
public final class TfliteWriter {
  private TfliteWriter() {}

  /** The .tflite bytes. */
  public static byte[] write(TfliteModel model) {
    return ModelEncoder.encode(model);
  }

  /** Writes to a temp file next to {@code file}, then moves it into place atomically. */
  public static void write(TfliteModel model, Path file) {
    writeAtomically(file, write(model));
  }

  /** Writes bytes to a temp file beside {@code file} and moves it into place. */
  public static void writeAtomically(Path file, byte[] bytes) {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new KilnException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the move succeeded or the write failed; nothing more to do
        }
      }
    }
  }
}
