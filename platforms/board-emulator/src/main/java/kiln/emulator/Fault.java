package kiln.emulator;

import java.util.Locale;

/** A fault the emulator injects into its next replies. */
enum Fault {
  /** Drop bytes from the middle of a reply. */
  DROP,
  /** Send the reply with a wrong CRC. */
  CRC,
  /** Send nothing. */
  STALL,
  /** Send random bytes that are no frame instead of the reply. */
  GARBAGE,
  /** Close the port in the middle of the reply, as an unplugged board does. */
  DISCONNECT;

  /** {@code KIND} or {@code KIND:COUNT} (the number of replies it spoils, default 1). */
  static Injection parse(String spec) {
    String[] parts = spec.split(":", 2);
    Fault f;
    try {
      f = valueOf(parts[0].strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--fault " + spec + ": expected drop, crc, stall, garbage"
          + " or disconnect, optionally with :COUNT");
    }
    int count = 1;
    int after = 0;
    if (parts.length > 1) {
      String[] ca = parts[1].split("@", 2);
      count = Integer.parseInt(ca[0].strip());
      after = ca.length > 1 ? Integer.parseInt(ca[1].strip()) : 0;
    }
    return new Injection(f, count, after);
  }

  /**
   * A fault spoiling {@code count} replies, after {@code after} good ones.
   */
  record Injection(Fault fault, int count, int after) {}
}
