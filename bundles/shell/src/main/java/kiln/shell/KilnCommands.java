package kiln.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import kiln.api.ComponentVersion;
import kiln.api.KilnException;
import kiln.util.TextTable;
import kiln.api.model.Summarizer;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** The platform's own commands: version, list, summarize. */
@Component(
    service = KilnCommands.class,
    property = {
      "osgi.command.scope=kiln",
      "osgi.command.function=version",
      "osgi.command.function=list",
      "osgi.command.function=summarize"
    })
public class KilnCommands {
  private final BundleContext context;

  @Activate
  public KilnCommands(BundleContext context) {
    this.context = context;
  }

  @Descriptor("print the versions of Kiln, Java, the OS and the native libraries Kiln loaded")
  public String version() {
    StringBuilder sb = new StringBuilder();
    sb.append("Kiln ").append(context.getBundle().getVersion()).append('\n');
    sb.append("Java ").append(System.getProperty("java.version")).append(" (")
        .append(System.getProperty("java.vm.name")).append(")\n");
    sb.append("OS ").append(System.getProperty("os.name")).append(' ')
        .append(System.getProperty("os.version")).append(' ')
        .append(System.getProperty("os.arch")).append('\n');
    List<String> lines = new ArrayList<>();
    for (ServiceReference<ComponentVersion> ref : references(ComponentVersion.class)) {
      ComponentVersion c = context.getService(ref);
      if (c == null) {
        continue;
      }
      try {
        String v;
        try {
          v = c.version();
        } catch (KilnException e) {
          v = "not loaded: " + e.getMessage();
        }
        lines.add(c.component() + ' ' + v);
      } finally {
        context.ungetService(ref);
      }
    }
    lines.sort(Comparator.naturalOrder());
    lines.forEach(l -> sb.append(l).append('\n'));
    if (lines.isEmpty()) {
      sb.append("TensorFlow not installed (no kiln.tensorflow bundle)\n");
    }
    return sb.toString().stripTrailing();
  }

  @Descriptor("list the registered services of every kind, with their names and bundles")
  public String list() {
    StringBuilder sb = new StringBuilder();
    for (ServiceKind kind : ServiceKind.values()) {
      if (kind == ServiceKind.COMPONENTS) {
        continue; // reporting versions loads native libraries: only on request
      }
      sb.append(table(kind)).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  @Descriptor("list the registered services of one kind")
  public String list(
      @Descriptor("datasets, augmenters, features, trainers, quantizers, interpreters, evaluators,"
              + " accelerators, boards, archives, summarizers or components")
          String kind) {
    return table(ServiceKind.parse(kind)).stripTrailing();
  }

  @Descriptor("summarize a .tflite file, a model archive or a model specification")
  public String summarize(
      @Descriptor("summarize the quantized .tflite of a model specification")
          @Parameter(names = "--tflite", presentValue = "true", absentValue = "false")
          boolean tflite,
      @Descriptor("a .tflite file, a NAME.kiln.zip / NAME.mltk.zip archive, or a model name") String target) {
    List<ServiceReference<Summarizer>> refs = references(Summarizer.class);
    refs.sort(Comparator.reverseOrder()); // highest ranking first
    List<String> tried = new ArrayList<>();
    for (ServiceReference<Summarizer> ref : refs) {
      Summarizer s = context.getService(ref);
      if (s == null) {
        continue;
      }
      try {
        tried.add(String.valueOf(ref.getProperty(kiln.api.ServiceNames.NAME)));
        if (s.accepts(target)) {
          return s.summarize(target, tflite);
        }
      } finally {
        context.ungetService(ref);
      }
    }
    throw new KilnException(
        "cannot summarize '" + target + "': expected a .tflite file, a model archive or a model name"
            + (tried.isEmpty() ? " (no summarizer bundle is installed)" : " (asked: " + String.join(", ", tried) + ")"));
  }

  private String table(ServiceKind kind) {
    List<ServiceLister.Entry> entries = new ServiceLister(context).list(kind);
    StringBuilder sb = new StringBuilder(kind.label()).append(" (").append(entries.size()).append(")\n");
    if (!entries.isEmpty()) {
      TextTable t = new TextTable("Name", "Bundle", "Description");
      for (ServiceLister.Entry e : entries) {
        t.row(e.name(), e.bundle(), e.description());
      }
      sb.append(t);
    }
    return sb.toString();
  }

  private <T> List<ServiceReference<T>> references(Class<T> type) {
    try {
      return new ArrayList<>(context.getServiceReferences(type, null));
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
