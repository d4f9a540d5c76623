package kiln.api.model;

/**
 * One training batch: inputs and one-hot (or target) labels, row-major, batch dimension first (a
 * model with several inputs takes each sample's inputs flattened and concatenated in the graph's
 * input order, x of shape (N, total)), and
 * optional per-sample weights (class weights), null when unweighted.
 */
public record Batch(float[] x, int[] xShape, float[] y, int[] yShape, float[] sampleWeights) {
  /** The number of samples in the batch. */
  public int size() {
    return xShape[0];
  }
}
