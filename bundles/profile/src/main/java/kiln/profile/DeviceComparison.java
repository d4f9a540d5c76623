package kiln.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kiln.api.KilnException;
import kiln.api.platform.DeviceProfile;

/**
 * A board's measurement beside Kiln's estimate of the same model on the same accelerator, op by
 * op. The board's op list must be the model's (same count, same op names), or the board ran
 * another model.
 */
record DeviceComparison(ProfileReport estimate, DeviceProfile measured, String where) {

  /** One figure both ways; the error is the estimate's, relative to the measurement. */
  record Vs(double measured, double estimate) {
    /** 100 * (estimate - measured) / measured; NaN when nothing was measured. */
    double errorPercent() {
      return measured == 0 ? Double.NaN : 100 * (estimate - measured) / measured;
    }
  }

  /** One op: the board's row and the estimate's. */
  record Row(DeviceProfile.Layer board, ProfileReport.LayerRow estimate) {
    Vs cpu() {
      return new Vs(board.cpuCycles(), estimate.cpuCycles());
    }

    Vs accelerator() {
      return new Vs(board.acceleratorCycles(), estimate.acceleratorCycles());
    }

    /** NaN measured time when the board did not time the op. */
    Vs time() {
      return new Vs(board.timeSeconds(), estimate.timeSeconds());
    }
  }

  static DeviceComparison of(ProfileReport estimate, DeviceProfile measured, String where) {
    if (measured.layers().size() != estimate.layers().size()) {
      throw new KilnException(where + ": the board reported " + measured.layers().size()
          + " ops, model " + estimate.name() + " has " + estimate.layers().size()
          + " (did the board run another model?)");
    }
    for (int i = 0; i < measured.layers().size(); i++) {
      String b = measured.layers().get(i).opcode();
      String e = estimate.layers().get(i).opcode();
      if (!b.isEmpty() && !b.equalsIgnoreCase(e)) {
        throw new KilnException(where + ": op " + i + " is " + b + " on the board and " + e
            + " in model " + estimate.name() + " (did the board run another model?)");
      }
    }
    return new DeviceComparison(estimate, measured, where);
  }

  List<Row> rows() {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < measured.layers().size(); i++) {
      out.add(new Row(measured.layers().get(i), estimate.layers().get(i)));
    }
    return out;
  }

  Vs cpuCycles() {
    return new Vs(measured.layers().stream().mapToLong(DeviceProfile.Layer::cpuCycles).sum(),
        estimate.cpuCycles());
  }

  Vs acceleratorCycles() {
    return new Vs(measured.layers().stream().mapToLong(DeviceProfile.Layer::acceleratorCycles).sum(),
        estimate.acceleratorCycles());
  }

  /** The board's time: the sum of the ops' times, or NaN when an op was not timed. */
  Vs time() {
    double t = 0;
    for (DeviceProfile.Layer l : measured.layers()) {
      t += l.timeSeconds();
    }
    return new Vs(t, estimate.timeSeconds());
  }

  Vs runtimeMemory() {
    return new Vs(measured.runtimeMemoryBytes(), estimate.ramBytes());
  }

  /** {@code +6.2%}, or {@code -} when nothing was measured. */
  static String error(Vs v) {
    double e = v.errorPercent();
    if (!Double.isFinite(e)) {
      return "-";
    }
    return Math.abs(e) < 0.05 ? "0.0%" : String.format(Locale.ROOT, "%+.1f%%", e);
  }

  /** What the figures are: measured on a board, or emulated. */
  String kind() {
    return measured.emulated()
        ? "emulated: the board emulator's cycle model, not a chip"
        : "measured on the board";
  }
}
