package kiln.pipeline.internal;

import kiln.pipeline.ArchiveTasks;
import kiln.pipeline.Datasets;
import kiln.pipeline.ImportedModels;
import kiln.pipeline.ModelData;
import java.nio.file.Path;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.augment.AudioDataGenerators;
import kiln.image.ImageDataGenerators;
import kiln.spec.KilnModel;
import kiln.spec.ModelFinder;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Gogo commands {@code kiln:quantize} and {@code kiln:evaluate} on a trained model's archive. */
@Component(service = QuantizeCommands.class, property = {
    "osgi.command.scope=kiln", "osgi.command.function=quantize", "osgi.command.function=evaluate"})
public final class QuantizeCommands {
  @Reference
  private ModelFinder finder;

  @Reference
  private CatalogComponent catalog;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile AudioDataGenerators generators;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile ImageDataGenerators imageGenerators;


  @Descriptor("re-run post-training quantization from a model archive (NAME.kiln.zip), calibrated on "
      + "training samples: updates NAME.tflite, NAME.float32.tflite and the fidelity report in the archive; "
      + "or quantize a Keras FILE.h5 / MLTK NAME.mltk.zip into NAME.kiln.tflite (see --dataset, --spec)")
  public String quantize(
      @Descriptor("also write the .tflite to this file (.h5/.mltk.zip: the file written, default NAME.kiln.tflite)")
          @Parameter(names = {"-o", "--output"}, absentValue = "")
          String output,
      @Descriptor("seed of the representative sample selection (default: the seed the archive was trained with)")
          @Parameter(names = {"--seed"}, absentValue = "") String seed,
      @Descriptor("the Quantizer service (default: the spec's, else ptq-int8)")
          @Parameter(names = {"--quantizer"}, absentValue = "") String quantizer,
      @Descriptor("the Interpreter service that calibrates and runs the models (default: kiln-micro)")
          @Parameter(names = {"--interpreter"}, absentValue = "") String interpreter,
      @Descriptor("compile and run the spec the archive holds (it is code: only for archives you trust)")
          @Parameter(names = "--trust-spec", presentValue = "true", absentValue = "false") boolean trustSpec,
      @Descriptor(".h5/.mltk.zip: the dataset of the representative samples (default: the spec's)")
          @Parameter(names = {"--dataset"}, absentValue = "") String dataset,
      @Descriptor(".h5/.mltk.zip: the Kiln spec giving frontend, classes and data settings (default: the model's name)")
          @Parameter(names = {"--spec"}, absentValue = "") String spec,
      @Descriptor("model name, path of NAME.kiln.zip, or a Keras FILE.h5 / MLTK NAME.mltk.zip") String name) {
    if (ImportedModels.accepts(name)) {
      return Commands.guard("quantizing " + name, () -> new ImportedModels(finder, this::samples, catalog.catalog(),
          choices(seed, null, quantizer, interpreter, null, false), Path.of(System.getProperty("user.dir")))
          .quantize(name, Commands.blankToNull(dataset), Commands.blankToNull(spec), output, ConsoleProgress.INSTANCE));
    }
    return Commands.guard("quantizing " + name, () -> tasks(seed, null, quantizer, interpreter, null, trustSpec)
        .quantize(name, output, ConsoleProgress.INSTANCE));
  }

  @Descriptor("evaluate a trained model on its validation set; results go to the archive's eval/float "
      + "(or eval/tflite with --tflite)")
  public String evaluate(
      @Descriptor("evaluate the .tflite through the interpreter")
          @Parameter(names = "--tflite", presentValue = "true", absentValue = "false") boolean tflite,
      @Descriptor("use at most N validation samples (default: all)")
          @Parameter(names = "--count", absentValue = "-1") int count,
      @Descriptor("also list the plots written and print the fidelity report")
          @Parameter(names = "--show", presentValue = "true", absentValue = "false") boolean show,
      @Descriptor("seed of the validation sample selection (default: the seed the archive was trained with)")
          @Parameter(names = {"--seed"}, absentValue = "") String seed,
      @Descriptor("the Trainer service that runs the float model (default: the spec's, else tensorflow)")
          @Parameter(names = {"--trainer"}, absentValue = "") String trainer,
      @Descriptor("the Interpreter service that runs the .tflite (default: the spec's, else kiln-micro)")
          @Parameter(names = {"--interpreter"}, absentValue = "") String interpreter,
      @Descriptor("the Evaluator service (default: the spec's, else classifier or autoencoder)")
          @Parameter(names = {"--evaluator"}, absentValue = "") String evaluator,
      @Descriptor("compile and run the spec the archive holds (it is code: only for archives you trust)")
          @Parameter(names = "--trust-spec", presentValue = "true", absentValue = "false") boolean trustSpec,
      @Descriptor("evaluate on this dataset instead of the spec's (e.g. an MLTK archive's model on yes_no)")
          @Parameter(names = {"--dataset"}, absentValue = "") String dataset,
      @Descriptor("model name, or path of NAME.kiln.zip or NAME.mltk.zip") String name) {
    return Commands.guard("evaluating " + name, () -> new ArchiveTasks(finder, this::samples, catalog.catalog(),
        new ArchiveTasks.Choices(Commands.seed(seed), Commands.blankToNull(trainer), null,
            Commands.blankToNull(interpreter), Commands.blankToNull(evaluator), trustSpec,
            Commands.blankToNull(dataset)), Path.of(System.getProperty("user.dir")))
        .evaluate(name, tflite, count, show, ConsoleProgress.INSTANCE));
  }

  private ArchiveTasks tasks(String seed, String trainer, String quantizer, String interpreter, String evaluator,
      boolean trustSpec) {
    return new ArchiveTasks(finder, this::samples, catalog.catalog(),
        choices(seed, trainer, quantizer, interpreter, evaluator, trustSpec), Path.of(System.getProperty("user.dir")));
  }

  private static ArchiveTasks.Choices choices(String seed, String trainer, String quantizer, String interpreter,
      String evaluator, boolean trustSpec) {
    return new ArchiveTasks.Choices(Commands.seed(seed), Commands.blankToNull(trainer),
        Commands.blankToNull(quantizer), Commands.blankToNull(interpreter), Commands.blankToNull(evaluator),
        trustSpec);
  }

  private ModelData.Samples samples(KilnModel model, boolean training, int max, long seed, Progress progress) {
    ModelData.Samples supplied = ModelData.supplied(model, training, max);
    if (supplied != null) {
      return supplied;
    }
    if (model.datagen instanceof kiln.spec.ParallelImageDataGenerator) {
      ImageDataGenerators images = imageGenerators;
      if (images == null) {
        throw new KilnException("the image data generator (bundle kiln.image) is not installed; it "
            + "makes the evaluation and representative samples of " + model.name());
      }
      return ModelData.image(images.builder(), Datasets.load(model, catalog.catalog().datasets, progress), model,
          training, max, seed, progress);
    }
    AudioDataGenerators g = generators;
    if (g == null) {
      throw new KilnException("the audio data generator (bundle kiln.augment) is not installed; it "
          + "makes the evaluation and representative samples");
    }
    return ModelData.audio(g, Datasets.load(model, catalog.catalog().datasets, progress), model, training, max,
        seed, progress);
  }
}
