package kiln.profile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import kiln.api.KilnException;

/**
 * Finds the .tflite a user names: a .tflite file, or the .tflite inside a model archive (Kiln's
 * {@code NAME.kiln.zip} or MLTK's {@code NAME.mltk.zip}).
 */
final class ModelSource {
  /** A model to profile: its name, its bytes, where they came from. */
  record Model(String name, byte[] tflite, String origin) {}

  private ModelSource() {}

  /** Whether {@code target} names a file Kiln can profile directly. */
  static boolean isFile(String target) {
    return Files.isRegularFile(Path.of(target));
  }

  static Model load(String target) {
    Path file = Path.of(target);
    if (!Files.isRegularFile(file)) {
      throw new KilnException("model " + target + ": expected a .tflite file or a model archive"
          + " (.kiln.zip, .mltk.zip), found no such file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KilnException("cannot read " + file + ": " + e.getMessage(), e);
    }
    String fileName = file.getFileName().toString();
    if (isZip(bytes)) {
      return fromArchive(file, bytes, stem(fileName));
    }
    return new Model(stem(fileName), bytes, file.toString());
  }

  static Model fromArchive(Path file, byte[] zip, String name) {
    List<String> tflites = new ArrayList<>();
    byte[] chosen = null;
    String chosenName = null;
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String entry = e.getName();
        if (e.isDirectory() || !entry.toLowerCase(Locale.ROOT).endsWith(".tflite")) {
          continue;
        }
        tflites.add(entry);
        byte[] data = readAll(in);
        // prefer the top-level model named like the archive, else the first top-level .tflite
        boolean topLevel = !entry.contains("/");
        boolean named = entry.equals(name + ".tflite");
        if (chosen == null || (named && !chosenName.equals(name + ".tflite"))
            || (topLevel && chosenName.contains("/"))) {
          chosen = data;
          chosenName = entry;
        }
      }
    } catch (IOException e) {
      throw new KilnException("archive " + file + ": cannot read it as a zip: " + e.getMessage(), e);
    }
    if (chosen == null) {
      throw new KilnException("archive " + file + ": expected a .tflite entry, found none");
    }
    return new Model(name, chosen, file + "!" + chosenName);
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }

  static boolean isZip(byte[] b) {
    return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
  }

  /** File name without .tflite / .kiln.zip / .mltk.zip / .zip. */
  static String stem(String fileName) {
    for (String ext : new String[] {".kiln.zip", ".mltk.zip", ".zip", ".tflite"}) {
      if (fileName.toLowerCase(Locale.ROOT).endsWith(ext)) {
        return fileName.substring(0, fileName.length() - ext.length());
      }
    }
    return fileName;
  }
}
