package kiln.platform.cortexm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.util.cycles.CortexM33CycleModel;
import kiln.util.cycles.LayerGeometry;
import kiln.util.cycles.LinearCost;

/**
 * The fitting program of Kiln's cycle models: each formula's coefficients by non-negative least
 * squares on relative error ({@code minimise sum ((terms . c - measured) / measured)^2, c >= 0})
 * over the board measurements it should reproduce. platforms/mvp's tests use it too.
 */
public final class CycleFit {
  /**
   * One measured cycle count a formula should reproduce.
   *
   * @param model the model the layer belongs to
   * @param layer the layer's index
   * @param formula the formula that costs it
   * @param terms the layer's terms for that formula
   * @param measured the board's cycle count
   * @param accelerator whether the count is accelerator cycles (else CPU cycles)
   */
  public record Observation(
      String model, int layer, LinearCost formula, double[] terms, double measured,
      boolean accelerator) {}

  /**
   * A formula's fit.
   *
   * @param formula the formula
   * @param coefficients the fitted coefficients
   * @param rows how many measurements it was fitted to
   * @param rowsPerTerm per term, how many of them have the term non-zero
   * @param squaredError sum of squared relative errors at the fit
   */
  public record Fit(
      LinearCost formula, double[] coefficients, int rows, int[] rowsPerTerm, double squaredError) {
    /** The fewest measurements any one term rests on. */
    public int weakestTerm() {
      int min = Integer.MAX_VALUE;
      for (int r : rowsPerTerm) {
        min = Math.min(min, r);
      }
      return min;
    }

    /** {@code 1679 call + 2.870 MAC + ...} with four significant digits, as committed. */
    public String formatted() {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < coefficients.length; i++) {
        b.append(i == 0 ? "" : " + ").append(sig4(coefficients[i])).append(' ')
            .append(formula.termNames().get(i));
      }
      return b.toString();
    }
  }

  private CycleFit() {}

  /** Four significant digits: the precision the committed coefficients are written with. */
  public static String sig4(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  /** Fits every formula that has observations, in order of first appearance. */
  public static Map<LinearCost, Fit> fit(List<Observation> observations) {
    Map<LinearCost, List<Observation>> byFormula = new LinkedHashMap<>();
    for (Observation o : observations) {
      if (o.measured() > 0) {
        byFormula.computeIfAbsent(o.formula(), f -> new ArrayList<>()).add(o);
      }
    }
    Map<LinearCost, Fit> fits = new LinkedHashMap<>();
    byFormula.forEach((f, obs) -> fits.put(f, fitOne(f, obs)));
    return fits;
  }

  static Fit fitOne(LinearCost formula, List<Observation> obs) {
    int n = formula.termNames().size();
    double[][] a = new double[obs.size()][n];
    double[] b = new double[obs.size()];
    int[] rowsPerTerm = new int[n];
    for (int i = 0; i < obs.size(); i++) {
      Observation o = obs.get(i);
      for (int j = 0; j < n; j++) {
        a[i][j] = o.terms()[j] / o.measured();
        rowsPerTerm[j] += o.terms()[j] != 0 ? 1 : 0;
      }
      b[i] = 1;
    }
    double[] c = Nnls.solve(a, b);
    double sse = 0;
    for (Observation o : obs) {
      double e = LinearCost.cycles(o.terms(), c) / o.measured() - 1;
      sse += e * e;
    }
    return new Fit(formula, c, obs.size(), rowsPerTerm, sse);
  }

  /**
   * The CPU model's observations: every layer whose accelerator cycles are 0 ran on the CPU alone
   * (the CPU-only run and the MVP runs' CPU ops), costed by {@link CortexM33CycleModel}.
   */
  public static List<Observation> cpuObservations(List<Measurements.Layer> layers) {
    List<Observation> out = new ArrayList<>();
    for (Measurements.Layer l : layers) {
      if (l.accCycles() == 0) {
        LinearCost f = CortexM33CycleModel.formula(l.info().opcode());
        out.add(new Observation(l.model(), l.info().index(), f,
            f.terms(new LayerGeometry(l.info())), l.cpuCycles(), false));
      }
    }
    return out;
  }

  /** The fits as text, one formula a line. */
  public static String report(Map<LinearCost, Fit> fits) {
    StringBuilder b = new StringBuilder();
    for (Fit f : fits.values()) {
      b.append(String.format(Locale.ROOT, "%-36s %3d layers  %s%s%n", f.formula().name(), f.rows(),
          f.formatted(), f.weakestTerm() == 1 ? "   (a term rests on one measurement)" : ""));
    }
    return b.toString();
  }
}
