package kiln.quantize.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.ServiceNames;
import kiln.api.data.Dataset;
import kiln.api.data.DatasetProvider;
import kiln.api.model.Evaluator;
import kiln.api.model.Trainer;
import kiln.augment.AudioDataGenerators;
import kiln.quantize.ModelData;
import kiln.spec.KilnModel;
import kiln.spec.ModelFinder;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Gogo commands {@code kiln:quantize} and {@code kiln:evaluate}. */
@Component(service = QuantizeCommands.class, property = {
    "osgi.command.scope=kiln", "osgi.command.function=quantize", "osgi.command.function=evaluate"})
public final class QuantizeCommands {
  @Reference
  private ModelFinder finder;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile AudioDataGenerators generators;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile Trainer trainer;

  @Reference(target = "(" + ServiceNames.NAME + "=classifier)", cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
  private volatile Evaluator classifier;

  @Reference(target = "(" + ServiceNames.NAME + "=autoencoder)", cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
  private volatile Evaluator autoencoder;

  private final Map<String, DatasetProvider> datasets = new ConcurrentHashMap<>();

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY, service = DatasetProvider.class)
  void addDataset(DatasetProvider p, Map<String, Object> props) {
    datasets.put(String.valueOf(props.get(ServiceNames.NAME)), p);
  }

  void removeDataset(DatasetProvider p, Map<String, Object> props) {
    datasets.remove(String.valueOf(props.get(ServiceNames.NAME)), p);
  }

  @Descriptor("re-run int8 post-training quantization from a model archive (NAME.kiln.zip): "
      + "updates NAME.tflite, NAME.float32.tflite and the fidelity report in the archive")
  public String quantize(
      @Descriptor("also write the .tflite to this file") @Parameter(names = {"-o", "--output"}, absentValue = "")
          String output,
      @Descriptor("model name, or path of NAME.kiln.zip") String name) {
    return tasks().quantize(name, output, ConsoleProgress.INSTANCE);
  }

  @Descriptor("evaluate a trained model on its validation set; results go to the archive's eval/float "
      + "(or eval/tflite with --tflite)")
  public String evaluate(
      @Descriptor("evaluate the int8 .tflite through the kiln-micro interpreter")
          @Parameter(names = "--tflite", presentValue = "true", absentValue = "false") boolean tflite,
      @Descriptor("use at most N validation samples (default: all)")
          @Parameter(names = "--count", absentValue = "-1") int count,
      @Descriptor("also list the plots written and print the fidelity report")
          @Parameter(names = "--show", presentValue = "true", absentValue = "false") boolean show,
      @Descriptor("model name, or path of NAME.kiln.zip") String name) {
    return tasks().evaluate(name, tflite, count, show, ConsoleProgress.INSTANCE);
  }

  private ArchiveTasks tasks() {
    return new ArchiveTasks(finder, this::samples, trainer, classifier, autoencoder,
        Path.of(System.getProperty("user.dir")));
  }

  private ModelData.Samples samples(KilnModel model, boolean training, int max, Progress progress) {
    AudioDataGenerators g = generators;
    if (g == null) {
      throw new KilnException("the audio data generator (bundle kiln.augment) is not installed; it "
          + "makes the evaluation and representative samples");
    }
    return ModelData.audio(g, dataset(model, progress), model, training, max, 42, progress);
  }

  private Dataset dataset(KilnModel model, Progress progress) {
    String d = model.dataset;
    if (d == null) {
      throw new KilnException(model.name() + ": the spec names no dataset");
    }
    String location = null;
    String provider = d;
    if (d.startsWith("directory:")) {
      provider = "directory";
      location = d.substring("directory:".length());
    } else if (!datasets.containsKey(d) && Files.isDirectory(Path.of(d))) {
      provider = "directory";
      location = d;
    }
    DatasetProvider p = datasets.get(provider);
    if (p == null) {
      throw new KilnException(model.name() + ": dataset '" + provider + "' is not installed; installed: "
          + new java.util.TreeSet<>(datasets.keySet()));
    }
    return location == null ? p.load(progress) : p.load(location, progress);
  }

  /** Prints progress lines (messages, and every tenth of a known total). */
  enum ConsoleProgress implements Progress {
    INSTANCE;

    @Override
    public void report(String task, long done, long total) {
      if (total > 0 && (done == total || done % Math.max(1, total / 10) == 0)) {
        System.out.println(task + ": " + done + "/" + total);
      }
    }

    @Override
    public void message(String line) {
      System.out.println(line);
    }
  }
}
