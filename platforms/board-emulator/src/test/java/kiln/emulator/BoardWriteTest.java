package kiln.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import kiln.api.platform.BoardRequest;
import kiln.platform.serial.internal.SerialBoardConnector;
import kiln.tflite.ParameterUpdate;
import kiln.tflite.TfliteModel;
import kiln.tflite.command.BoardWrite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kiln:update_params ... --device}: the updated model reaches the board's flash. */
class BoardWriteTest {
  @TempDir Path dir;

  @Test
  void theUpdatedModelWithItsParametersIsWrittenToTheBoard() throws Exception {
    Path model = dir.resolve("micro_speech.tflite");
    Files.copy(EmulatorSerialTest.fixture("micro_speech_quantized.tflite"), model);
    ParameterUpdate.update(model, List.of("threshold=200"), null, null, null, Instant.EPOCH);
    try (SocatPair pair = SocatPair.start(dir)) {
      RunningEmulator emulator = RunningEmulator.kiln(pair.board, "mvp");
      String said = BoardWrite.write(model, new SerialBoardConnector(), "serial",
          new BoardRequest(pair.host.toString(), 115200, 500, 1, true));
      assertThat(said).contains("to the board on " + pair.host).contains("serial");
      byte[] flashed = emulator.board.flashed();
      assertThat(flashed).isEqualTo(Files.readAllBytes(model));
      assertThat(TfliteModel.read(flashed, "flashed").parameters().get("threshold")).isEqualTo(200L);
      pair.close();
      emulator.close();
    }
  }
}
