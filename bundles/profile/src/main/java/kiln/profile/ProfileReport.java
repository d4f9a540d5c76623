package kiln.profile;

import java.util.List;

/**
 * Everything a profile reports, in plain numbers (cycles, seconds, joules, bytes). Cycle counts,
 * times, RAM and energy are estimates of the chosen back-end; ops, MACs and flash are exact.
 *
 * @param arenaBytes the planned part of the arena, 32-bit TFLM reference kernels: activations and
 *     kernel scratch
 * @param runtimeOverheadBytes that arena's persistent part: the runtime's structs and kernel data
 * @param cmsisNnRamBytes the whole arena with TFLite Micro's CMSIS-NN kernels (Cortex-M33, DSP),
 *     derived from CMSIS-NN's buffer-size formulas
 * @param acceleratorRamBytes the whole arena with the accelerator's kernels' scratch buffers in
 *     place of the reference kernels' (an estimate)
 * @param energyJoules NaN when the back-end does not estimate energy
 */
record ProfileReport(
    String name,
    String accelerator,
    String acceleratorDescription,
    List<TensorSummary> inputs,
    List<TensorSummary> outputs,
    long flashBytes,
    long arenaBytes,
    long runtimeOverheadBytes,
    long cmsisNnRamBytes,
    long acceleratorRamBytes,
    long ops,
    long macs,
    int unsupportedLayerCount,
    double acceleratorCycles,
    double cpuCycles,
    long clockHz,
    double timeSeconds,
    double energyJoules,
    List<LayerRow> layers) {

  /** A model input or output: shape and element type. */
  record TensorSummary(int[] shape, String dtype) {}

  /** One row of the layer table. */
  record LayerRow(
      int index,
      String opcode,
      long ops,
      long macs,
      double acceleratorCycles,
      double cpuCycles,
      double energyJoules,
      double timeSeconds,
      List<int[]> inputShapes,
      List<int[]> outputShapes,
      String options,
      boolean supported,
      String error) {}

  /** The arena, 32-bit TFLM reference kernels: TFLite Micro's {@code arena_used_bytes()}. */
  long ramBytes() {
    return arenaBytes + runtimeOverheadBytes;
  }

  int layerCount() {
    return layers.size();
  }

  /** Share of the inference time the CPU is busy, in percent. */
  double cpuUtilizationPercent() {
    return timeSeconds <= 0 ? 0 : 100.0 * cpuCycles / (timeSeconds * clockHz);
  }

  double opsPerSecond() {
    return timeSeconds <= 0 ? 0 : ops / timeSeconds;
  }

  double macsPerSecond() {
    return timeSeconds <= 0 ? 0 : macs / timeSeconds;
  }

  double inferencesPerSecond() {
    return timeSeconds <= 0 ? 0 : 1 / timeSeconds;
  }
}
