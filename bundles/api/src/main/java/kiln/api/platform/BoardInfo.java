package kiln.api.platform;

/**
 * A port a connector found, and whether it looks like a board the connector talks to.
 *
 * @param port the port name or path ({@code /dev/ttyACM0}), as {@code --port} takes it
 * @param description what the port says it is ({@code JLink CDC UART Port})
 * @param vendorId the USB vendor id, or -1 when the port is not a USB device
 * @param productId the USB product id, or -1 when the port is not a USB device
 * @param claimed whether the connector recognises a board there (a known USB id or description)
 */
public record BoardInfo(String port, String description, int vendorId, int productId, boolean claimed) {
  /** A port known only by name and description. */
  public BoardInfo(String port, String description) {
    this(port, description, -1, -1, false);
  }
}
