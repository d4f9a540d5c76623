package kiln.pipeline.internal;

import java.util.Map;
import kiln.api.ServiceNames;
import kiln.api.data.DatasetProvider;
import kiln.api.model.Evaluator;
import kiln.api.model.Interpreter;
import kiln.api.model.ModelArchive;
import kiln.api.model.Quantizer;
import kiln.api.model.Trainer;
import kiln.api.platform.BoardConnector;
import kiln.pipeline.Catalog;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Keeps the {@link Catalog} current with every trainer, quantizer, interpreter, evaluator, model
 * archive and dataset provider registered now, by {@code kiln.name}: a bundle installed or removed at run time is picked up
 * or forgotten at once. DS releases each service when it goes away.
 */
@Component(service = CatalogComponent.class)
public class CatalogComponent {
  final Catalog catalog = new Catalog();

  public Catalog catalog() {
    return catalog;
  }

  private static String name(Map<String, Object> props) {
    return String.valueOf(props.get(ServiceNames.NAME));
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addTrainer(Trainer s, Map<String, Object> p) {
    catalog.trainers.put(name(p), s);
  }

  void removeTrainer(Trainer s, Map<String, Object> p) {
    catalog.trainers.remove(name(p), s);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addQuantizer(Quantizer s, Map<String, Object> p) {
    catalog.quantizers.put(name(p), s);
  }

  void removeQuantizer(Quantizer s, Map<String, Object> p) {
    catalog.quantizers.remove(name(p), s);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addInterpreter(Interpreter s, Map<String, Object> p) {
    catalog.interpreters.put(name(p), s);
  }

  void removeInterpreter(Interpreter s, Map<String, Object> p) {
    catalog.interpreters.remove(name(p), s);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addEvaluator(Evaluator s, Map<String, Object> p) {
    catalog.evaluators.put(name(p), s);
  }

  void removeEvaluator(Evaluator s, Map<String, Object> p) {
    catalog.evaluators.remove(name(p), s);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addArchive(ModelArchive s, Map<String, Object> p) {
    catalog.archives.put(name(p), s);
  }

  void removeArchive(ModelArchive s, Map<String, Object> p) {
    catalog.archives.remove(name(p), s);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addDataset(DatasetProvider s, Map<String, Object> p) {
    catalog.datasets.put(name(p), s);
  }

  void removeDataset(DatasetProvider s, Map<String, Object> p) {
    catalog.datasets.remove(name(p), s);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addBoard(BoardConnector s, Map<String, Object> p) {
    catalog.boards.put(name(p), s);
  }

  void removeBoard(BoardConnector s, Map<String, Object> p) {
    catalog.boards.remove(name(p), s);
  }
}
