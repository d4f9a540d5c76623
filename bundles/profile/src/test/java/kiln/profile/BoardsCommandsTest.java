package kiln.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.platform.BoardConnector;
import kiln.api.platform.BoardInfo;
import org.junit.jupiter.api.Test;

class BoardsCommandsTest {
  /** A connector that finds what it is given. */
  record Fixed(List<BoardInfo> found, RuntimeException failure) implements BoardConnector {
    @Override
    public String description() {
      return "fixed";
    }

    @Override
    public List<BoardInfo> discover() {
      if (failure != null) {
        throw failure;
      }
      return found;
    }

    @Override
    public byte[] run(String port, byte[] model, byte[] input) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void listsEveryConnectorsPortsWithUsbIdsAndClaims() {
    String out = BoardsCommands.list(Map.of(
        "serial", new Fixed(List.of(
            new BoardInfo("/dev/ttyACM0", "JLink CDC UART Port", 0x1366, 0x0105, true),
            new BoardInfo("/dev/ttyS0", "Physical Port S0")), null),
        "tcp", new Fixed(List.of(), null),
        "rtt", new Fixed(null, new KilnException("no J-Link attached"))));
    assertThat(out)
        .contains("| serial    | /dev/ttyACM0 | JLink CDC UART Port | 1366:0105 | yes    |")
        .contains("| serial    | /dev/ttyS0   | Physical Port S0    | -         | -      |")
        .contains("connector tcp: no ports found")
        .contains("connector rtt: discovery failed: no J-Link attached");
  }

  @Test
  void saysWhenNoConnectorIsInstalled() {
    assertThat(BoardsCommands.list(Map.of())).contains("No board connector is installed");
  }
}
