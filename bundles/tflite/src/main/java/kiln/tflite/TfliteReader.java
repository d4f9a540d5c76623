package kiln.tflite;

import java.nio.file.Path;
import kiln.tflite.internal.ModelDecoder;

/** Reads .tflite files into {@link TfliteModel}s, validating them on the way. */
public final class TfliteReader {
  private TfliteReader() {}

  /**
   * Reads and validates a .tflite file.
   *
   * @throws kiln.api.KilnException naming the file, the place and what was expected
   */
  public static TfliteModel read(Path file) {
    return read(TfliteModel.readBytes(file), file.toString());
  }

  /**
   * Reads and validates .tflite bytes.
   *
   * @param source what to call the bytes in messages (usually the file name)
   * @throws kiln.api.KilnException naming the source, the place and what was expected
   */
  public static TfliteModel read(byte[] flatbuffer, String source) {
    return ModelDecoder.decode(flatbuffer, source);
  }
}
