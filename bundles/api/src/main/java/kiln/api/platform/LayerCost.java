package kiln.api.platform;

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
    boolean supported, String reason, double acceleratorCycles, double cpuCycles, double energyJoules) {}
