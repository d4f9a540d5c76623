package kiln.api.model;

import java.nio.file.Path;
import java.util.List;

/**
 * Model outputs on an evaluation set and what they should have been.
 *
 * <p>Classifier ({@code classifier}): {@code scores} holds one probability vector per sample (a
 * single value per sample is a binary classifier's probability of class 1) and {@code labels} the
 * true class index. Autoencoder ({@code autoencoder}): {@code labels} holds the class index of each
 * sample, class 0 being normal and every other class abnormal; {@code scores} holds either the
 * reconstruction of each sample (then {@code inputs} must hold the sample itself and the score is
 * the mean squared error) or one precomputed anomaly score per sample ({@code inputs} null).
 *
 * @param modelName the model's name, for reports and plot file names
 * @param classes the class names
 * @param scores one output vector per sample
 * @param labels the true class index of each sample
 * @param outputDir where result files and plots go, or null for none
 * @param inputs the model inputs per sample (autoencoders scored by reconstruction), or null
 */
public record EvaluationJob(
    String modelName,
    List<String> classes,
    List<float[]> scores,
    int[] labels,
    Path outputDir,
    List<float[]> inputs) {

  /** A job without model inputs (classifiers, or autoencoders with precomputed scores). */
  public EvaluationJob(
      String modelName, List<String> classes, List<float[]> scores, int[] labels, Path outputDir) {
    this(modelName, classes, scores, labels, outputDir, null);
  }
}
