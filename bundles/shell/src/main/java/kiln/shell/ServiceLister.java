package kiln.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import kiln.api.ComponentVersion;
import kiln.api.ServiceNames;
import kiln.api.data.Augmenter;
import kiln.api.data.DatasetProvider;
import kiln.api.data.FeatureExtractor;
import kiln.api.model.Evaluator;
import kiln.api.model.Interpreter;
import kiln.api.model.ModelArchive;
import kiln.api.model.Quantizer;
import kiln.api.model.Summarizer;
import kiln.api.model.Trainer;
import kiln.api.platform.Accelerator;
import kiln.api.platform.BoardConnector;
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
    if (s instanceof DatasetProvider d) {
      return d.description();
    }
    if (s instanceof Augmenter a) {
      return a.description();
    }
    if (s instanceof FeatureExtractor f) {
      return f.description();
    }
    if (s instanceof Trainer t) {
      return t.description();
    }
    if (s instanceof Quantizer q) {
      return q.description();
    }
    if (s instanceof Interpreter i) {
      return i.description();
    }
    if (s instanceof Evaluator e) {
      return e.description();
    }
    if (s instanceof BoardConnector b) {
      return b.description();
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
