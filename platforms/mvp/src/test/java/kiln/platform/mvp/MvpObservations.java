package kiln.platform.mvp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import kiln.platform.cortexm.CycleFit;
import kiln.platform.cortexm.CycleFit.Observation;
import kiln.platform.cortexm.Measurements;
import kiln.util.cycles.LayerGeometry;
import kiln.util.cycles.LinearCost;

/**
 * The measurements the MVP model is fitted to: every layer with accelerator cycles ran on the MVP
 * and gives one accelerator-side and one CPU-side observation; the rest ran on the CPU alone and
 * belong to the Cortex-M33 model.
 */
final class MvpObservations {
  private MvpObservations() {}

  /** MVP-side observations, the depthwise CPU terms with {@code channelCap}. */
  static List<Observation> mvp(List<Measurements.Layer> layers, int channelCap) {
    List<Observation> out = new ArrayList<>();
    for (Measurements.Layer l : layers) {
      if (l.accCycles() == 0) {
        continue;
      }
      LayerGeometry g = new LayerGeometry(l.info());
      String op = l.info().opcode();
      LinearCost acc = MvpCycleModel.accelerator(op);
      LinearCost cpu = MvpCycleModel.cpu(op);
      double[] cpuTerms = cpu == MvpCycleModel.DEPTHWISE_CPU
          ? MvpCycleModel.depthwiseCpuTerms(g, channelCap) : cpu.terms(g);
      out.add(new Observation(l.model(), l.info().index(), acc, acc.terms(g), l.accCycles(), true));
      out.add(new Observation(l.model(), l.info().index(), cpu, cpuTerms, l.cpuCycles(), false));
    }
    return out;
  }

  /** The MVP and the CPU model's observations together. */
  static List<Observation> all(List<Measurements.Layer> layers, int channelCap) {
    List<Observation> out = new ArrayList<>(mvp(layers, channelCap));
    out.addAll(CycleFit.cpuObservations(layers));
    return out;
  }

  /**
   * The depthwise CPU channel cap the measurements prefer: among the output channel counts of the
   * measured depthwise layers, the one whose fit leaves the least squared relative error (the
   * smallest on a tie).
   */
  static int depthwiseChannelCap(List<Measurements.Layer> layers) {
    TreeSet<Integer> candidates = new TreeSet<>();
    for (Measurements.Layer l : layers) {
      if (l.accCycles() > 0 && l.info().opcode().equals("depthwise_conv_2d")) {
        candidates.add(LayerGeometry.channels(new LayerGeometry(l.info()).output(0)));
      }
    }
    int best = MvpCycleModel.DEPTHWISE_CPU_CHANNEL_CAP;
    double bestError = Double.POSITIVE_INFINITY;
    for (int cap : candidates) {
      Map<LinearCost, CycleFit.Fit> fits = CycleFit.fit(mvp(layers, cap));
      double error = fits.get(MvpCycleModel.DEPTHWISE_CPU).squaredError();
      if (error < bestError) {
        best = cap;
        bestError = error;
      }
    }
    return best;
  }
}
