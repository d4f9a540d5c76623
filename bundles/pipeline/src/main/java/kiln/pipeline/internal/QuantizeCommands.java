package kiln.pipeline.internal;

import kiln.pipeline.ArchiveTasks;
import kiln.pipeline.Datasets;
import kiln.pipeline.ModelData;
import java.nio.file.Path;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.augment.AudioDataGenerators;
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


  @Descriptor("re-run post-training quantization from a model archive (NAME.kiln.zip), calibrated on "
      + "training samples: updates NAME.tflite, NAME.float32.tflite and the fidelity report in the archive")
  public String quantize(
      @Descriptor("also write the .tflite to this file") @Parameter(names = {"-o", "--output"}, absentValue = "")
          String output,
      @Descriptor("seed of the representative sample selection (default: the spec's seed)")
          @Parameter(names = {"--seed"}, absentValue = "") String seed,
      @Descriptor("the Quantizer service (default: the spec's, else ptq-int8)")
          @Parameter(names = {"--quantizer"}, absentValue = "") String quantizer,
      @Descriptor("the Interpreter service that calibrates and runs the models (default: kiln-micro)")
          @Parameter(names = {"--interpreter"}, absentValue = "") String interpreter,
      @Descriptor("compile and run the spec the archive holds (it is code: only for archives you trust)")
          @Parameter(names = "--trust-spec", presentValue = "true", absentValue = "false") boolean trustSpec,
      @Descriptor("model name, or path of NAME.kiln.zip") String name) {
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
      @Descriptor("seed of the validation sample selection (default: the spec's seed, as in training)")
          @Parameter(names = {"--seed"}, absentValue = "") String seed,
      @Descriptor("the Trainer service that runs the float model (default: the spec's, else tensorflow)")
          @Parameter(names = {"--trainer"}, absentValue = "") String trainer,
      @Descriptor("the Interpreter service that runs the .tflite (default: the spec's, else kiln-micro)")
          @Parameter(names = {"--interpreter"}, absentValue = "") String interpreter,
      @Descriptor("the Evaluator service (default: the spec's, else classifier or autoencoder)")
          @Parameter(names = {"--evaluator"}, absentValue = "") String evaluator,
      @Descriptor("compile and run the spec the archive holds (it is code: only for archives you trust)")
          @Parameter(names = "--trust-spec", presentValue = "true", absentValue = "false") boolean trustSpec,
      @Descriptor("model name, or path of NAME.kiln.zip") String name) {
    return Commands.guard("evaluating " + name, () -> tasks(seed, trainer, null, interpreter, evaluator, trustSpec)
        .evaluate(name, tflite, count, show, ConsoleProgress.INSTANCE));
  }

  private ArchiveTasks tasks(String seed, String trainer, String quantizer, String interpreter, String evaluator,
      boolean trustSpec) {
    ArchiveTasks.Choices c = new ArchiveTasks.Choices(Commands.seed(seed), Commands.blankToNull(trainer),
        Commands.blankToNull(quantizer), Commands.blankToNull(interpreter), Commands.blankToNull(evaluator),
        trustSpec);
    return new ArchiveTasks(finder, this::samples, catalog.catalog(), c, Path.of(System.getProperty("user.dir")));
  }

  private ModelData.Samples samples(KilnModel model, boolean training, int max, long seed, Progress progress) {
    AudioDataGenerators g = generators;
    if (g == null) {
      throw new KilnException("the audio data generator (bundle kiln.augment) is not installed; it "
          + "makes the evaluation and representative samples");
    }
    return ModelData.audio(g, Datasets.load(model, catalog.catalog().datasets, progress), model, training, max,
        seed, progress);
  }
}
