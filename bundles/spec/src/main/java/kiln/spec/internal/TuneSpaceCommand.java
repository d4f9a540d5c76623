package kiln.spec.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.spec.Hyperparameters;
import kiln.spec.KilnModel;
import kiln.spec.ModelFinder;
import kiln.util.json.Json;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo command {@code kiln:tune_space NAME}: the spec's search space as JSON. kiln:tune's driver runs
 * outside the OSGi framework and asks for the space through this command, so it never loads specs.
 */
@Component(
    service = TuneSpaceCommand.class,
    property = {"osgi.command.scope=kiln", "osgi.command.function=tune_space"})
public class TuneSpaceCommand {
  @Reference
  ModelFinder finder;

  @Descriptor("print a spec's search space (its hp.choice/intRange/floatRange/bool calls) as JSON, for kiln:tune")
  public String tune_space(@Descriptor("model name or NAME.java path") String model) {
    return format(finder.load(model));
  }

  /** {"model": NAME, "parameters": [{"name", "type", values or range}, ...]}; none: a space of one point. */
  public static String format(KilnModel m) {
    List<Map<String, Object>> params = new ArrayList<>();
    for (Hyperparameters.Param p : m.hp.space()) {
      params.add(p.describe());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", m.name());
    out.put("parameters", params);
    return Json.writePretty(out);
  }
}
