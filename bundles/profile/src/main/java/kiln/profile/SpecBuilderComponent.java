package kiln.profile;

import kiln.api.model.Quantizer;
import kiln.spec.ModelFinder;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@link SpecBuilder} service of this bundle. It only activates when the kiln.spec package is
 * wired; its services are optional so a missing one is reported by name at {@code --build} time.
 */
@Component(service = SpecBuilder.class)
public class SpecBuilderComponent implements SpecBuilder {
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile ModelFinder finder;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY, target = "(kiln.name=" + SpecBuild.QUANTIZER + ")")
  private volatile Quantizer quantizer;

  @Override
  public Built build(String nameOrPath, java.util.Map<String, String> hyperparameters) {
    return new SpecBuild(finder, quantizer).build(nameOrPath, hyperparameters);
  }
}
