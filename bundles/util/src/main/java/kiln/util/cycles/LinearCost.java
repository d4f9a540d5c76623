package kiln.util.cycles;

import java.util.List;

/**
 * A cycle formula linear in its coefficients: {@code cycles = sum of coefficient[i] * term[i]},
 * where the terms are what a kernel loops over (calls, multiply-accumulates, output elements, ...)
 * read off a layer. Keeping terms and coefficients apart lets the platforms' tests re-fit the
 * coefficients to board measurements and compare them with the committed ones.
 */
public final class LinearCost {
  /** The terms of one layer, in the order of {@link #termNames()}. */
  @FunctionalInterface
  public interface Terms {
    double[] of(LayerGeometry g);
  }

  private final String name;
  private final List<String> termNames;
  private final Terms terms;
  private final double[] coefficients;

  /**
   * @param name what the formula costs, e.g. {@code mvp conv_2d accelerator}
   * @param termNames one name per term, e.g. {@code call}, {@code MAC}
   * @param terms reads the terms off a layer
   * @param coefficients cycles per unit of each term
   */
  public LinearCost(String name, List<String> termNames, Terms terms, double... coefficients) {
    if (termNames.size() != coefficients.length) {
      throw new IllegalArgumentException(
          name + ": " + termNames.size() + " terms but " + coefficients.length + " coefficients");
    }
    this.name = name;
    this.termNames = List.copyOf(termNames);
    this.terms = terms;
    this.coefficients = coefficients.clone();
  }

  public String name() {
    return name;
  }

  public List<String> termNames() {
    return termNames;
  }

  public double[] coefficients() {
    return coefficients.clone();
  }

  /** The terms of {@code g}; their count is the number of coefficients. */
  public double[] terms(LayerGeometry g) {
    double[] t = terms.of(g);
    if (t.length != coefficients.length) {
      throw new IllegalStateException(name + ": " + t.length + " terms, expected " + coefficients.length);
    }
    return t;
  }

  /** Cycles of {@code g} with the committed coefficients. */
  public double cycles(LayerGeometry g) {
    return cycles(terms(g), coefficients);
  }

  /** The dot product of terms and coefficients. */
  public static double cycles(double[] terms, double[] coefficients) {
    double sum = 0;
    for (int i = 0; i < terms.length; i++) {
      sum += coefficients[i] * terms[i];
    }
    return sum;
  }

  @Override
  public String toString() {
    return name;
  }
}
