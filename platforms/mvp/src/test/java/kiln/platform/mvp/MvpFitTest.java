package kiln.platform.mvp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kiln.platform.cortexm.CycleFit;
import kiln.platform.cortexm.Measurements;
import kiln.util.cycles.LinearCost;
import org.junit.jupiter.api.Test;

/**
 * Re-runs the MVP model's fit on the board measurements and checks that the committed coefficients
 * (four significant digits) and the depthwise channel cap are what it gives.
 */
class MvpFitTest {
  @Test
  void committedCoefficientsAreTheFit() throws Exception {
    List<Measurements.Layer> layers = Measurements.layers();
    int cap = MvpObservations.depthwiseChannelCap(layers);
    Map<LinearCost, CycleFit.Fit> fits = CycleFit.fit(MvpObservations.mvp(layers, cap));
    String report = "depthwise CPU channel cap " + cap + "\n" + CycleFit.report(fits);
    System.out.println("MVP model, fitted to the fixtures:\n" + report);
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("mvp-fit.txt"), report);
    }
    assertThat(cap).isEqualTo(MvpCycleModel.DEPTHWISE_CPU_CHANNEL_CAP);
    assertThat(fits.keySet()).containsExactlyInAnyOrderElementsOf(MvpCycleModel.formulas());
    List<String> differ = new ArrayList<>();
    for (CycleFit.Fit f : fits.values()) {
      double[] committed = f.formula().coefficients();
      for (int i = 0; i < committed.length; i++) {
        if (!CycleFit.sig4(committed[i]).equals(CycleFit.sig4(f.coefficients()[i]))) {
          differ.add(f.formula().name() + " " + f.formula().termNames().get(i) + ": committed "
              + CycleFit.sig4(committed[i]) + ", fit " + CycleFit.sig4(f.coefficients()[i]));
        }
      }
      // no MVP term may rest on a single measured layer
      assertThat(f.weakestTerm()).as(f.formula().name()).isGreaterThanOrEqualTo(2);
    }
    assertThat(differ).as("coefficients to update from the fit above").isEmpty();
  }
}
