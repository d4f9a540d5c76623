package kiln.archive;

import kiln.util.WeightsFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import kiln.api.KilnException;
import kiln.api.model.Weights;
import kiln.util.json.Json;

/**
 * The entries a run adds to a model archive, named by {@link ArchiveLayout}. Collect what the run
 * produced and pass {@link #entries()} to {@code ModelArchive.update} (or {@link #writeTo}); only
 * what was set is written, so a later run (evaluation, quantization) adds its part to an existing
 * archive. The manifest {@code kiln-archive.json} is always included.
 *
 * <pre>
 * new ArchiveContents("kws")
 *     .spec(source).weights(result.weights())
 *     .history(TrainingHistory.of(result.history(), 0, Map.of()))
 *     .trainLog(log).provenance(provenance)
 *     .writeTo(dir.resolve(ArchiveLayout.archiveFileName("kws")));
 * </pre>
 */
public final class ArchiveContents {
  private final String model;
  private final Map<String, byte[]> entries = new LinkedHashMap<>();

  public ArchiveContents(String model) {
    if (model == null || !model.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
      throw new KilnException("archive model name '" + model
          + "': expected letters, digits, '_', '-' or '.'");
    }
    this.model = model;
  }

  public String model() {
    return model;
  }

  /** The specification's source ({@code NAME.java}). */
  public ArchiveContents spec(String source) {
    return put(ArchiveLayout.specSource(model), source.getBytes(StandardCharsets.UTF_8));
  }

  /** The trained float weights ({@code NAME.weights}, {@link WeightsFormat}). */
  public ArchiveContents weights(Weights weights) {
    return put(ArchiveLayout.weights(model), WeightsFormat.write(weights));
  }

  /** The float model's layer summary. */
  public ArchiveContents summary(String text) {
    return put(ArchiveLayout.summary(model), text.getBytes(StandardCharsets.UTF_8));
  }

  /** The quantized model. */
  public ArchiveContents tflite(byte[] flatbuffer) {
    return put(ArchiveLayout.tflite(model), flatbuffer);
  }

  public ArchiveContents tfliteSummary(String text) {
    return put(ArchiveLayout.tfliteSummary(model), text.getBytes(StandardCharsets.UTF_8));
  }

  /** The unquantized float32 .tflite. */
  public ArchiveContents float32Tflite(byte[] flatbuffer) {
    return put(ArchiveLayout.float32Tflite(model), flatbuffer);
  }

  public ArchiveContents trainLog(String text) {
    return put(ArchiveLayout.TRAIN_LOG, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@code train/training-history.json} and its plot {@code train/training-history.png} (drawn by
   * the caller, e.g. kiln.evaluate's TrainingHistoryPlot; null leaves the plot out).
   */
  public ArchiveContents history(TrainingHistory history, byte[] plotPng) {
    put(ArchiveLayout.TRAINING_HISTORY, history.toJson().getBytes(StandardCharsets.UTF_8));
    return plotPng == null ? this : put(ArchiveLayout.TRAINING_HISTORY_PLOT, plotPng);
  }

  public ArchiveContents provenance(Provenance provenance) {
    return put(ArchiveLayout.PROVENANCE, provenance.toJson().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Replaces {@code eval/float/} or {@code eval/tflite/} with the files of {@code dir} (what an
   * evaluator wrote), sub-folders included.
   *
   * @throws KilnException naming the folder when it cannot be read
   */
  public ArchiveContents evalDir(boolean tflite, Path dir) {
    String prefix = ArchiveLayout.evalDir(tflite);
    entries.put(prefix, null); // remove the previous evaluation first
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        entries.put(prefix + rel, Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new KilnException("cannot read evaluation folder " + dir + ": " + e.getMessage(), e);
    }
    return this;
  }

  /** Any other entry (a null value removes it from the archive). */
  public ArchiveContents put(String name, byte[] content) {
    entries.put(name, content);
    return this;
  }

  /** The entries to write, the manifest first. */
  public Map<String, byte[]> entries() {
    Map<String, byte[]> all = new LinkedHashMap<>();
    all.put(ArchiveLayout.MANIFEST, manifest(model, Instant.now()));
    all.putAll(entries);
    return all;
  }

  /** Adds these entries to the archive at {@code file} (created when missing), atomically. */
  public void writeTo(Path file) {
    ZipArchives.update(file, entries());
  }

  static byte[] manifest(String model, Instant updated) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format_version", ArchiveLayout.FORMAT_VERSION);
    m.put("model", model);
    m.put("kiln_version", Provenance.builder(model).build().kilnVersion());
    m.put("updated", updated.toString());
    return Json.writePretty(m).getBytes(StandardCharsets.UTF_8);
  }
}
