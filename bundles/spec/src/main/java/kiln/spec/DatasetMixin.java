package kiln.spec;

import kiln.spec.data.SpecDataset;

/**
 * The spec's data: either a registered provider named by {@code dataset} (with a {@code datagen}), or
 * data the spec supplies itself (MLTK's {@code tf.data} route) by overriding the methods below. A spec
 * that supplies {@link #trainingData()} needs no {@code dataset}. The trainer reads training and
 * validation data; quantization calibrates on training data only; evaluation reads
 * {@link #evaluationData()}, else {@link #validationData()}, and never the training data. In the dry
 * run ({@code NAME-test}) {@code testMode()} is true: the spec decides how small its data gets.
 */
public interface DatasetMixin {
  /** The training samples, or null to use the {@code dataset} provider. */
  default SpecDataset trainingData() {
    return null;
  }

  /** Samples checked after every epoch and, without evaluation data, evaluated; null: none. */
  default SpecDataset validationData() {
    return null;
  }

  /** Held-out samples for evaluation; null: the validation data. */
  default SpecDataset evaluationData() {
    return null;
  }
}
