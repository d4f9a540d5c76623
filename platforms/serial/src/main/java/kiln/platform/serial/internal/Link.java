package kiln.platform.serial.internal;

/** A byte pipe to a board with bounded waits: a serial port, or a test double. */
interface Link extends AutoCloseable {
  /** The port's name, for messages. */
  String name();

  /**
   * Reads what has arrived, waiting at most {@code timeoutMillis} for the first byte.
   *
   * @return the number of bytes read, 0 when none arrived in time
   * @throws kiln.api.KilnException naming the port when it is gone (board unplugged)
   */
  int read(byte[] buf, long timeoutMillis);

  /** Writes all of {@code data}; throws a KilnException naming the port when it cannot. */
  void write(byte[] data);

  /** Releases the port; never throws. */
  @Override
  void close();
}
