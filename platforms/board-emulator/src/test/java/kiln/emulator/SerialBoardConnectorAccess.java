package kiln.emulator;

import kiln.api.platform.DeviceProfile;
import kiln.platform.serial.protocol.ProfileData;

/** The emulator's figures without the serial line, for comparing with what came over it. */
final class SerialBoardConnectorAccess {
  private SerialBoardConnectorAccess() {}

  static DeviceProfile fromProtocol(EmulatedBoard board, byte[] model) {
    board.load(model, false);
    ProfileData d = board.profile();
    return new DeviceProfile("", "direct", true, board.acceleratorName(), d.clockHz(), d.arenaBytes(), d.ops().stream()
        .map(o -> new DeviceProfile.Layer(o.index(), o.opcode(), o.ops(), o.macs(), o.cpuCycles(),
            o.acceleratorCycles(), o.timeMicros() / 1e6, o.unsupportedReason()))
        .toList());
  }
}
