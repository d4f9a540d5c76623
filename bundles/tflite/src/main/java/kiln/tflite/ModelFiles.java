package kiln.tflite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import kiln.api.KilnException;

/** Finds the .tflite bytes of a path: a .tflite file, or the model inside a .kiln.zip/.mltk.zip. */
public final class ModelFiles {
  private static final long MAX_MODEL_BYTES = 1L << 31;

  private ModelFiles() {}

  /** Whether the path names something this bundle reads. */
  public static boolean isModelPath(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.endsWith(".tflite") || p.endsWith(".kiln.zip") || p.endsWith(".mltk.zip");
  }

  /** The .tflite bytes; for an archive, those of its {@code <name>.tflite} entry. */
  public static byte[] readTflite(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new KilnException(path + ": expected a .tflite file or a .kiln.zip/.mltk.zip "
          + "archive, found no such file");
    }
    String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".tflite")) {
      return TfliteModel.readBytes(path);
    }
    try (ZipFile zip = new ZipFile(path.toFile())) {
      ZipEntry entry = tfliteEntry(zip, path);
      if (entry.getSize() > MAX_MODEL_BYTES) {
        throw new KilnException(path + "!" + entry.getName() + ": " + entry.getSize()
            + " bytes, more than a .tflite can hold");
      }
      try (InputStream in = zip.getInputStream(entry)) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new KilnException(path + ": expected a zip archive holding a .tflite model, "
          + "cannot read it: " + e.getMessage(), e);
    }
  }

  /** What to call the model in messages: the archive path plus the entry, or the file. */
  public static String modelName(Path path) {
    String file = path.getFileName().toString();
    for (String ext : new String[] {".tflite", ".kiln.zip", ".mltk.zip"}) {
      if (file.toLowerCase(Locale.ROOT).endsWith(ext)) {
        return file.substring(0, file.length() - ext.length());
      }
    }
    return file;
  }

  private static ZipEntry tfliteEntry(ZipFile zip, Path path) {
    String base = modelName(path);
    List<ZipEntry> candidates = new ArrayList<>();
    var entries = zip.entries();
    while (entries.hasMoreElements()) {
      ZipEntry e = entries.nextElement();
      if (!e.isDirectory() && e.getName().endsWith(".tflite")) {
        candidates.add(e);
      }
    }
    for (ZipEntry e : candidates) {
      if (e.getName().equals(base + ".tflite")) {
        return e;
      }
    }
    for (ZipEntry e : candidates) {
      if (!e.getName().contains("/") && !e.getName().endsWith(".test.tflite")) {
        return e;
      }
    }
    if (!candidates.isEmpty()) {
      return candidates.get(0);
    }
    throw new KilnException(path + ": expected a .tflite model inside the archive, found none");
  }
}
