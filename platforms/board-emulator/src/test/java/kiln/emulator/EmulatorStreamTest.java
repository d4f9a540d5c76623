package kiln.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.nio.file.Paths;
import java.util.List;
import javax.imageio.ImageIO;
import kiln.api.KilnException;
import kiln.api.platform.BoardEvent;
import kiln.api.platform.BoardRequest;
import kiln.audio.WavReader;
import kiln.audio.WavWriter;
import kiln.audio.frontend.FrontendPresets;
import kiln.platform.serial.internal.SerialBoardConnector;
import kiln.tflite.ModelParameters;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classification stream over a socat pty pair: the emulator listens to TensorFlow Lite Micro's
 * recordings spliced into one stream (yes, silence, no, noise; 4 s) with micro_speech and sends
 * its detections; the serial connector reads them.
 */
class EmulatorStreamTest {
  static final long TIMEOUT = 400;
  @TempDir Path dir;
  SocatPair pair;
  RunningEmulator emulator;
  Path wav;
  final SerialBoardConnector connector = new SerialBoardConnector();

  /** micro_speech with its classes and the micro_speech frontend as fe.* parameters. */
  static byte[] microSpeechWithParameters() throws Exception {
    TfliteModel m = TfliteModel.read(EmulatorSerialTest.microSpeech(), "micro_speech");
    ModelParameters p = m.parameters();
    p.put("classes", List.of("_silence_", "_unknown_", "yes", "no"));
    FrontendPresets.microSpeech().toParameters().forEach(p::put);
    m.setParameters(p);
    return m.toBytes();
  }

  BoardRequest request() {
    return request(TIMEOUT);
  }

  BoardRequest request(long timeout) {
    return new BoardRequest(pair.host.toString(), 115200, timeout, 1, false);
  }

  @BeforeEach
  void start() throws Exception {
    pair = SocatPair.start(dir);
    List<short[]> parts = new ArrayList<>();
    int total = 0;
    for (String clip : new String[] {"yes", "silence", "no", "noise"}) {
      short[] p = WavReader.readPcm16(EmulatorSerialTest.fixture(clip + "_1000ms.wav"), 16000);
      parts.add(p);
      total += p.length;
    }
    short[] all = new short[total];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    wav = dir.resolve("yes-silence-no-noise.wav");
    WavWriter.write(wav, all, 16000);
  }

  @AfterEach
  void stop() throws Exception {
    Thread.interrupted(); // a test that stopped its stream by an interrupt
    if (pair != null) {
      pair.close();
    }
    if (emulator != null) {
      emulator.close();
      assertThat(emulator.failure).isNull();
    }
  }

  @Test
  void theBoardsDetectionsAreThoseOfClassifyAudioOnTheHost() throws Exception {
    emulator = RunningEmulator.streaming(pair.board, null, wav, true);
    List<BoardEvent> events = new ArrayList<>();
    connector.stream(request(), microSpeechWithParameters(), 0, events::add);
    // kiln:classify_audio on the host, same file and parameters (ClassifyAudioTest in
    // bundles/pipeline): "detected yes at 1300 ms (score 195 of 255)", "detected no at 3500 ms
    // (score 189 of 255)"
    assertThat(events).containsExactly(new BoardEvent(1300, 2, 195, "yes"),
        new BoardEvent(3500, 3, 189, "no"));
    EventStream s = emulator.server.lastStream; // ended by itself before the host's STOP
    assertThat(s.stopped).isFalse();
    assertThat(s.endedAtMs).isEqualTo(4000L);
  }

  @Test
  void aStreamThatGoesSilentFailsWithinTheTimeoutAndTheNextCommandWorks() throws Exception {
    emulator = RunningEmulator.streaming(pair.board, microSpeechWithParameters(), wav, true);
    // the HELLO and STREAM replies go out, then nothing: no event, no heartbeat, no END
    emulator.server.inject(Fault.STALL, 1_000_000, 2);
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> connector.stream(request(), null, 0, e -> {}))
        .isInstanceOf(KilnException.class)
        .hasMessage("board on " + pair.host + " went silent while streaming: no event and no"
            + " heartbeat within " + TIMEOUT + " ms (--timeout)");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(ms).isLessThan(TIMEOUT + 1500);
    emulator.server.inject(Fault.STALL, 0, 0);
    byte[] out = connector.run(request(), EmulatorSerialTest.microSpeech(), EmulatorSerialTest.yesFeatures());
    assertThat(out).containsExactly(-128, -128, 127, -128);
  }

  @Test
  void stoppingMidStreamReleasesThePortAndTheNextCommandWorks() throws Exception {
    emulator = RunningEmulator.streaming(pair.board, null, wav, false); // at real time
    List<BoardEvent> events = new ArrayList<>();
    long t0 = System.nanoTime();
    // heartbeats keep a quiet real-time stream alive; a loaded machine gets a wider margin
    connector.stream(request(1500), microSpeechWithParameters(), 0, e -> {
      events.add(e);
      Thread.currentThread().interrupt(); // as Ctrl-C does: stop after the first detection
    });
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(Thread.interrupted()).isTrue();
    assertThat(events).containsExactly(new BoardEvent(1300, 2, 195, "yes"));
    assertThat(ms).isBetween(1000L, 3500L); // real time: the yes is heard 1.3 s in
    EventStream s = emulator.server.lastStream;
    assertThat(s.stopped).isTrue();
    assertThat(s.endedAtMs).isLessThan(4000L); // stopped mid-stream, not at its end
    byte[] out = connector.run(request(), EmulatorSerialTest.microSpeech(), EmulatorSerialTest.yesFeatures());
    assertThat(out).containsExactly(-128, -128, 127, -128);
  }

  @Test
  void theCameraSendsEveryFramesTopClassAndEndsAfterTheLast() throws Exception {
    Path frames = Files.createDirectories(dir.resolve("frames"));
    for (int i = 0; i < 3; i++) {
      BufferedImage img = new BufferedImage(96, 96, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < 96; y++) {
        for (int x = 0; x < 96; x++) {
          img.getRaster().setPixel(x, y, new int[] {(x * (i + 1) * 7 + y * 3) & 0xff});
        }
      }
      assertThat(ImageIO.write(img, "png", frames.resolve("f" + i + ".png").toFile())).isTrue();
    }
    Files.writeString(frames.resolve("notes.txt"), "not a frame");
    emulator = RunningEmulator.streamingImages(pair.board, frames);
    Path model = Paths.get(System.getProperty("kiln.fixtures", "../../../shared/fixtures"), "mltk",
        "image_example1.tflite");
    assumeTrue(Files.isRegularFile(model), "fixture not found at " + model);
    List<BoardEvent> events = new ArrayList<>();
    connector.stream(request(), Files.readAllBytes(model), 0, events::add);
    List<?> classes = (List<?>) TfliteModel.read(Files.readAllBytes(model), "image_example1").parameters()
        .get("classes");
    assertThat(classes).hasSize(3);
    assertThat(events).extracting(BoardEvent::timeMs).containsExactly(100L, 200L, 300L);
    for (BoardEvent e : events) {
      assertThat(e.label()).isEqualTo(classes.get(e.classIndex()));
      assertThat(e.score()).isBetween(86, 255); // the top of three scores summing to about 256
    }
    assertThat(emulator.server.lastStream.endedAtMs).isEqualTo(300L);
  }

  @Test
  void aFrameTheBoardCannotReadEndsTheStreamWithItsError() throws Exception {
    Path frames = Files.createDirectories(dir.resolve("frames"));
    BufferedImage img = new BufferedImage(96, 96, BufferedImage.TYPE_BYTE_GRAY);
    assertThat(ImageIO.write(img, "png", frames.resolve("a.png").toFile())).isTrue();
    Files.write(frames.resolve("b.png"), new byte[] {1, 2, 3, 4});
    emulator = RunningEmulator.streamingImages(pair.board, frames);
    Path model = Paths.get(System.getProperty("kiln.fixtures", "../../../shared/fixtures"), "mltk",
        "image_example1.tflite");
    assumeTrue(Files.isRegularFile(model), "fixture not found at " + model);
    List<BoardEvent> events = new ArrayList<>();
    assertThatThrownBy(() -> connector.stream(request(), Files.readAllBytes(model), 0, events::add))
        .isInstanceOf(KilnException.class)
        .hasMessageStartingWith("board on " + pair.host + " stopped streaming: ")
        .hasMessageContaining("b.png").hasMessageEndingWith("(error 1)");
    assertThat(events).hasSize(1); // a.png's
  }

  @Test
  void anEmulatorWithoutARecordingRefusesToStream() throws Exception {
    emulator = RunningEmulator.kiln(pair.board, "mvp");
    assertThatThrownBy(() -> connector.stream(request(), microSpeechWithParameters(), 0, e -> {}))
        .isInstanceOf(KilnException.class)
        .hasMessage("board on " + pair.host + " refused STREAM: this emulator has nothing to"
            + " classify: start it with --stream-wav FILE or --stream-images DIR (error 1)");
  }
}
