package kiln.pipeline.internal;

import java.nio.file.Path;
import kiln.api.model.Interpreter;
import kiln.api.platform.BoardConnector;
import kiln.api.platform.BoardRequest;
import kiln.pipeline.DeviceInterpreter;
import kiln.pipeline.InferCommand;
import kiln.pipeline.Steps;
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
      @Descriptor("run on a board (through the board connector) instead of the interpreter")
          @Parameter(names = {"--device"}, presentValue = "true", absentValue = "false")
          boolean device,
      @Descriptor("the board's port, or regex:PATTERN (default: the port described as JLink CDC"
          + " UART Port)") @Parameter(names = {"--port"}, absentValue = "")
          String port,
      @Descriptor("the BoardConnector service, by kiln.name (default: serial)")
          @Parameter(names = {"--connector"}, absentValue = "")
          String connector,
      @Descriptor("the longest wait for any one answer of the board, in ms")
          @Parameter(names = {"--timeout"}, absentValue = "5000")
          long timeout,
      @Descriptor("the .tflite model") String model,
      @Descriptor("inputs: one file per model input, in order (raw bytes in the input's type, a"
          + " .npy, or a .wav with features from the model's fe.* parameters), or one .npz"
          + " holding them all") String... inputs) {
    return Commands.guard("inference of " + model, () -> {
      Interpreter host = catalog.catalog().interpreter(Commands.blankToNull(interpreter)).service();
      if (device) {
        Steps.Named<BoardConnector> board = catalog.catalog().board(Commands.blankToNull(connector));
        host = new DeviceInterpreter(host, board.service(), board.name(), new BoardRequest(
            Commands.blankToNull(port), BoardRequest.DEFAULT_BAUD, timeout, 2, false));
      }
      return InferCommand.run(host, Path.of(model), java.util.Arrays.stream(inputs).map(Path::of).toList(),
          output.isEmpty() ? null : Path.of(output));
    });
  }
}
