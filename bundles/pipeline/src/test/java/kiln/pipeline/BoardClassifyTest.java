package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import kiln.api.KilnException;
import kiln.api.platform.BoardConnector;
import kiln.api.platform.BoardEvent;
import kiln.api.platform.BoardInfo;
import kiln.api.platform.BoardRequest;
import kiln.tflite.ModelParameters;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * classify_audio --device's host side against a connector that plays back a board's events: what
 * goes to the board and how its detections are printed. (The events of a real stream, over a
 * serial line from the board emulator, are checked in platforms/board-emulator.)
 */
class BoardClassifyTest {
  @TempDir Path tmp;
  final TrainFixtures.Lines out = new TrainFixtures.Lines();

  /** Records what it was sent and streams the given events. */
  static final class Playback implements BoardConnector {
    final List<BoardEvent> events;
    byte[] model;
    int maxEvents;
    BoardRequest request;

    Playback(List<BoardEvent> events) {
      this.events = events;
    }

    @Override
    public String description() {
      return "playback";
    }

    @Override
    public List<BoardInfo> discover() {
      return List.of();
    }

    @Override
    public byte[] run(String port, byte[] model, byte[] input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void stream(BoardRequest r, byte[] m, int max, Consumer<BoardEvent> sink) {
      request = r;
      model = m;
      maxEvents = max;
      events.forEach(sink);
    }
  }

  Path model(byte[] tflite) throws Exception {
    Path p = tmp.resolve("micro_speech.tflite");
    Files.write(p, tflite);
    return p;
  }

  @Test
  void theBoardsDetectionsArePrintedAsTheHostsMarkedAsTheBoards() throws Exception {
    Playback board = new Playback(List.of(new BoardEvent(1300, 2, 195, "yes"),
        new BoardEvent(3500, 3, 189, ""))); // no label: named from the model's classes
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("detection_threshold", 200);
    params.put("suppression_ms", 750);
    BoardRequest request = new BoardRequest("/dev/ttyX", 115200, 700, 2, false);
    String report = BoardClassify.run(board, "playback", request, null, null,
        model(ClassifyAudioTest.microSpeech()).getFileName().toString(), tmp, "classify_audio", params, 5, out);
    assertThat(out.lines).containsExactly(
        "classify_audio micro_speech on the board at /dev/ttyX (board connector playback); parameters"
            + " {detection_threshold=200, suppression_ms=750}",
        "detected yes at 1300 ms (score 195 of 255) on the board",
        "detected no at 3500 ms (score 189 of 255) on the board");
    assertThat(report).isEqualTo("2 detections from the board");
    assertThat(board.request).isSameAs(request);
    assertThat(board.maxEvents).isEqualTo(5);
    // the command line's smoothing settings travel in the model's parameters, the rest as they were
    ModelParameters sent = TfliteModel.read(board.model, "sent").parameters();
    assertThat(((Number) sent.get("detection_threshold")).intValue()).isEqualTo(200);
    assertThat(((Number) sent.get("suppression_ms")).intValue()).isEqualTo(750);
    assertThat(sent.get("classes")).isEqualTo(List.of("_silence_", "_unknown_", "yes", "no"));
    assertThat(((Number) sent.get("fe.sample_rate_hz")).intValue()).isEqualTo(16000);
  }

  @Test
  void withoutNewParametersTheModelGoesAsItIs() throws Exception {
    Playback board = new Playback(List.of());
    byte[] tflite = ClassifyAudioTest.microSpeech();
    String report = BoardClassify.run(board, "playback", BoardRequest.of(null), null, null,
        model(tflite).getFileName().toString(), tmp, "classify_audio", Map.of(), 0, out);
    assertThat(board.model).isEqualTo(tflite);
    assertThat(report).isEqualTo("0 detections from the board");
    assertThat(out.lines.get(0)).isEqualTo("classify_audio micro_speech on the board at the default port"
        + " (board connector playback)");
  }

  @Test
  void anAudioModelWithoutFrontendSettingsAndAConnectorThatCannotStreamAreRefused() throws Exception {
    byte[] plain = Files.readAllBytes(ClassifyAudioTest.fixture("micro_speech_quantized.tflite"));
    Path p = model(plain);
    assertThatThrownBy(() -> BoardClassify.run(new Playback(List.of()), "playback", BoardRequest.of(null),
        null, null, p.getFileName().toString(), tmp, "classify_audio", Map.of(), 0, out))
        .isInstanceOf(KilnException.class)
        .hasMessageStartingWith("micro_speech: classify_audio needs the audio frontend settings");
    BoardConnector runOnly = new BoardConnector() {
      @Override
      public String description() {
        return "runs only";
      }

      @Override
      public List<BoardInfo> discover() {
        return List.of();
      }

      @Override
      public byte[] run(String port, byte[] model, byte[] input) {
        return new byte[0];
      }
    };
    Files.write(p, ClassifyAudioTest.microSpeech());
    assertThatThrownBy(() -> BoardClassify.run(runOnly, "runs-only", BoardRequest.of(null), null, null,
        p.getFileName().toString(), tmp, "classify_audio", Map.of(), 0, out))
        .isInstanceOf(KilnException.class)
        .hasMessage("board connector runs only cannot stream classification events");
    assertThatThrownBy(() -> BoardClassify.run(new Playback(List.of()), "playback", BoardRequest.of(null),
        null, null, p.getFileName().toString(), tmp, "classify_audio", Map.of(), -1, out))
        .isInstanceOf(KilnException.class)
        .hasMessage("--count: expected 0 (no limit) or more detections, found -1");
  }
}
