package kiln.profile;

import kiln.api.platform.BoardRequest;

/**
 * {@code kiln:profile --device}'s options.
 *
 * @param connector the BoardConnector's kiln.name ({@code serial})
 * @param port {@code --port}, or null for the connector's default
 * @param log {@code --log FILE}: read this saved board log instead of a board, or null
 * @param program false for {@code --no-program}
 */
record DeviceOptions(String connector, String port, String log, boolean program, int baud,
    long timeoutMillis, int retries) {

  BoardRequest request() {
    return new BoardRequest(port, baud, timeoutMillis, retries, program);
  }
}
