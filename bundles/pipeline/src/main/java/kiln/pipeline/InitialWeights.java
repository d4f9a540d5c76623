package kiln.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.model.LayerGraph;
import kiln.api.model.ModelArchive;
import kiln.api.model.TensorData;
import kiln.api.model.WeightSpec;
import kiln.api.model.Weights;
import kiln.archive.ArchiveLayout;
import kiln.archive.ArchiveReader;
import kiln.keras.KerasModelFile;
import kiln.keras.MltkArchive;
import kiln.spec.KilnModel;
import kiln.spec.ModelFinder;
import kiln.util.data.Checksum;

/**
 * A spec's {@code initialWeights}: the trained weights of another model, taken as Keras'
 * {@code load_weights(path, by_name=True, skip_mismatch=True)} takes them (MLTK's transfer learning):
 * each variable of the graph by its name ({@code layer/kernel}) when the source has it with the same
 * shape; the rest keep their initializers (the weights come back {@link Weights#partial() partial}).
 */
final class InitialWeights {
  /**
   * @param weights the variables taken from the source, marked partial
   * @param provenance what the archive's provenance records: the setting, the file, its SHA-256, what
   *     was taken and skipped
   */
  record Loaded(Weights weights, Map<String, Object> provenance) {}

  private InitialWeights() {}

  /**
   * Reads the weights {@code model.initialWeights} names and keeps those of {@code graph}.
   *
   * @param name the model as messages name it ({@code NAME} or {@code NAME-test})
   * @param currentDir where bundled specs' archives are (and relative paths resolve for them)
   */
  static Loaded load(KilnModel model, String name, LayerGraph graph, ModelFinder finder, ModelArchive archives,
      Path currentDir, Progress progress) {
    String from = model.initialWeights;
    Path base = model.specPath() != null ? model.specPath().toAbsolutePath().getParent() : currentDir;
    Path file;
    if (isFile(from)) {
      file = base.resolve(from);
      if (!Files.isRegularFile(file)) {
        throw new KilnException("initialWeights of " + name + ": " + file + " not found (expected a .kiln.zip,"
            + " .mltk.zip or Keras .h5 file holding trained weights)");
      }
    } else {
      try {
        file = ArchiveTasks.locate(finder, base, from);
      } catch (KilnException e) {
        throw new KilnException("initialWeights of " + name + ": " + name + " starts from the trained weights of "
            + from + ", which has no trained archive: " + e.getMessage(), e);
      }
    }
    Weights source = read(file, archives);
    String sourceName = isFile(from) ? file.getFileName().toString() : from;

    Weights taken = new Weights().partial();
    List<String> skipped = new ArrayList<>();
    List<String> skippedNames = new ArrayList<>();
    for (WeightSpec w : graph.weights()) {
      TensorData t = source.get(w.name());
      if (t != null && Arrays.equals(t.shape(), w.shape())) {
        taken.put(w.name(), t);
        continue;
      }
      skippedNames.add(w.name());
      skipped.add(t == null ? w.name() + " (not in " + sourceName + ")"
          : w.name() + " (" + Arrays.toString(w.shape()) + " here, " + Arrays.toString(t.shape()) + " in "
              + sourceName + ")");
    }
    if (taken.size() == 0) {
      throw new KilnException("initialWeights of " + name + ": none of the " + source.size() + " weights of "
          + sourceName + " (" + file + ") matches a weight of " + name + " by name and shape; weights are taken by"
          + " layer name, so give the shared layers the names they have in " + sourceName + " (" + name + " has "
          + first(graph.weights().stream().map(WeightSpec::name).toList()) + ", " + sourceName + " has "
          + first(new ArrayList<>(source.asMap().keySet())) + ")");
    }
    String hash = sha256(file);
    progress.message("Initial weights from " + sourceName + " (" + file + ", SHA-256 " + hash + "): took "
        + taken.size() + " of " + graph.weights().size() + " weights by name and shape"
        + (skipped.isEmpty() ? "" : "; " + skipped.size() + " skipped, left to their initializers: "
            + String.join(", ", skipped)));

    Map<String, Object> p = new LinkedHashMap<>();
    p.put("from", from);
    p.put("file", file.getFileName().toString());
    p.put("sha256", hash);
    p.put("taken", taken.size());
    p.put("skipped", skippedNames);
    return new Loaded(taken, p);
  }

  /** Whether the setting names a file rather than a model. */
  private static boolean isFile(String from) {
    return from.endsWith(ArchiveLayout.SUFFIX) || from.endsWith(".mltk.zip") || from.endsWith(".h5")
        || from.endsWith(".zip");
  }

  private static Weights read(Path file, ModelArchive archives) {
    String n = file.getFileName().toString();
    if (n.endsWith(".h5") || n.endsWith(".mltk.zip")) {
      try {
        return n.endsWith(".h5") ? KerasModelFile.read(file).weights() : MltkArchive.read(file).model().weights();
      } catch (NoClassDefFoundError e) {
        throw new KilnException(file + ": reading Keras weights needs the kiln.keras bundle, which is not installed");
      }
    }
    ArchiveReader r = ArchiveReader.of(archives.read(file), file);
    if (!r.has(ArchiveLayout.weights(r.model()))) {
      throw new KilnException(file + ": holds no trained weights in Kiln's format ("
          + ArchiveLayout.weights(r.model()) + ")");
    }
    return r.weights();
  }

  private static String sha256(Path file) {
    try {
      return Checksum.hex("SHA-256", file);
    } catch (IOException e) {
      throw new KilnException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** The first few names of a list, for messages. */
  private static String first(List<String> names) {
    return names.size() <= 4 ? names.toString()
        : names.subList(0, 4).toString().replace("]", ", ... (" + names.size() + " in all)]");
  }
}
