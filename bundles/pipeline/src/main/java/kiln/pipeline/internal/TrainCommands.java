package kiln.pipeline.internal;

import kiln.augment.AudioDataGenerators;
import kiln.image.ImageDataGenerators;
import kiln.pipeline.TrainCommand;
import kiln.util.HyperparameterArgs;
import kiln.spec.ModelFinder;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Gogo command {@code kiln:train}. */
@Component(service = TrainCommands.class,
    property = {"osgi.command.scope=kiln", "osgi.command.function=train"})
public class TrainCommands {
  @Reference
  ModelFinder finder;

  @Reference
  CatalogComponent catalog;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile AudioDataGenerators generators;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile ImageDataGenerators imageGenerators;


  @Descriptor("train a model specification, write NAME.kiln.zip, then quantize and evaluate it")
  public String train(
      @Descriptor("train for this many epochs instead of the spec's")
          @Parameter(names = {"--epochs"}, absentValue = "0") int epochs,
      @Descriptor("continue from the trainer's newest checkpoint, at its epoch")
          @Parameter(names = {"--resume"}, presentValue = "true", absentValue = "false") boolean resume,
      @Descriptor("delete the previous run's checkpoints and logs first")
          @Parameter(names = {"--clean"}, presentValue = "true", absentValue = "false") boolean clean,
      @Descriptor("random seed of training and of sample selection (default: the spec's seed, 42)")
          @Parameter(names = {"--seed"}, absentValue = "") String seed,
      @Descriptor("the Trainer service to use, by kiln.name (default: the spec's, else tensorflow)")
          @Parameter(names = {"--trainer"}, absentValue = "") String trainer,
      @Descriptor("the Quantizer service to use (default: the spec's, else ptq-int8)")
          @Parameter(names = {"--quantizer"}, absentValue = "") String quantizer,
      @Descriptor("the Interpreter service that runs the .tflite (default: the spec's, else kiln-micro)")
          @Parameter(names = {"--interpreter"}, absentValue = "") String interpreter,
      @Descriptor("the Evaluator service (default: the spec's, else classifier or autoencoder)")
          @Parameter(names = {"--evaluator"}, absentValue = "") String evaluator,
      @Descriptor("where TensorFlow trains: gpu (fails unless it sees one), cpu (GPUs hidden); default: its own choice")
          @Parameter(names = {"--device"}, absentValue = "") String device,
      @Descriptor("hyper-parameters of the spec's search space: KEY=VALUE[,KEY=VALUE...] (default: each one's default)")
          @Parameter(names = {"--hp"}, absentValue = "") String hp,
      @Descriptor("hyper-parameters from a JSON object file {\"KEY\": VALUE, ...} (--hp wins on a key both give)")
          @Parameter(names = {"--hp-file"}, absentValue = "") String hpFile,
      @Descriptor("write the archive and the work folder (checkpoints, logs) into this folder")
          @Parameter(names = {"-o", "--output"}, absentValue = "") String output,
      @Descriptor("model name, NAME-test for a dry run (1 epoch, 3 samples per class), or a NAME.java path")
          String model) {
    return Commands.guard("training " + model, () -> {
      AudioDataGenerators g = generators;
      ImageDataGenerators images = imageGenerators;
      TrainCommand command = new TrainCommand(new TrainCommand.Services(finder, catalog.catalog().datasets,
          g == null ? null : g::builder, catalog.catalog(), images == null ? null : images::builder));
      return command.run(model, new TrainCommand.Options(epochs, resume, clean, Commands.seed(seed),
          Commands.blankToNull(trainer), Commands.blankToNull(quantizer), Commands.blankToNull(interpreter),
          Commands.blankToNull(evaluator), Commands.blankToNull(device), HyperparameterArgs.parse(hp, hpFile),
          output.isBlank() ? null : java.nio.file.Path.of(output)), ConsoleProgress.INSTANCE);
    });
  }
}
