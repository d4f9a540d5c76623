package kiln.platform.mvp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import kiln.platform.cortexm.CycleFit;
import kiln.platform.cortexm.CycleFit.Observation;
import kiln.platform.cortexm.Measurements;
import kiln.util.cycles.LinearCost;
import org.junit.jupiter.api.Test;

/**
 * How well the fitted models predict a model they have not seen: for each measured model, every
 * coefficient (MVP and CPU, and the depthwise channel cap) is refitted without that model's layers,
 * and its report totals are predicted from the refit. Prints the table (also {@code
 * target/leave-one-model-out.md}); ops or terms no other model measured get no estimate there and
 * are listed.
 */
class MvpLeaveOneModelOutTest {
  record Row(String model, String accelerator, double acc, double accPredicted, double cpu,
      double cpuPredicted, String unseen) {
    double accError() {
      return acc == 0 ? 0 : accPredicted / acc - 1;
    }

    double cpuError() {
      return cpuPredicted / cpu - 1;
    }
  }

  static List<Row> table() throws Exception {
    List<Measurements.Layer> layers = Measurements.layers();
    List<Row> rows = new ArrayList<>();
    for (Measurements.Model m : Measurements.models()) {
      List<Measurements.Layer> others =
          layers.stream().filter(l -> !l.model().equals(m.model())).toList();
      int cap = MvpObservations.depthwiseChannelCap(others);
      Map<LinearCost, CycleFit.Fit> fits = CycleFit.fit(MvpObservations.all(others, cap));
      List<Measurements.Layer> run = layers.stream()
          .filter(l -> l.model().equals(m.model()) && l.accelerator().equals(m.accelerator()))
          .toList();
      rows.add(predict(m, MvpObservations.all(run, cap), fits));
    }
    return rows;
  }

  static Row predict(Measurements.Model m, List<Observation> run, Map<LinearCost, CycleFit.Fit> fits) {
    double acc = 0;
    double cpu = 0;
    TreeSet<String> unseen = new TreeSet<>();
    for (Observation o : run) {
      CycleFit.Fit fit = fits.get(o.formula());
      double cycles = 0;
      if (fit == null) {
        unseen.add(o.formula().name());
      } else {
        cycles = LinearCost.cycles(o.terms(), fit.coefficients());
        for (int j = 0; j < o.terms().length; j++) {
          if (o.terms()[j] != 0 && fit.rowsPerTerm()[j] == 0) {
            unseen.add(o.formula().name() + ": " + o.formula().termNames().get(j));
          }
        }
      }
      if (o.accelerator()) {
        acc += cycles;
      } else {
        cpu += cycles;
      }
    }
    return new Row(m.model(), m.accelerator(), m.accCycles(), acc, m.cpuCycles(), cpu,
        String.join("; ", unseen));
  }

  @Test
  void eachModelPredictedFromTheOthers() throws Exception {
    List<Row> rows = table();
    String md = markdown(rows);
    System.out.println(md);
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("leave-one-model-out.md"), md);
    }
    for (Row r : rows) {
      if (r.accelerator().equals("mvp")) {
        assertThat(Math.abs(r.accError())).as("%s accelerator cycles", r.model()).isLessThan(0.12);
      }
      if (r.unseen().isEmpty()) {
        assertThat(Math.abs(r.cpuError())).as("%s CPU cycles", r.model()).isLessThan(0.25);
      } else {
        // what no other model measured has no estimate: the prediction falls short
        assertThat(r.cpuPredicted()).as("%s CPU cycles", r.model()).isLessThan(r.cpu());
      }
    }
  }

  /** The fit program's route (observations, fitted coefficients) gives the accelerators' totals. */
  @Test
  void inSampleTheFitProgramAgreesWithTheAccelerators() throws Exception {
    List<Measurements.Layer> layers = Measurements.layers();
    int cap = MvpCycleModel.DEPTHWISE_CPU_CHANNEL_CAP;
    Map<LinearCost, CycleFit.Fit> fits = CycleFit.fit(MvpObservations.all(layers, cap));
    Map<String, MvpCalibrationTest.Row> byRun = new java.util.HashMap<>();
    for (MvpCalibrationTest.Row r : MvpCalibrationTest.table()) {
      byRun.put(r.model() + "/" + r.accelerator(), r);
    }
    for (Measurements.Model m : Measurements.models()) {
      List<Measurements.Layer> run = layers.stream()
          .filter(l -> l.model().equals(m.model()) && l.accelerator().equals(m.accelerator()))
          .toList();
      Row fitted = predict(m, MvpObservations.all(run, cap), fits);
      MvpCalibrationTest.Row committed = byRun.get(m.model() + "/" + m.accelerator());
      // the committed coefficients are the fit rounded to four significant digits
      assertThat(fitted.accPredicted()).as(m.model())
          .isCloseTo(committed.accEstimated(), within(1e-3 * committed.accEstimated() + 1));
      assertThat(fitted.cpuPredicted()).as(m.model())
          .isCloseTo(committed.cpuEstimated(), within(1e-3 * committed.cpuEstimated()));
    }
  }

  static String markdown(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append("| left out | accelerator | acc cycles measured | predicted | error |"
        + " CPU cycles measured | predicted | error | measured in no other model |\n");
    b.append("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (Row r : rows) {
      boolean acc = r.acc() > 0;
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.0f | %.0f | %+.1f%% | %s |%n",
          r.model(), r.accelerator(), acc ? String.format(Locale.ROOT, "%.0f", r.acc()) : "-",
          acc ? String.format(Locale.ROOT, "%.0f", r.accPredicted()) : "-",
          acc ? String.format(Locale.ROOT, "%+.1f%%", 100 * r.accError()) : "-",
          r.cpu(), r.cpuPredicted(), 100 * r.cpuError(), r.unseen()));
    }
    double[] acc = errors(rows, true, false);
    double[] cpu = errors(rows, false, false);
    double[] cpuSeen = errors(rows, false, true);
    b.append(String.format(Locale.ROOT,
        "%nLeave one model out, MVP models (%d): accelerator cycles median |error| %.1f%%, max %.1f%%;"
            + " CPU cycles median %.1f%%, max %.1f%%; CPU cycles of the %d models whose ops all"
            + " appear in other models: median %.1f%%, max %.1f%%.%n",
        acc.length, 100 * MvpCalibrationTest.median(acc), 100 * acc[acc.length - 1],
        100 * MvpCalibrationTest.median(cpu), 100 * cpu[cpu.length - 1], cpuSeen.length,
        100 * MvpCalibrationTest.median(cpuSeen), 100 * cpuSeen[cpuSeen.length - 1]));
    return b.toString();
  }

  private static double[] errors(List<Row> rows, boolean acc, boolean seenOnly) {
    return rows.stream()
        .filter(r -> r.accelerator().equals("mvp") && (!seenOnly || r.unseen().isEmpty()))
        .mapToDouble(r -> Math.abs(acc ? r.accError() : r.cpuError()))
        .sorted().toArray();
  }
}
