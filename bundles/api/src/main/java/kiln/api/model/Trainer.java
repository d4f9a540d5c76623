package kiln.api.model;

import java.util.List;
import java.util.Map;
import kiln.api.Described;
import org.osgi.annotation.versioning.ConsumerType;

/** Trains a layer graph and runs the float model. Registered with {@code kiln.name} (e.g. {@code tensorflow}). */
@ConsumerType
public interface Trainer extends Described {
  /**
   * Trains until the epochs or a callback ends it.
   *
   * @throws kiln.api.KilnException naming the setting or layer that cannot be trained
   */
  TrainResult train(TrainJob job);

  /**
   * Runs the float model in inference mode (dropout off, batch normalization on its moving
   * statistics) and returns the outputs of the named layers for each sample.
   *
   * @param graph the layer graph
   * @param weights its weights
   * @param samples inputs, one array per sample, without the batch dimension
   * @param layers the layers whose outputs are wanted; empty for the graph's outputs
   * @return per layer name (in the order asked), one output array per sample
   */
  Map<String, List<float[]>> predict(LayerGraph graph, Weights weights, List<float[]> samples, List<String> layers);

  /**
   * The epoch a job with {@code initialEpoch > 0} and no initial weights would resume at in this work
   * folder (the newest checkpoint this trainer wrote there), or 0 when there is nothing to resume.
   */
  default int resumeEpoch(java.nio.file.Path workDir) {
    return 0;
  }
}
