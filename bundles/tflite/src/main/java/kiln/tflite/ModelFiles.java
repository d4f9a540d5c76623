package kiln.tflite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import kiln.api.KilnException;

/**
 * The one place that finds the .tflite a user names: a .tflite file, the model inside a model
 * archive ({@code .kiln.zip}, MLTK's {@code .mltk.zip}; recognised by content, not only by name), or
 * a model name whose archive is in the working folder, where {@code kiln:train} writes it. Used by
 * summarize, profile and view.
 */
public final class ModelFiles {
  /** Refuse archive entries larger than this (a .tflite for a microcontroller is far smaller). */
  static final long MAX_MODEL_BYTES = 1L << 30;

  /** A model found: its name, its bytes, where they came from ({@code archive!entry} or the file). */
  public record Model(String name, byte[] tflite, String origin) {}

  private ModelFiles() {}

  /** Whether the path names something this class reads. */
  public static boolean isModelPath(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.endsWith(".tflite") || p.endsWith(".kiln.zip") || p.endsWith(".mltk.zip");
  }

  /** The .tflite bytes of a file or archive; for an archive, those of its model entry. */
  public static byte[] readTflite(Path path) {
    return load(path).tflite();
  }

  /** A .tflite file or a model archive. */
  public static Model load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new KilnException("model " + file + ": expected a .tflite file or a model archive (.kiln.zip,"
          + " .mltk.zip), found no such file");
    }
    String name = modelName(file);
    if (!isZip(file)) {
      return new Model(name, TfliteModel.readBytes(file), file.toString());
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry entry = modelEntry(zip, name, file);
      try (InputStream in = zip.getInputStream(entry)) {
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_MODEL_BYTES + 1));
        if (data.length > MAX_MODEL_BYTES) {
          throw new KilnException("archive " + file + ": entry " + entry.getName() + " is larger than "
              + MAX_MODEL_BYTES + " bytes");
        }
        return new Model(name, data, file + "!" + entry.getName());
      }
    } catch (IOException e) {
      throw new KilnException("archive " + file + ": cannot read it as a zip: " + e.getMessage(), e);
    }
  }

  /**
   * {@code target} as a file (relative to {@code workingDir}), else as the name of a model whose
   * {@code NAME.kiln.zip} or {@code NAME.mltk.zip} is in {@code workingDir}.
   */
  public static Model find(String target, Path workingDir) {
    Path file = workingDir.resolve(target).toAbsolutePath().normalize();
    if (Files.isRegularFile(file)) {
      return load(file);
    }
    if (!target.matches("[A-Za-z0-9_]+(-test)?")) {
      throw new KilnException("model " + target + ": expected a .tflite file, a model archive (.kiln.zip,"
          + " .mltk.zip) or a model name, found no such file");
    }
    for (String suffix : new String[] {".kiln.zip", ".mltk.zip"}) {
      Path archive = workingDir.resolve(target + suffix);
      if (Files.isRegularFile(archive)) {
        return load(archive);
      }
    }
    throw new KilnException("model " + target + ": no archive " + target + ".kiln.zip or " + target
        + ".mltk.zip in " + workingDir.toAbsolutePath() + "; train the model first (kiln:train " + target
        + ") or pass its .tflite file");
  }

  /** The file name without .kiln.zip / .mltk.zip / .zip / .tflite. */
  public static String modelName(Path path) {
    String file = path.getFileName().toString();
    for (String ext : new String[] {".kiln.zip", ".mltk.zip", ".zip", ".tflite"}) {
      if (file.toLowerCase(Locale.ROOT).endsWith(ext)) {
        return file.substring(0, file.length() - ext.length());
      }
    }
    return file;
  }

  /**
   * The device's model in an archive: {@code NAME.tflite}, else a top-level .tflite that is not the
   * float32 or -test copy, else one in a folder, else any .tflite.
   */
  private static ZipEntry modelEntry(ZipFile zip, String name, Path file) {
    ZipEntry best = null;
    int bestRank = Integer.MAX_VALUE;
    for (Enumeration<? extends ZipEntry> it = zip.entries(); it.hasMoreElements(); ) {
      ZipEntry e = it.nextElement();
      String n = e.getName();
      String lower = n.toLowerCase(Locale.ROOT);
      if (e.isDirectory() || !lower.endsWith(".tflite")) {
        continue;
      }
      boolean copy = lower.endsWith(".float32.tflite") || lower.endsWith(".test.tflite");
      int rank = n.equals(name + ".tflite") ? 0 : copy ? 3 : n.contains("/") ? 2 : 1;
      if (rank < bestRank) {
        best = e;
        bestRank = rank;
      }
    }
    if (best == null) {
      throw new KilnException("archive " + file + ": expected a .tflite entry, found none (train or quantize"
          + " the model first, or pass a .tflite file)");
    }
    return best;
  }

  private static boolean isZip(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] b = in.readNBytes(4);
      return b.length == 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    } catch (IOException e) {
      throw new KilnException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
