package kiln.api.platform;

/**
 * A board a connector found.
 *
 * @param port the port name or path ({@code /dev/ttyACM0})
 * @param description what the board says it is
 */
public record BoardInfo(String port, String description) {}
