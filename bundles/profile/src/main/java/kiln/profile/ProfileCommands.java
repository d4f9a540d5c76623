package kiln.profile;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import kiln.api.ServiceNames;
import kiln.util.HyperparameterArgs;
import kiln.api.model.Interpreter;
import kiln.api.platform.Accelerator;
import kiln.api.platform.BoardConnector;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code kiln:profile} Gogo command. Accelerators are tracked dynamically: a bundle that
 * registers a new one (dropped into the plugins folder) can be used with {@code --accelerator} at
 * once, without a restart.
 */
@Component(
    service = ProfileCommands.class,
    property = {"osgi.command.scope=kiln", "osgi.command.function=profile"})
public class ProfileCommands {
  private final Map<String, Accelerator> accelerators = new ConcurrentSkipListMap<>();

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY,
      unbind = "removeAccelerator")
  void addAccelerator(Accelerator accelerator, Map<String, Object> properties) {
    Object name = properties.get(ServiceNames.NAME);
    if (name != null) {
      accelerators.put(name.toString(), accelerator);
    }
  }

  private final Map<String, BoardConnector> connectors = new ConcurrentSkipListMap<>();

  /** Board connectors, tracked like accelerators: one dropped into the plugins folder works at once. */
  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY,
      unbind = "removeConnector")
  void addConnector(BoardConnector connector, Map<String, Object> properties) {
    Object name = properties.get(ServiceNames.NAME);
    if (name != null) {
      connectors.put(name.toString(), connector);
    }
  }

  void removeConnector(BoardConnector connector, Map<String, Object> properties) {
    Object name = properties.get(ServiceNames.NAME);
    if (name != null) {
      connectors.remove(name.toString(), connector);
    }
  }

  /** Present when the spec bundles are wired (optional imports); see {@link SpecBuilderComponent}. */
  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile SpecBuilder specBuilder;

  /** Kiln's interpreter, when installed: a model it refuses is not profiled either. */
  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY,
      target = "(" + ServiceNames.NAME + "=kiln-micro)")
  private volatile Interpreter interpreter;

  void removeAccelerator(Accelerator accelerator, Map<String, Object> properties) {
    Object name = properties.get(ServiceNames.NAME);
    if (name != null) {
      accelerators.remove(name.toString(), accelerator);
    }
  }

  @Descriptor("profile a model: ops, MACs, flash, RAM and estimated cycles per layer on an"
      + " accelerator")
  public String profile(
      @Descriptor("accelerator back-end (kiln.name): none, mvp, or any installed one")
          @Parameter(names = {"-a", "--accelerator"}, absentValue = "none")
          String accelerator,
      @Descriptor("profile a model specification (name or NAME.java): its layers with random"
          + " weights, quantized to int8 with random calibration inputs")
          @Parameter(names = {"--build"}, presentValue = "true", absentValue = "false")
          boolean build,
      @Descriptor("also write the report as text and JSON into this folder")
          @Parameter(names = {"-o", "--output"}, absentValue = "")
          String outDir,
      @Descriptor("text or json") @Parameter(names = {"--format"}, absentValue = "text")
          String format,
      @Descriptor("profile on a board (or the board emulator) and show its figures beside the"
          + " estimate") @Parameter(names = {"--device"}, presentValue = "true", absentValue = "false")
          boolean device,
      @Descriptor("the board's port, or regex:PATTERN (default: the port described as JLink CDC UART"
          + " Port)") @Parameter(names = {"--port"}, absentValue = "")
          String port,
      @Descriptor("the BoardConnector service, by kiln.name") @Parameter(names = {"--connector"},
          absentValue = "serial")
          String connector,
      @Descriptor("read a saved board log (MLTK model_profiler output) instead of a board; implies"
          + " --device") @Parameter(names = {"--log"}, absentValue = "")
          String log,
      @Descriptor("do not program the model into the board's flash first (it was programmed by"
          + " other means)") @Parameter(names = {"--no-program"}, presentValue = "true",
          absentValue = "false")
          boolean noProgram,
      @Descriptor("serial baud rate") @Parameter(names = {"--baud"}, absentValue = "115200")
          int baud,
      @Descriptor("the longest wait for any one answer of the board, in ms")
          @Parameter(names = {"--timeout"}, absentValue = "5000")
          long timeout,
      @Descriptor("with --build: hyper-parameters of the spec's search space, KEY=VALUE[,KEY=VALUE...]")
          @Parameter(names = {"--hp"}, absentValue = "")
          String hp,
      @Descriptor("with --build: hyper-parameters from a JSON object file {\"KEY\": VALUE, ...}")
          @Parameter(names = {"--hp-file"}, absentValue = "")
          String hpFile,
      @Descriptor(".tflite file, model archive (.kiln.zip, .mltk.zip), or with --build a model"
          + " specification") String model) {
    if (device || !log.isEmpty()) {
      return DeviceProfiling.run(model, accelerator, build, outDir, format, Map.copyOf(accelerators),
          specBuilder, Map.copyOf(connectors), new DeviceOptions(connector, port.isEmpty() ? null : port,
              log.isEmpty() ? null : log, !noProgram, baud, timeout, 2));
    }
    return ProfileCommand.run(model, accelerator, build, HyperparameterArgs.parse(hp, hpFile), outDir, format,
        Map.copyOf(accelerators), specBuilder, interpreter);
  }
}
