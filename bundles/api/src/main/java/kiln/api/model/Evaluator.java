package kiln.api.model;

import kiln.api.Described;
import org.osgi.annotation.versioning.ConsumerType;

/** Computes metrics and plots from model outputs. Registered with {@code kiln.name}. */
@ConsumerType
public interface Evaluator extends Described {
  EvaluationResult evaluate(EvaluationJob job);
}
