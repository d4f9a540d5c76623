package kiln.archive;

import kiln.util.WeightsFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import kiln.api.KilnException;
import kiln.api.model.Weights;
import kiln.util.json.Json;

/**
 * Typed access to a model archive's entries. Reads archives of this and every earlier format
 * version, and archives without a manifest (MLTK's {@code .mltk.zip}: format version 0, model
 * name from the file name), and refuses archives of a newer format with a message saying so.
 */
public final class ArchiveReader {
  private final String what;
  private final Map<String, byte[]> entries;
  private final int formatVersion;
  private final String model;

  /**
   * Wraps entries already read.
   *
   * @param what names the archive in messages (its file name)
   * @param fallbackModel the model name to use when the archive has no manifest
   */
  public ArchiveReader(String what, Map<String, byte[]> entries, String fallbackModel) {
    this.what = what;
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    byte[] manifest = entries.get(ArchiveLayout.MANIFEST);
    if (manifest == null) {
      this.formatVersion = 0;
      this.model = fallbackModel;
    } else {
      Map<String, Object> m =
          Json.parseObject(new String(manifest, StandardCharsets.UTF_8), what + "!" + ArchiveLayout.MANIFEST);
      Object v = m.get("format_version");
      if (!(v instanceof Number)) {
        throw new KilnException(what + ": " + ArchiveLayout.MANIFEST
            + " has no numeric format_version (found " + v + ")");
      }
      this.formatVersion = ((Number) v).intValue();
      if (formatVersion > ArchiveLayout.FORMAT_VERSION) {
        throw new KilnException(what + ": archive format version " + formatVersion
            + ", this Kiln reads versions up to " + ArchiveLayout.FORMAT_VERSION
            + " (written by a newer Kiln?)");
      }
      this.model = m.get("model") == null ? fallbackModel : m.get("model").toString();
    }
  }

  /** Reads the archive file; the model name defaults to the file name without its suffix. */
  public static ArchiveReader open(Path file) {
    return of(ZipArchives.read(file), file);
  }

  /** Entries read by a {@code ModelArchive} service from {@code file}. */
  public static ArchiveReader of(java.util.Map<String, byte[]> entries, Path file) {
    String fileName = file.getFileName().toString();
    String name = ArchiveLayout.modelName(fileName);
    if (name == null) {
      name = fileName.endsWith(".mltk.zip")
          ? fileName.substring(0, fileName.length() - ".mltk.zip".length())
          : fileName.replaceFirst("\\.zip$", "");
    }
    return new ArchiveReader(file.toString(), entries, name);
  }

  /** 0 for an archive without a manifest (not written by Kiln). */
  public int formatVersion() {
    return formatVersion;
  }

  public String model() {
    return model;
  }

  /** Every entry by name, in archive order. */
  public Map<String, byte[]> entries() {
    return entries;
  }

  public boolean has(String name) {
    return entries.containsKey(name);
  }

  /** An entry's bytes, or null. */
  public byte[] bytes(String name) {
    return entries.get(name);
  }

  /** An entry as UTF-8 text, or null. */
  public String text(String name) {
    byte[] b = entries.get(name);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  /** An entry that must be there. */
  public byte[] require(String name) {
    byte[] b = entries.get(name);
    if (b == null) {
      throw new KilnException(what + ": has no " + name + " (entries: " + entries.keySet() + ")");
    }
    return b;
  }

  public String specSource() {
    return text(ArchiveLayout.specSource(model));
  }

  /** The trained float weights. */
  public Weights weights() {
    String n = ArchiveLayout.weights(model);
    return WeightsFormat.read(require(n), what + "!" + n);
  }

  /** The quantized model, or null when not produced yet. */
  public byte[] tflite() {
    return bytes(ArchiveLayout.tflite(model));
  }

  public byte[] float32Tflite() {
    return bytes(ArchiveLayout.float32Tflite(model));
  }

  /** The provenance, or null when the archive has none. */
  public Provenance provenance() {
    String t = text(ArchiveLayout.PROVENANCE);
    return t == null ? null : Provenance.fromJson(t, what + "!" + ArchiveLayout.PROVENANCE);
  }

  /** The training history, or null. */
  public TrainingHistory history() {
    String t = text(ArchiveLayout.TRAINING_HISTORY);
    return t == null ? null : TrainingHistory.fromJson(t, what + "!" + ArchiveLayout.TRAINING_HISTORY);
  }

  /**
   * The files of an evaluation folder, by name relative to it. Also finds MLTK's
   * {@code eval/h5/} for the float model.
   */
  public Map<String, byte[]> evalFiles(boolean tflite) {
    Map<String, byte[]> out = new TreeMap<>();
    String prefix = ArchiveLayout.evalDir(tflite);
    collect(prefix, out);
    if (out.isEmpty() && !tflite) {
      collect("eval/h5/", out);
    }
    return out;
  }

  private void collect(String prefix, Map<String, byte[]> out) {
    entries.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            out.put(k.substring(prefix.length()), v);
          }
        });
  }
}
