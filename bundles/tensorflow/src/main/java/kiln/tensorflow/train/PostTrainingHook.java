package kiln.tensorflow.train;

import java.nio.file.Path;
import java.util.List;
import kiln.api.Progress;
import kiln.api.model.LayerGraph;
import kiln.api.model.Weights;
import kiln.spec.KilnModel;

/** Quantizes and evaluates a trained model into its archive (kiln.quantize's PostTraining when installed). */
@FunctionalInterface
public interface PostTrainingHook {
  /** Runs the step; returns its one-line summary. */
  String run(KilnModel model, LayerGraph graph, Weights weights, List<float[]> evalSamples, int[] evalLabels,
      Path archive, Progress progress);
}
