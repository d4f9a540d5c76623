package kiln.tflite;

import java.nio.file.Path;
import kiln.util.AtomicFiles;
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
    AtomicFiles.write(file, write(model));
  }
}
