package kiln.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import kiln.api.ComponentVersion;
import kiln.api.Described;
import kiln.api.ServiceNames;
import kiln.api.model.ModelArchive;
import kiln.api.model.Summarizer;
import kiln.api.platform.Accelerator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** Lists the services registered right now, so a bundle installed a moment ago shows up. */
final class ServiceLister {
  /** One registered service as {@code kiln:list} shows it. */
  record Entry(ServiceKind kind, String name, String bundle, String description) {}

  private final BundleContext context;

  ServiceLister(BundleContext context) {
    this.context = context;
  }

  List<Entry> list(ServiceKind kind) {
    List<Entry> out = new ArrayList<>();
    ServiceReference<?>[] refs;
    try {
      refs = context.getAllServiceReferences(kind.type.getName(), null);
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException(e);
    }
    if (refs == null) {
      return out;
    }
    for (ServiceReference<?> ref : refs) {
      Object nameProp = ref.getProperty(ServiceNames.NAME);
      String bundle = ref.getBundle() == null
          ? "?"
          : ref.getBundle().getSymbolicName() + " " + ref.getBundle().getVersion();
      Object service = context.getService(ref);
      if (service == null) {
        continue;
      }
      try {
        String name = nameProp != null ? String.valueOf(nameProp) : fallbackName(service);
        out.add(new Entry(kind, name, bundle, describe(service)));
      } catch (RuntimeException e) {
        out.add(new Entry(kind, String.valueOf(nameProp), bundle, "(failed to describe: " + e.getMessage() + ")"));
      } finally {
        context.ungetService(ref);
      }
    }
    out.sort(Comparator.comparing(Entry::name));
    return out;
  }

  private static String fallbackName(Object service) {
    if (service instanceof ComponentVersion c) {
      return c.component();
    }
    return service.getClass().getSimpleName();
  }

  private static String describe(Object s) {
    if (s instanceof Accelerator a) {
      return String.format("%s (clock %.1f MHz)", a.description(), a.clockHz() / 1e6);
    }
    if (s instanceof Described d) {
      return d.description();
    }
    if (s instanceof ComponentVersion c) {
      return "version " + c.version();
    }
    if (s instanceof ModelArchive || s instanceof Summarizer) {
      return s.getClass().getName();
    }
    return "";
  }

}
