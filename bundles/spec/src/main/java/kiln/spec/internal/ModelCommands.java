package kiln.spec.internal;

import java.util.List;
import kiln.spec.ModelEntry;
import kiln.spec.ModelFinder;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo command {@code kiln:list_models}. */
@Component(
    service = ModelCommands.class,
    property = {"osgi.command.scope=kiln", "osgi.command.function=list_models"})
public class ModelCommands {
  @Reference
  ModelFinder finder;

  @Descriptor("list the model specifications on the model search path (current directory, KILN_MODEL_PATH, "
      + "model_paths in ~/.kiln/settings.yaml, bundles) with where each was found")
  public String list_models() {
    return format(finder.list());
  }

  /** The table list_models prints. */
  public static String format(List<ModelEntry> entries) {
    if (entries.isEmpty()) {
      return "No models found. A spec is a file NAME.java with a line containing @kiln_model.";
    }
    int w = "Name".length();
    for (ModelEntry e : entries) {
      w = Math.max(w, e.name().length());
    }
    StringBuilder sb = new StringBuilder();
    sb.append(pad("Name", w)).append("  Source\n");
    for (ModelEntry e : entries) {
      sb.append(pad(e.name(), w)).append("  ").append(e.source());
      if (e.path() != null) {
        sb.append(": ").append(e.path());
      }
      if (e.problem() != null) {
        sb.append("  (cannot load: ").append(e.problem()).append(')');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(w - s.length());
  }
}
