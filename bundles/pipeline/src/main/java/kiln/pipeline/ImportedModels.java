package kiln.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.model.LayerGraph;
import kiln.api.model.QuantizeJob;
import kiln.api.model.QuantizeResult;
import kiln.keras.KerasModelFile;
import kiln.keras.MltkArchive;
import kiln.spec.KilnModel;
import kiln.spec.ModelFinder;
import kiln.spec.QuantizeJobs;
import kiln.util.AtomicFiles;

/**
 * {@code kiln:quantize FILE.h5 | NAME.mltk.zip --dataset NAME}: quantizes a Keras model imported by
 * kiln.keras (MLTK's float model) with the Quantizer service, calibrated on training samples of a
 * dataset. The layers and weights come from the file; the data settings (frontend, classes, data
 * generator, tflite_converter settings, model parameters) from the Kiln spec of the model's name (on
 * the model path or bundled; {@code --spec} names another), whose {@code dataset} {@code --dataset}
 * replaces. Writes {@code NAME.kiln.tflite} (or {@code -o FILE}); an MLTK archive is never changed.
 */
public final class ImportedModels {
  private final ModelFinder finder;
  private final ArchiveTasks.DataSource data;
  private final Catalog catalog;
  private final ArchiveTasks.Choices choices;
  private final Path workingDir;

  public ImportedModels(ModelFinder finder, ArchiveTasks.DataSource data, Catalog catalog, ArchiveTasks.Choices choices,
      Path workingDir) {
    this.finder = finder;
    this.data = data;
    this.catalog = catalog;
    this.choices = choices == null ? ArchiveTasks.Choices.DEFAULTS : choices;
    this.workingDir = workingDir;
  }

  /** Whether {@code target} names a file this class quantizes (a Keras .h5 or an MLTK archive). */
  public static boolean accepts(String target) {
    return target.endsWith(".h5") || target.endsWith(MltkArchive.SUFFIX);
  }

  /**
   * Quantizes the model in {@code file}.
   *
   * @param dataset the dataset of the representative samples (null: the spec's)
   * @param specName the spec giving the data settings (null: the one named like the model)
   * @param output where to write the .tflite (null or empty: NAME.kiln.tflite in the working directory)
   */
  public String quantize(String file, String dataset, String specName, String output, Progress progress) {
    Path path = workingDir.resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new KilnException(path + ": no such file (expected a Keras .h5 model or an MLTK .mltk.zip archive)");
    }
    MltkArchive archive;
    KerasModelFile model;
    try {
      archive = MltkArchive.isArchive(path) ? MltkArchive.read(path) : null;
      model = archive != null ? archive.model() : KerasModelFile.read(path);
    } catch (NoClassDefFoundError e) {
      throw new KilnException(path + ": importing Keras models needs the kiln.keras bundle, which is not installed");
    }
    LayerGraph graph = model.graph();
    KilnModel spec = spec(specName == null || specName.isBlank() ? graph.name() : specName, path);
    if (dataset != null && !dataset.isBlank()) {
      spec.dataset = dataset;
    }
    int[] want = spec.inputShape();
    int[] have = graph.layer(graph.inputs().get(0)).outputShape();
    if (!Arrays.equals(want, have)) {
      throw new KilnException(path + ": the model's input is " + Arrays.toString(have) + " but the spec "
          + spec.name() + " makes samples of " + Arrays.toString(want) + "; pass --spec with a spec whose"
          + " frontend settings give the model's input");
    }
    Steps steps = catalog.steps(null, first(choices.quantizer(), spec.quantizer),
        first(choices.interpreter(), spec.interpreter), null, false);
    long seed = choices.seed() != null ? choices.seed() : spec.seed;
    ModelData.Samples rep = data.samples(spec, true, QuantizeJobs.maxSamples(spec), seed, progress);
    progress.message("quantizing " + path.getFileName() + " with " + steps.quantizerName() + " (" + rep.size()
        + " representative training samples of " + spec.dataset + ", settings of spec " + spec.name() + ")");
    QuantizeResult q = steps.quantizer().quantize(new QuantizeJob(graph, model.weights(), rep.x(),
        spec.tfliteConverterSettings(), QuantizeJobs.parameters(spec), steps.interpreter(), progress));
    Path out = workingDir.resolve(output == null || output.isEmpty() ? graph.name() + ".kiln.tflite" : output);
    AtomicFiles.write(out, q.tflite());
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "wrote %s (%,d bytes, runtime memory %,d bytes, calibrated on %d samples)", out, q.tflite().length,
        q.runtimeMemoryBytes(), q.calibrationSamples()));
    if (archive != null && archive.tflite() != null) {
      sb.append('\n').append(WeightsAgreement.of(q.tflite(), archive.tflite(), archive.name() + ".tflite"));
    }
    return sb.toString();
  }

  private KilnModel spec(String name, Path file) {
    String why = "not found";
    try {
      if (finder.find(name) != null) {
        return finder.load(name);
      }
    } catch (KilnException e) {
      why = e.getMessage();
    }
    throw new KilnException(file + ": the data settings (frontend, classes, data generator) come from a Kiln"
        + " spec, and none named " + name + " could be loaded (" + why + "); pass --spec NAME");
  }

  private static String first(String option, String spec) {
    return option != null && !option.isBlank() ? option : spec;
  }
}
