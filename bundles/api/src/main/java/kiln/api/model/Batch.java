package kiln.api.model;

/**
 * One training batch: inputs and one-hot (or target) labels, row-major, batch dimension first, and
 * optional per-sample weights (class weights), null when unweighted.
 */
public record Batch(float[] x, int[] xShape, float[] y, int[] yShape, float[] sampleWeights) {
  /** The number of samples in the batch. */
  public int size() {
    return xShape[0];
  }
}
