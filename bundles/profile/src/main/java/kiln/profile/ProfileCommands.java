package kiln.profile;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import kiln.api.ServiceNames;
import kiln.api.model.Interpreter;
import kiln.api.platform.Accelerator;
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
      @Descriptor(".tflite file, model archive (.kiln.zip, .mltk.zip), or with --build a model"
          + " specification") String model) {
    return ProfileCommand.run(model, accelerator, build, outDir, format, Map.copyOf(accelerators),
        specBuilder, interpreter);
  }
}
