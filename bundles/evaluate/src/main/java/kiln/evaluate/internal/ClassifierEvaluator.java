package kiln.evaluate.internal;

import kiln.api.ServiceNames;
import kiln.api.model.EvaluationJob;
import kiln.api.model.EvaluationResult;
import kiln.api.model.Evaluator;
import kiln.evaluate.ClassifierMetrics;
import kiln.evaluate.plot.ClassifierPlots;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code classifier} evaluator: MLTK's classifier metrics, {@code eval-results.json},
 * {@code summary.txt} and plots.
 */
@Component(
    service = Evaluator.class,
    property = {
      ServiceNames.NAME + "=classifier",
      ServiceNames.DESCRIPTION + "=accuracy, per-class ROC/AUC, precision-recall, confusion matrix"
    })
public class ClassifierEvaluator implements Evaluator {
  @Override
  public String description() {
    return "classifier: accuracy, per-class ROC/AUC, precision-recall, confusion matrix, plots";
  }

  @Override
  public EvaluationResult evaluate(EvaluationJob job) {
    ClassifierMetrics m =
        ClassifierMetrics.compute(job.modelName(), job.classes(), job.scores(), job.labels());
    return ResultFiles.result(job, m.toMap(), m.summary(), () -> ClassifierPlots.render(m));
  }
}
