package kiln.platform.teststeps;

import kiln.api.model.EvaluationJob;
import kiln.api.model.EvaluationResult;
import kiln.api.model.Evaluator;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** An evaluator plugin that records each evaluation and computes it with the classifier evaluator. */
@Component(property = {"kiln.name=test-evaluator"})
public class TestEvaluator extends RecordingStep implements Evaluator {
  @Reference(target = "(kiln.name=classifier)")
  Evaluator delegate;

  @Override
  public String description() {
    return "test evaluator";
  }

  @Override
  public EvaluationResult evaluate(EvaluationJob job) {
    record("evaluate " + job.scores().size());
    return delegate.evaluate(job);
  }
}
