package kiln.api.platform;

import java.util.Collection;

/**
 * An accelerator's verdict on one layer.
 *
 * @param supported whether the accelerator runs it
 * @param reason why not, empty when supported
 * @param acceleratorCycles cycles on the accelerator
 * @param cpuCycles cycles left on the CPU
 * @param energyJoules estimated energy, or NaN when not estimated
 */
public record LayerCost(
    boolean supported, String reason, double acceleratorCycles, double cpuCycles, double energyJoules) {
  public static final String NOT_RUNNABLE = "Kiln's interpreter cannot run ";
  public static final String NO_INTERPRETER = "no Kiln interpreter is installed to run it";

  /**
   * This verdict, made unsupported when the interpreter cannot run the op: {@code notRunnable} is
   * what {@link kiln.api.model.Interpreter#check} named for the model (null: no interpreter is
   * installed, so nothing can be called supported). The one rule the profiler and the model view
   * share, so neither calls an op supported that the runtime cannot run.
   */
  public LayerCost runnableBy(String op, Collection<String> notRunnable) {
    String why = notRunnable == null ? NO_INTERPRETER : notRunnable.contains(op) ? NOT_RUNNABLE + op : null;
    if (why == null) {
      return this;
    }
    String because = supported || reason == null || reason.isBlank() ? why : reason + "; " + why;
    return new LayerCost(false, because, acceleratorCycles, cpuCycles, energyJoules);
  }
}
