package kiln.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import kiln.api.KilnException;
import kiln.api.platform.BoardRequest;
import kiln.api.platform.DeviceProfile;
import kiln.platform.serial.internal.SerialBoardConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The serial connector (jSerialComm) against the emulator on a socat pty pair: the real serial
 * path, Kiln's protocol and MLTK's log. Short timeouts keep each test to a second or two.
 */
class EmulatorSerialTest {
  static final long TIMEOUT = 300;
  @TempDir Path dir;
  SocatPair pair;
  RunningEmulator emulator;
  final SerialBoardConnector connector = new SerialBoardConnector();

  static Path fixture(String name) {
    Path p = Paths.get(System.getProperty("kiln.fixtures", "../../../shared/fixtures"), "tflm", name);
    assumeTrue(Files.isRegularFile(p), "fixture not found at " + p.toAbsolutePath());
    return p;
  }

  static byte[] microSpeech() throws Exception {
    return Files.readAllBytes(fixture("micro_speech_quantized.tflite"));
  }

  static byte[] yesFeatures() throws Exception {
    return Files.readAllBytes(fixture("yes_micro_features_int8.bin"));
  }

  BoardRequest request(int retries) {
    return new BoardRequest(pair.host.toString(), 115200, TIMEOUT, retries, false);
  }

  @BeforeEach
  void start() throws Exception {
    pair = SocatPair.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    if (pair != null) {
      pair.close();
    }
    if (emulator != null) {
      emulator.close();
      assertThat(emulator.failure).isNull();
    }
  }

  @Test
  void microSpeechOnTheYesFeaturesGivesTheTflmTestOutput() throws Exception {
    emulator = RunningEmulator.kiln(pair.board, "mvp");
    byte[] out = connector.run(request(1), microSpeech(), yesFeatures());
    // TFLM's micro_speech test: the yes features score [silence, unknown, yes, no] = [-128,-128,127,-128]
    assertThat(out).containsExactly(-128, -128, 127, -128);
  }

  @Test
  void profileOverKilnsProtocolIsMarkedEmulated() throws Exception {
    emulator = RunningEmulator.kiln(pair.board, "mvp");
    DeviceProfile p = connector.profile(request(1), microSpeech());
    assertThat(p.source()).isEqualTo("kiln-protocol");
    assertThat(p.emulated()).isTrue();
    assertThat(p.clockHz()).isEqualTo(78_000_000L);
    assertThat(p.runtimeMemoryBytes()).isPositive();
    assertThat(p.layers()).isNotEmpty();
    assertThat(p.layers()).allSatisfy(l -> assertThat(l.cpuCycles() + l.acceleratorCycles()).isPositive());
  }

  @Test
  void profileFromTheMltkLogMatchesTheProtocolsFiguresToTheLogsPrecision() throws Exception {
    byte[] model = microSpeech();
    emulator = RunningEmulator.mltk(pair.board, "mvp", model, "micro_speech");
    DeviceProfile log = connector.profile(request(0), model);
    assertThat(log.source()).isEqualTo("mltk-log");
    assertThat(log.emulated()).isTrue();
    assertThat(log.clockHz()).isEqualTo(78_000_000L);
    DeviceProfile direct = SerialBoardConnectorAccess.fromProtocol(new EmulatedBoard("mvp"), model);
    assertThat(log.layers()).hasSameSizeAs(direct.layers());
    for (int i = 0; i < log.layers().size(); i++) {
      DeviceProfile.Layer a = log.layers().get(i);
      DeviceProfile.Layer b = direct.layers().get(i);
      assertThat(a.opcode()).isEqualTo(b.opcode());
      assertThat(a.unsupportedReason()).isEqualTo(b.unsupportedReason());
      // the log prints 2 decimals of k/M: at most 1% off, and never above the true figure
      assertThat((double) a.cpuCycles()).isBetween(b.cpuCycles() * 0.99, (double) b.cpuCycles());
      assertThat((double) a.acceleratorCycles())
          .isBetween(b.acceleratorCycles() * 0.99, (double) b.acceleratorCycles());
    }
  }

  @Test
  void aSilentBoardFailsWithinTheTimeout() {
    // nothing serves the board's end
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> connector.run(request(1), new byte[16], new byte[4]))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining(pair.host.toString())
        .hasMessageContaining("did not answer HELLO");
    assertThat(seconds(t0)).isLessThan(2 * TIMEOUT / 1000.0 + 1);
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"DROP", "CRC", "STALL", "GARBAGE"})
  void eachFaultIsAClearErrorWithinTheTimeoutThenARetrySucceeds(Fault fault) throws Exception {
    emulator = RunningEmulator.kiln(pair.board, "mvp");
    byte[] model = microSpeech();
    // spoil both tries of the 3rd request (an upload chunk)
    emulator.server.inject(fault, 2, 2);
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> connector.run(request(1), model, yesFeatures()))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining(pair.host.toString())
        .hasMessageContaining("did not answer UPLOAD_CHUNK")
        .hasMessageContaining("2 tries")
        .satisfies(e -> System.out.println(fault + ": " + e.getMessage()));
    assertThat(seconds(t0)).isLessThan(2 * TIMEOUT / 1000.0 + 1);
    // the port was released: the same port opens again, and the run succeeds
    assertThat(connector.run(request(1), model, yesFeatures())).containsExactly(-128, -128, 127, -128);
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"DROP", "CRC", "STALL", "GARBAGE"})
  void oneSpoiledReplyIsRecoveredByResending(Fault fault) throws Exception {
    emulator = RunningEmulator.kiln(pair.board, "mvp");
    emulator.server.inject(fault, 1, 3);
    assertThat(connector.run(request(1), microSpeech(), yesFeatures()))
        .containsExactly(-128, -128, 127, -128);
  }

  @Test
  void aBoardUnpluggedMidTransferFailsWithinTheTimeout() throws Exception {
    emulator = RunningEmulator.kiln(pair.board, "mvp");
    emulator.server.inject(Fault.DISCONNECT, 1, 4);
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> connector.run(request(1), microSpeech(), yesFeatures()))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining(pair.host.toString())
        .satisfies(e -> System.out.println("unplugged: " + e.getMessage()));
    assertThat(seconds(t0)).isLessThan(2 * TIMEOUT / 1000.0 + 1);
    assertThat(emulator.stopped(1000)).isTrue();
  }

  @Test
  void theBoardRefusesAModelItsRuntimeCannotLoadAndSaysWhy() throws Exception {
    emulator = RunningEmulator.kiln(pair.board, "mvp");
    byte[] notAModel = "this is not a tflite flatbuffer at all".getBytes();
    assertThatThrownBy(() -> connector.run(request(1), notAModel, new byte[4]))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining(pair.host.toString())
        .hasMessageContaining("refused UPLOAD_END");
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
