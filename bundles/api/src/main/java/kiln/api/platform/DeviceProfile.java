package kiln.api.platform;

import java.util.List;

/**
 * What a board measured while running a model once: the figures MLTK's model_profiler prints.
 *
 * @param board the board's name (from the handshake or the log), or empty when unknown
 * @param source where the figures come from: {@code mltk-log} or {@code kiln-protocol}
 * @param emulated true when a board emulator produced them (cycles from a cycle model, not a chip)
 * @param accelerator the accelerator the board's firmware uses, lower case ({@code mvp},
 *     {@code none}), or empty when it did not say
 * @param clockHz the CPU clock the board reported, 0 when not reported
 * @param runtimeMemoryBytes the tensor arena the runtime used, 0 when not reported
 * @param layers one entry per op, in execution order
 */
public record DeviceProfile(
    String board,
    String source,
    boolean emulated,
    String accelerator,
    long clockHz,
    long runtimeMemoryBytes,
    List<Layer> layers) {
  public DeviceProfile {
    layers = List.copyOf(layers);
  }

  /**
   * One op as measured.
   *
   * @param index the op's index in the model
   * @param opcode the op name as the board reports it ({@code CONV_2D})
   * @param ops operations counted by the board's profiler
   * @param macs multiply-accumulates counted by the board's profiler
   * @param cpuCycles CPU cycles measured
   * @param acceleratorCycles accelerator cycles measured
   * @param timeSeconds the op's time, NaN when not reported
   * @param unsupportedReason why the accelerator did not run it, empty when it did
   */
  public record Layer(
      int index,
      String opcode,
      long ops,
      long macs,
      long cpuCycles,
      long acceleratorCycles,
      double timeSeconds,
      String unsupportedReason) {}
}
