package kiln.spec.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kiln.spec.KilnModel;
import kiln.spec.ModelEntry;
import kiln.spec.ModelFinder;
import kiln.spec.SearchPathModelFinder;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** The ModelFinder service: the standard search path plus every registered SpecProvider. */
@Component(service = ModelFinder.class, property = "kiln.name=search-path")
public class ModelFinderComponent implements ModelFinder {
  private final List<SpecProvider> providers = new CopyOnWriteArrayList<>();
  private final ModelFinder delegate = SearchPathModelFinder.standard(() -> List.copyOf(providers));

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addProvider(SpecProvider p) {
    providers.add(p);
  }

  void removeProvider(SpecProvider p) {
    providers.remove(p);
  }

  @Override
  public List<ModelEntry> list() {
    return delegate.list();
  }

  @Override
  public ModelEntry find(String nameOrPath) {
    return delegate.find(nameOrPath);
  }

  @Override
  public KilnModel load(String nameOrPath) {
    return delegate.load(nameOrPath);
  }

  @Override
  public KilnModel load(String nameOrPath, java.util.Map<String, String> hyperparameters) {
    return delegate.load(nameOrPath, hyperparameters);
  }
}
