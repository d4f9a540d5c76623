package kiln.api.model;

import org.osgi.annotation.versioning.ConsumerType;

/** Computes metrics and plots from model outputs. Registered with {@code kiln.name}. */
@ConsumerType
public interface Evaluator {
  /** One line for {@code kiln:list evaluators}. */
  String description();

  EvaluationResult evaluate(EvaluationJob job);
}
