package kiln.platform.serial.protocol;

import java.util.ArrayList;
import java.util.List;

/** The PROFILE reply: clock, arena used and per-op figures of one inference. */
public record ProfileData(long clockHz, long arenaBytes, List<Op> ops) {
  /** One op's figures; {@code timeMicros} as the board timed it. */
  public record Op(int index, String opcode, long ops, long macs, long cpuCycles,
      long acceleratorCycles, long timeMicros, String unsupportedReason) {}

  public byte[] encode() {
    PayloadWriter w = new PayloadWriter().u32(clockHz).u32(arenaBytes).u16(ops.size());
    for (Op o : ops) {
      w.u16(o.index).str(o.opcode).u32(o.ops).u32(o.macs).u32(o.cpuCycles)
          .u32(o.acceleratorCycles).u32(o.timeMicros).str(o.unsupportedReason);
    }
    return w.toBytes();
  }

  public static ProfileData decode(byte[] payload) {
    PayloadReader r = new PayloadReader(payload);
    long clock = r.u32("clock");
    long arena = r.u32("arena");
    int n = r.u16("op count");
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String f = "op " + i;
      ops.add(new Op(r.u16(f), r.str(f), r.u32(f), r.u32(f), r.u32(f), r.u32(f), r.u32(f), r.str(f)));
    }
    return new ProfileData(clock, arena, ops);
  }
}
