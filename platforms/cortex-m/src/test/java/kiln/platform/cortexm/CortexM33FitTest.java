package kiln.platform.cortexm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kiln.util.cycles.CortexM33CycleModel;
import kiln.util.cycles.LinearCost;
import org.junit.jupiter.api.Test;

/**
 * Re-runs the CPU model's fit on the board measurements and checks that the committed coefficients
 * are what it gives (four significant digits), and that every formula resting on one measurement,
 * or on none, is declared so (the accelerators' descriptions name them).
 */
class CortexM33FitTest {
  static Map<LinearCost, CycleFit.Fit> fit() throws Exception {
    return CycleFit.fit(CycleFit.cpuObservations(Measurements.layers()));
  }

  @Test
  void committedCoefficientsAreTheFit() throws Exception {
    Map<LinearCost, CycleFit.Fit> fits = fit();
    String report = CycleFit.report(fits);
    System.out.println("Cortex-M33 CPU model, fitted to the fixtures:\n" + report);
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("cortex-m33-fit.txt"), report);
    }
    List<String> differ = new ArrayList<>();
    for (CycleFit.Fit f : fits.values()) {
      double[] committed = f.formula().coefficients();
      for (int i = 0; i < committed.length; i++) {
        if (!CycleFit.sig4(committed[i]).equals(CycleFit.sig4(f.coefficients()[i]))) {
          differ.add(f.formula().name() + " " + f.formula().termNames().get(i) + ": committed "
              + CycleFit.sig4(committed[i]) + ", fit " + CycleFit.sig4(f.coefficients()[i]));
        }
      }
    }
    assertThat(differ).as("coefficients to update from the fit above").isEmpty();
  }

  @Test
  void formulasOnOneMeasurementOrNoneAreDeclared() throws Exception {
    Map<LinearCost, CycleFit.Fit> fits = fit();
    List<LinearCost> one = new ArrayList<>();
    List<LinearCost> none = new ArrayList<>();
    for (LinearCost f : CortexM33CycleModel.formulas()) {
      CycleFit.Fit fit = fits.get(f);
      if (fit == null) {
        none.add(f);
      } else if (fit.weakestTerm() == 1) {
        one.add(f);
      }
    }
    assertThat(one).containsExactlyInAnyOrderElementsOf(CortexM33CycleModel.ONE_MEASUREMENT);
    assertThat(none).containsExactlyInAnyOrderElementsOf(CortexM33CycleModel.ASSUMED);
    for (LinearCost f : one) {
      String op = f.name().substring("cpu ".length());
      assertThat(CortexM33CycleModel.CALIBRATION_NOTE).contains(op);
    }
  }
}
