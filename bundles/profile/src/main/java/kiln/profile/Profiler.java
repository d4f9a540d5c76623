package kiln.profile;

import java.util.ArrayList;
import java.util.List;
import kiln.api.KilnException;
import kiln.api.platform.Accelerator;
import kiln.api.platform.LayerCost;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TfliteModel;
import kiln.tflite.arena.ArenaModel;
import kiln.tflite.arena.ArenaReport;
import kiln.tflite.arena.Target;
import kiln.tflite.arena.TflmKernels;

/**
 * Profiles a .tflite for one accelerator: ops and MACs (MLTK's profiler counting), flash (the file
 * size), RAM (TFLite Micro's arena from Kiln's one arena model, {@link ArenaModel}: the arena,
 * 32-bit TFLM reference kernels, exact; beside it the same with CMSIS-NN's kernels and with the
 * accelerator's kernels' scratch), and per layer the back-end's verdict and cycles. A layer takes
 * max(accelerator cycles, CPU cycles) / clock; the model takes the sum of its layers.
 *
 * <p>A layer is called supported only when the back-end supports it and Kiln's interpreter can run
 * its op: the interpreter's own check of the model (its kernel registry) decides, so the profiler
 * never calls supported an op the runtime refuses.
 */
final class Profiler {
  private Profiler() {}

  /** Why a layer whose op the runtime cannot run is not supported. */
  static final String NOT_RUNNABLE = LayerCost.NOT_RUNNABLE;
  static final String NO_INTERPRETER = LayerCost.NO_INTERPRETER;

  /**
   * @param notRunnable the ops the interpreter cannot run, as its {@code check} names them
   *     ({@code SVDF}, {@code CUSTOM(code)}); null when no interpreter is installed, so that no
   *     layer can be called supported
   */
  static ProfileReport profile(String name, byte[] tflite, String acceleratorName,
      Accelerator accelerator, java.util.Collection<String> notRunnable) {
    TfliteModel model = TfliteModel.read(tflite, name);
    Subgraph g = model.mainSubgraph();
    long clock = accelerator.clockHz();
    if (clock <= 0) {
      throw new KilnException("accelerator " + acceleratorName + ": clock rate must be positive,"
          + " found " + clock + " Hz");
    }
    List<ProfileReport.LayerRow> rows = new ArrayList<>();
    long ops = 0;
    long macs = 0;
    int unsupported = 0;
    double acc = 0;
    double cpu = 0;
    double time = 0;
    double energy = 0;
    List<ModelLayers.Layer> layers = ModelLayers.of(g);
    long[] scratch = new long[layers.size()];
    for (ModelLayers.Layer layer : layers) {
      LayerCost cost;
      try {
        cost = accelerator.cost(layer.info());
        scratch[layer.info().index()] = accelerator.scratchBytes(layer.info());
      } catch (RuntimeException e) {
        throw new KilnException("accelerator " + acceleratorName + " failed on layer "
            + layer.info().index() + " (" + layer.info().opcode() + "): " + e, e);
      }
      cost = cost.runnableBy(g.operators().get(layer.info().index()).checkName(), notRunnable);
      double layerTime = Math.max(cost.acceleratorCycles(), cost.cpuCycles()) / clock;
      rows.add(new ProfileReport.LayerRow(layer.info().index(), layer.info().opcode(),
          layer.info().ops(), layer.info().macs(), cost.acceleratorCycles(), cost.cpuCycles(),
          cost.energyJoules(), layerTime, layer.info().inputShapes(), layer.info().outputShapes(),
          layer.optionsText(), cost.supported(), cost.reason() == null ? "" : cost.reason()));
      ops += layer.info().ops();
      macs += layer.info().macs();
      unsupported += cost.supported() ? 0 : 1;
      acc += cost.acceleratorCycles();
      cpu += cost.cpuCycles();
      time += layerTime;
      energy += cost.energyJoules();
    }
    // the arena, 32-bit TFLM reference kernels (what the micro runtime reports)
    // of every subgraph, as TFLite Micro allocates them all
    ArenaReport ram = ArenaModel.estimate(model);
    ArenaReport cmsisNn = ArenaModel.estimate(model.subgraphs(), Target.CORTEX_M,
        TflmKernels.CMSIS_NN);
    // the back-end's kernels replace the reference kernels' scratch requests (main subgraph)
    ArenaReport withAccelerator = ArenaModel.estimate(model.subgraphs(), Target.CORTEX_M,
        i -> scratch[i] > 0 ? new long[] {scratch[i]} : new long[0]);
    return new ProfileReport(name, acceleratorName, accelerator.description(), tensors(g, g.inputs()),
        tensors(g, g.outputs()), tflite.length, ram.head(), ram.tail(), cmsisNn.total(),
        withAccelerator.total(), ops, macs,
        unsupported, acc, cpu, clock, time, energy, rows);
  }

  private static List<ProfileReport.TensorSummary> tensors(Subgraph g, int[] indices) {
    List<ProfileReport.TensorSummary> out = new ArrayList<>();
    for (int i : indices) {
      Tensor t = g.tensor(i);
      out.add(new ProfileReport.TensorSummary(t.shape(), t.type().displayName()));
    }
    return out;
  }
}
