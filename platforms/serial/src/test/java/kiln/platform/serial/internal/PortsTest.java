package kiln.platform.serial.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kiln.api.KilnException;
import kiln.api.platform.BoardRequest;
import org.junit.jupiter.api.Test;

class PortsTest {
  @Test
  void aPlainNameIsTakenAsIs() {
    assertThat(Ports.resolve("/dev/ttyACM7")).isEqualTo("/dev/ttyACM7");
  }

  @Test
  void aPatternMatchingNoPortNamesThePatternAndTheListing() {
    assertThatThrownBy(() -> Ports.resolve("regex:No Such Board 12345"))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("regex:No Such Board 12345")
        .hasMessageContaining("--port");
  }

  @Test
  void aMissingPortFailsAtOnceNamingIt() {
    SerialBoardConnector c = new SerialBoardConnector();
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> c.run(new BoardRequest("/tmp/kiln-no-such-port", 115200, 200, 0, false),
        new byte[4], new byte[4]))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("/tmp/kiln-no-such-port")
        .hasMessageContaining("no such port");
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2);
  }
}
