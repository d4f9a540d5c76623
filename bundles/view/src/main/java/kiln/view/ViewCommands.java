package kiln.view;

import java.nio.file.Path;
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
 * The {@code kiln:view} Gogo command. Accelerators are tracked as they come and go, so one
 * installed a moment ago can colour the graph at once.
 */
@Component(
    service = ViewCommands.class,
    property = {"osgi.command.scope=kiln", "osgi.command.function=view"})
public class ViewCommands {
  private final Map<String, Accelerator> accelerators = new ConcurrentSkipListMap<>();

  /** Kiln's interpreter when installed: an op it cannot run is not coloured supported. */
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY, target = "(kiln.name=kiln-micro)")
  private volatile Interpreter interpreter;

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

  void removeAccelerator(Accelerator accelerator, Map<String, Object> properties) {
    Object name = properties.get(ServiceNames.NAME);
    if (name != null) {
      accelerators.remove(name.toString(), accelerator);
    }
  }

  @Descriptor("draw a model's graph and memory plan as a self-contained HTML page")
  public String view(
      @Descriptor("draw the .tflite (always: Kiln draws the quantized model; kept for MLTK's command line)")
          @Parameter(names = {"--tflite"}, presentValue = "true", absentValue = "false")
          boolean tflite,
      @Descriptor("the page to write (default: NAME.html in the working folder)")
          @Parameter(names = {"-o", "--output"}, absentValue = "")
          String output,
      @Descriptor("open the page in the default browser")
          @Parameter(names = {"--open"}, presentValue = "true", absentValue = "false")
          boolean open,
      @Descriptor("colour the ops by this accelerator's verdict and show its cycles (none, mvp, ...)")
          @Parameter(names = {"-a", "--accelerator"}, absentValue = "")
          String accelerator,
      @Descriptor(".tflite file, model archive (.kiln.zip, .mltk.zip), or the name of a trained model"
          + " whose NAME.kiln.zip is in the working folder") String model) {
    return ViewCommand.run(model, output, open, accelerator, Map.copyOf(accelerators),
        Path.of(System.getProperty("user.dir")), interpreter);
  }
}
