package kiln.keras;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.archive.ZipArchives;

/**
 * MLTK's model archive {@code NAME.mltk.zip}, read as data: the Keras model of {@code NAME.h5}, the
 * int8 {@code NAME.tflite} TensorFlow's converter made from it, and the Python spec
 * {@code NAME.py} as text (never run). Entries are read within kiln.archive's size limits.
 *
 * @param file the archive (for messages)
 * @param name the model name (the file name without {@code .mltk.zip})
 * @param model the float model of {@code NAME.h5}
 * @param tflite the bytes of {@code NAME.tflite}, or null when the archive has none
 * @param specSource the text of {@code NAME.py}, or null
 */
public record MltkArchive(String file, String name, KerasModelFile model, byte[] tflite, String specSource) {
  public static final String SUFFIX = ".mltk.zip";

  /** Whether the path names an MLTK archive (by its suffix). */
  public static boolean isArchive(Path file) {
    return file.getFileName() != null && file.getFileName().toString().endsWith(SUFFIX);
  }

  /**
   * Reads the archive.
   *
   * @throws KilnException naming the archive when it is missing, not a zip, or holds no .h5 model
   */
  public static MltkArchive read(Path file) {
    String fileName = file.getFileName().toString();
    String name = fileName.endsWith(SUFFIX) ? fileName.substring(0, fileName.length() - SUFFIX.length()) : fileName;
    Map<String, byte[]> entries = ZipArchives.read(file);
    String h5 = name + ".h5";
    if (!entries.containsKey(h5)) {
      // a renamed archive: its one top-level .h5
      List<String> found = entries.keySet().stream().filter(e -> e.endsWith(".h5") && !e.contains("/")).toList();
      if (found.size() != 1) {
        throw new KilnException(file + ": expected the Keras model " + name + ".h5 in the archive, found "
            + (found.isEmpty() ? "no .h5 entry" : found));
      }
      h5 = found.get(0);
      name = h5.substring(0, h5.length() - 3);
    }
    KerasModelFile model = KerasModelFile.read(entries.get(h5), file + "!" + h5);
    byte[] py = entries.get(name + ".py");
    return new MltkArchive(file.toString(), name, model, entries.get(name + ".tflite"),
        py == null ? null : new String(py, StandardCharsets.UTF_8));
  }
}
