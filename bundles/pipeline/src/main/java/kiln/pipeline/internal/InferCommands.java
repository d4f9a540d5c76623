package kiln.pipeline.internal;

import java.nio.file.Path;
import kiln.pipeline.InferCommand;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo command {@code kiln:infer}. */
@Component(
    service = InferCommands.class,
    property = {"osgi.command.scope=kiln", "osgi.command.function=infer"})
public class InferCommands {
  @Reference
  CatalogComponent catalog;

  @Descriptor("run one inference of a .tflite model through an Interpreter service")
  public String infer(
      @Descriptor("write the outputs: all to a .npz, output 0 to a .npy or as raw bytes")
          @Parameter(names = {"--output", "-o"}, absentValue = "")
          String output,
      @Descriptor("the Interpreter service, by kiln.name (default: kiln-micro)")
          @Parameter(names = {"--interpreter"}, absentValue = "")
          String interpreter,
      @Descriptor("the .tflite model") String model,
      @Descriptor("inputs: one file per model input, in order (raw bytes in the input's type, a"
          + " .npy, or a .wav with features from the model's fe.* parameters), or one .npz"
          + " holding them all") String... inputs) {
    return Commands.guard("inference of " + model, () -> InferCommand.run(
        catalog.catalog().interpreter(Commands.blankToNull(interpreter)).service(), Path.of(model),
        java.util.Arrays.stream(inputs).map(Path::of).toList(),
        output.isEmpty() ? null : Path.of(output)));
  }
}
