package kiln.tflite.command;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import kiln.api.KilnException;
import kiln.api.ServiceNames;
import kiln.api.platform.BoardConnector;
import kiln.api.platform.BoardRequest;
import kiln.tflite.ParameterUpdate;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Gogo commands of the .tflite bundle (kiln:summarize is the shell's, through Summarizer). */
@Component(service = TfliteCommands.class, property = {"osgi.command.scope=kiln",
    "osgi.command.function=update_params"})
public class TfliteCommands {
  private final Map<String, BoardConnector> connectors = new ConcurrentHashMap<>();

  /** Board connectors for --device, by kiln.name, tracked as they come and go. */
  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY, unbind = "removeConnector")
  void addConnector(BoardConnector c, Map<String, Object> p) {
    Object name = p.get(ServiceNames.NAME);
    if (name != null) {
      connectors.put(name.toString(), c);
    }
  }

  void removeConnector(BoardConnector c, Map<String, Object> p) {
    Object name = p.get(ServiceNames.NAME);
    if (name != null) {
      connectors.remove(name.toString(), c);
    }
  }

  @Descriptor("add or change model parameters of a .tflite (key=value, types inferred), "
      + "refreshing its hash and date; writes atomically")
  public String update_params(
      @Descriptor("JSON object file of parameters") @Parameter(names = "--params",
          absentValue = "") String paramsFile,
      @Descriptor("new model description") @Parameter(names = "--description",
          absentValue = "") String description,
      @Descriptor("output file (default: update in place)") @Parameter(names = {"-o", "--output"},
          absentValue = "") String output,
      @Descriptor("then write the model, with its parameters, to a board to keep (through the"
          + " board connector)") @Parameter(names = "--device", presentValue = "true",
          absentValue = "false") boolean device,
      @Descriptor("the board's port, or regex:PATTERN (default: the port described as JLink CDC"
          + " UART Port)") @Parameter(names = "--port", absentValue = "") String port,
      @Descriptor("the BoardConnector service, by kiln.name") @Parameter(names = "--connector",
          absentValue = "serial") String connector,
      @Descriptor("the longest wait for any one answer of the board, in ms")
          @Parameter(names = "--timeout", absentValue = "5000") long timeout,
      @Descriptor("the .tflite file") String file,
      @Descriptor("key=value ...") String... assignments) {
    BoardConnector board = null;
    if (device) {
      board = connectors.get(connector);
      if (board == null) {
        throw new KilnException("--connector " + connector + ": no such board connector is"
            + " installed (installed: " + new TreeSet<>(connectors.keySet()) + ")");
      }
    }
    String result = ParameterUpdate.update(Path.of(file), Arrays.asList(assignments),
        paramsFile.isEmpty() ? null : Path.of(paramsFile),
        description.isEmpty() ? null : description,
        output.isEmpty() ? null : Path.of(output), Instant.now());
    if (board == null) {
      return result;
    }
    Path written = output.isEmpty() ? Path.of(file) : Path.of(output);
    return result + (result.endsWith("\n") ? "" : "\n") + BoardWrite.write(written, board, connector,
        new BoardRequest(port.isEmpty() ? null : port, BoardRequest.DEFAULT_BAUD, timeout, 2, true));
  }
}
