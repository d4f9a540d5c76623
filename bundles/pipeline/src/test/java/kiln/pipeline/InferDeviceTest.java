package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import kiln.api.KilnException;
import kiln.api.platform.BoardRequest;
import kiln.emulator.RunningEmulator;
import kiln.emulator.SocatPair;
import kiln.platform.serial.internal.SerialBoardConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kiln:infer --device}: the board emulator on a socat pty pair, through the serial connector. */
class InferDeviceTest {
  @TempDir Path tmp;

  private Path fixture(String name) {
    kiln.micro.Fixtures.read("tflm/" + name);
    return kiln.micro.Fixtures.dir().resolve("tflm/" + name);
  }

  @Test
  void theBoardsOutputIsTheTflmTestOutput() throws Exception {
    try (SocatPair pair = SocatPair.start(tmp)) {
      RunningEmulator emulator = RunningEmulator.kiln(pair.board, "mvp");
      DeviceInterpreter board = new DeviceInterpreter(InferCommandTest.MICRO,
          new SerialBoardConnector(), "serial",
          new BoardRequest(pair.host.toString(), 115200, 500, 1, false));
      Path out = tmp.resolve("scores.bin");
      String text = InferCommand.run(board, fixture("micro_speech_quantized.tflite"),
          fixture("yes_micro_features_int8.bin"), out);
      assertThat(text).contains("[2] 127 (0.996094)").contains("[0] -128 (0.000000)");
      // TFLM's micro_speech test output for the yes features
      assertThat(Files.readAllBytes(out)).containsExactly(-128, -128, 127, -128);
      pair.close();
      emulator.close();
      assertThat(emulator.failure).isNull();
    }
  }

  @Test
  void noBoardIsAClearErrorWithinTheTimeout() throws Exception {
    try (SocatPair pair = SocatPair.start(tmp)) {
      DeviceInterpreter board = new DeviceInterpreter(InferCommandTest.MICRO,
          new SerialBoardConnector(), "serial",
          new BoardRequest(pair.host.toString(), 115200, 200, 0, false));
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> InferCommand.run(board, fixture("micro_speech_quantized.tflite"),
          fixture("yes_micro_features_int8.bin"), null))
          .isInstanceOf(KilnException.class)
          .hasMessageContaining(pair.host.toString())
          .hasMessageContaining("did not answer HELLO");
      assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2);
    }
  }
}
