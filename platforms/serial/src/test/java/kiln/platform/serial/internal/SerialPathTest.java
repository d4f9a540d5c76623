package kiln.platform.serial.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import kiln.api.KilnException;
import kiln.api.platform.BoardRequest;
import kiln.api.platform.DeviceProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connector on a real pty (jSerialComm), with the test playing the board by hand. */
class SerialPathTest {
  @TempDir Path dir;

  @Test
  void aBoardThatIsNotKilnsNeedsCommanderUnlessNoProgram() throws Exception {
    try (PtyPair pair = new PtyPair(dir)) {
      SerialBoardConnector c = new SerialBoardConnector();
      c.commander = Optional::empty;
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> c.profile(new BoardRequest(pair.host.toString(), 115200, 200, 0, true),
          new byte[8]))
          .isInstanceOf(KilnException.class)
          .hasMessageContaining(pair.host.toString())
          .hasMessageContaining("Simplicity Commander")
          .hasMessageContaining("--no-program");
      assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2);
    }
  }

  @Test
  void aSilentMltkBoardFailsWithinTheTimeoutSayingWhatItWaitedFor() throws Exception {
    try (PtyPair pair = new PtyPair(dir)) {
      SerialBoardConnector c = new SerialBoardConnector();
      assertThatThrownBy(() -> c.profile(new BoardRequest(pair.host.toString(), 115200, 200, 0, false),
          new byte[8]))
          .isInstanceOf(KilnException.class)
          .hasMessageContaining(pair.host.toString())
          .hasMessageContaining("printed nothing for 200 ms")
          .hasMessageContaining("Starting Model Profiler");
    }
  }

  @Test
  void anMltkLogTypedByTheTestIsReadUpToDone() throws Exception {
    try (PtyPair pair = new PtyPair(dir);
        OutputStream board = new FileOutputStream(pair.board.toFile())) {
      SerialBoardConnector c = new SerialBoardConnector();
      Thread typist = new Thread(() -> {
        try {
          Thread.sleep(100);
          // noise before the start line (a boot banner) is not part of the log
          board.write(("boot banner 1.0\r\nStarting Model Profiler\r\nLoading model\r\n"
              + "CPU clock: 78.0MHz\r\n  Op0-CONV_2D\r\n   652.00k OPs\r\n  Op0-CONV_2D\r\n"
              + "      5.400 ms\r\n    85.70k CPU cycles\r\ndone\r\n").getBytes(StandardCharsets.US_ASCII));
          board.flush();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      typist.start();
      DeviceProfile p = c.profile(new BoardRequest(pair.host.toString(), 115200, 1000, 0, false),
          new byte[8]);
      typist.join();
      assertThat(p.layers()).hasSize(1);
      assertThat(p.layers().get(0).ops()).isEqualTo(652_000L);
      assertThat(p.layers().get(0).cpuCycles()).isEqualTo(85_700L);
      assertThat(p.clockHz()).isEqualTo(78_000_000L);
    }
  }

  @Test
  void aFailureLineFromTheBoardStopsTheReadAtOnce() throws Exception {
    try (PtyPair pair = new PtyPair(dir);
        OutputStream board = new FileOutputStream(pair.board.toFile())) {
      board.write("Starting Model Profiler\r\nLoading model\r\n*** HardFault ***\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      board.flush();
      SerialBoardConnector c = new SerialBoardConnector();
      assertThatThrownBy(() -> c.profile(new BoardRequest(pair.host.toString(), 115200, 300, 0, false),
          new byte[8]))
          .isInstanceOf(KilnException.class)
          .hasMessageContaining(pair.host.toString())
          .hasMessageContaining("HardFault");
    }
  }

  @Test
  void aPortHeldOpenElsewhereIsAClearError() throws Exception {
    try (PtyPair pair = new PtyPair(dir)) {
      try (SerialLink held = SerialLink.open(pair.host.toString(), 115200, 200)) {
        SerialBoardConnector c = new SerialBoardConnector();
        assertThatThrownBy(() -> c.run(new BoardRequest(pair.host.toString(), 115200, 200, 0, false),
            new byte[8], new byte[4]))
            .isInstanceOf(KilnException.class)
            .hasMessageContaining(pair.host.toString())
            .hasMessageContaining("in use");
      }
      // released: it opens again
      SerialLink.open(pair.host.toString(), 115200, 200).close();
    }
  }
}
