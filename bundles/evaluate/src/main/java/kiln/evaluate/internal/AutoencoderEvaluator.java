package kiln.evaluate.internal;

import java.util.List;
import kiln.api.KilnException;
import kiln.api.ServiceNames;
import kiln.api.model.EvaluationJob;
import kiln.api.model.EvaluationResult;
import kiln.api.model.Evaluator;
import kiln.evaluate.AutoencoderMetrics;
import kiln.evaluate.plot.AutoencoderPlots;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code autoencoder} evaluator: the reconstruction error (mean squared error between input
 * and output) or a precomputed score per sample, MLTK's autoencoder metrics, files and plots.
 */
@Component(
    service = Evaluator.class,
    property = {
      ServiceNames.NAME + "=autoencoder",
      ServiceNames.DESCRIPTION + "=reconstruction error: best-threshold accuracy, ROC/AUC per class"
    })
public class AutoencoderEvaluator implements Evaluator {
  @Override
  public String description() {
    return "autoencoder: reconstruction error as anomaly score, best-threshold accuracy,"
        + " precision/recall, ROC/AUC per abnormal class, histogram";
  }

  @Override
  public EvaluationResult evaluate(EvaluationJob job) {
    AutoencoderMetrics m =
        AutoencoderMetrics.compute(job.modelName(), job.classes(), anomalyScores(job), job.labels());
    return ResultFiles.result(job, m.toMap(), m.summary(), () -> AutoencoderPlots.render(m));
  }

  /** One score per sample: the reconstruction error when inputs are given, else the score itself. */
  static float[] anomalyScores(EvaluationJob job) {
    List<float[]> out = job.scores();
    if (out == null || out.isEmpty()) {
      throw new KilnException("scores: expected one output per sample, found no samples");
    }
    float[] scores = new float[out.size()];
    if (job.inputs() != null) {
      if (job.inputs().size() != out.size()) {
        throw new KilnException(
            "inputs: expected one input per output (" + out.size() + "), found "
                + job.inputs().size());
      }
      for (int i = 0; i < scores.length; i++) {
        scores[i] = AutoencoderMetrics.meanSquaredError(job.inputs().get(i), out.get(i), i);
      }
    } else {
      for (int i = 0; i < scores.length; i++) {
        if (out.get(i).length != 1) {
          throw new KilnException(
              "scores: sample " + i + " has " + out.get(i).length + " values; without inputs an"
                  + " autoencoder evaluation expects one anomaly score per sample");
        }
        scores[i] = out.get(i)[0];
      }
    }
    return scores;
  }
}
