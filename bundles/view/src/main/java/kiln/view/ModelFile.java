package kiln.view;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import kiln.api.KilnException;

/**
 * The .tflite a user names: a .tflite file, the .tflite inside a model archive ({@code .kiln.zip},
 * {@code .mltk.zip}), or a model name whose archive {@code NAME.kiln.zip} (or {@code NAME.mltk.zip})
 * is in the working folder, where {@code kiln:train} writes it.
 */
final class ModelFile {
  /** Refuse archive entries larger than this (a .tflite for a microcontroller is far smaller). */
  static final long MAX_TFLITE_BYTES = 1L << 30;

  /** A model to draw: its name, its bytes, where they came from. */
  record Model(String name, byte[] tflite, String origin) {}

  private ModelFile() {}

  static Model load(String target, Path workingDir) {
    Path file = workingDir.resolve(target).toAbsolutePath().normalize();
    if (Files.isRegularFile(file)) {
      byte[] bytes = read(file);
      String stem = stem(file.getFileName().toString());
      return isZip(bytes) ? fromArchive(file, bytes, stem) : new Model(stem, bytes, file.toString());
    }
    if (!target.matches("[A-Za-z0-9_]+(-test)?")) {
      throw new KilnException("model " + target + ": expected a .tflite file, a model archive (.kiln.zip,"
          + " .mltk.zip) or a model name, found no such file");
    }
    for (String suffix : new String[] {".kiln.zip", ".mltk.zip"}) {
      Path archive = workingDir.resolve(target + suffix);
      if (Files.isRegularFile(archive)) {
        return fromArchive(archive, read(archive), target);
      }
    }
    throw new KilnException("model " + target + ": no archive " + target + ".kiln.zip or " + target
        + ".mltk.zip in " + workingDir.toAbsolutePath() + "; train the model first (kiln:train " + target
        + ") or pass its .tflite file");
  }

  /** The archive's top-level NAME.tflite, else its first top-level .tflite, else any .tflite. */
  static Model fromArchive(Path file, byte[] zip, String name) {
    byte[] chosen = null;
    String chosenName = null;
    int rank = Integer.MAX_VALUE;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String entry = e.getName();
        String lower = entry.toLowerCase(Locale.ROOT);
        // NAME.float32.tflite is the float model; the view shows the int8 model the device runs
        if (e.isDirectory() || !lower.endsWith(".tflite") || lower.endsWith(".float32.tflite")) {
          continue;
        }
        int r = entry.equals(name + ".tflite") ? 0 : entry.contains("/") ? 2 : 1;
        if (r < rank) {
          chosen = readBounded(in, file, entry);
          chosenName = entry;
          rank = r;
        }
      }
    } catch (IOException e) {
      throw new KilnException("archive " + file + ": cannot read it as a zip: " + e.getMessage(), e);
    }
    if (chosen == null) {
      throw new KilnException("archive " + file + ": expected a .tflite entry, found none (train or"
          + " quantize the model first, or pass a .tflite file)");
    }
    return new Model(name, chosen, file + "!" + chosenName);
  }

  private static byte[] readBounded(ZipInputStream in, Path file, String entry) throws IOException {
    byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_TFLITE_BYTES + 1));
    if (data.length > MAX_TFLITE_BYTES) {
      throw new KilnException("archive " + file + ": entry " + entry + " is larger than "
          + MAX_TFLITE_BYTES + " bytes");
    }
    return data;
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KilnException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static boolean isZip(byte[] b) {
    return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
  }

  /** File name without .kiln.zip / .mltk.zip / .zip / .tflite. */
  static String stem(String fileName) {
    for (String ext : new String[] {".kiln.zip", ".mltk.zip", ".zip", ".tflite"}) {
      if (fileName.toLowerCase(Locale.ROOT).endsWith(ext)) {
        return fileName.substring(0, fileName.length() - ext.length());
      }
    }
    return fileName;
  }
}
