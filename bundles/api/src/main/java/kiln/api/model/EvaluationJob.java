package kiln.api.model;

import java.nio.file.Path;
import java.util.List;

/**
 * Model outputs on an evaluation set and what they should have been.
 *
 * @param modelName the model's name, for reports
 * @param classes the class names
 * @param scores one output vector per sample
 * @param labels the true class index of each sample (classifiers), or -1
 * @param outputDir where result files and plots go, or null for none
 */
public record EvaluationJob(
    String modelName, List<String> classes, List<float[]> scores, int[] labels, Path outputDir) {}
