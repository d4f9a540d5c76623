package kiln.platform.serial.protocol;

/**
 * The board's answer to HELLO: who it is and what it has.
 *
 * @param version the protocol version the board speaks
 * @param emulated true for a board emulator (its cycles come from a cycle model)
 * @param maxPayload the largest frame payload the board accepts
 */
public record Hello(
    int version,
    boolean emulated,
    long clockHz,
    long ramBytes,
    long flashBytes,
    int maxPayload,
    String board,
    String firmware,
    String mcu,
    String accelerator) {

  public byte[] encode() {
    return new PayloadWriter().u8(version).u8(emulated ? 1 : 0).u32(clockHz).u32(ramBytes)
        .u32(flashBytes).u16(maxPayload).str(board).str(firmware).str(mcu).str(accelerator)
        .toBytes();
  }

  public static Hello decode(byte[] payload) {
    PayloadReader r = new PayloadReader(payload);
    int version = r.u8("version");
    int flags = r.u8("flags");
    return new Hello(version, (flags & 1) != 0, r.u32("clock"), r.u32("ram"), r.u32("flash"),
        r.u16("max payload"), r.str("board"), r.str("firmware"), r.str("mcu"), r.str("accelerator"));
  }
}
