package kiln.tensorflow.internal;

import kiln.quantize.PostTraining;
import kiln.tensorflow.train.PostTrainingHook;

/** Calls kiln.quantize's PostTraining; loaded only when that bundle's service is there. */
final class PostTrainingAdapter {
  private PostTrainingAdapter() {}

  static PostTrainingHook of(Object service) {
    PostTraining pt = (PostTraining) service;
    return (model, graph, weights, samples, labels, archive, progress) -> pt.run(
        new PostTraining.Job(model, graph, weights, null, samples, labels, archive, progress)).summary();
  }
}
