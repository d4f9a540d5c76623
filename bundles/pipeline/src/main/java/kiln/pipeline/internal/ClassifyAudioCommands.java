package kiln.pipeline.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.platform.BoardConnector;
import kiln.api.platform.BoardRequest;
import kiln.pipeline.BoardClassify;
import kiln.pipeline.ClassifyAudio;
import kiln.pipeline.Steps;
import kiln.audio.classify.ClassifyAudioSettings;
import kiln.spec.ModelFinder;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo command {@code kiln:classify_audio}. */
@Component(service = ClassifyAudioCommands.class,
    property = {"osgi.command.scope=kiln", "osgi.command.function=classify_audio"})
public class ClassifyAudioCommands {
  @Reference
  ModelFinder finder;

  @Reference
  CatalogComponent catalog;

  @Descriptor("detect keywords in streaming audio (a wav file, the microphone, or a board's microphone with"
      + " --device) with an audio classifier")
  public String classify_audio(
      @Descriptor("listen to this .wav instead of the microphone")
          @Parameter(names = {"--file", "-f"}, absentValue = "") String file,
      @Descriptor("listen to the microphone (the default without --file)")
          @Parameter(names = {"--microphone", "-m"}, presentValue = "true", absentValue = "false")
          boolean microphone,
      @Descriptor("the microphone's capture device by number (default: the system's default)")
          @Parameter(names = {"--device-index"}, absentValue = "-1") int deviceIndex,
      @Descriptor("stop after this many detections (default: the end of the file; the microphone: Ctrl-C)")
          @Parameter(names = {"--count"}, absentValue = "0") int count,
      @Descriptor("average_window_duration_ms: average the scores of the last MS milliseconds (default: the"
          + " model's, else 1000)") @Parameter(names = {"--window-duration", "-w"}, absentValue = "") String window,
      @Descriptor("detection_threshold: the averaged score (0-255) must exceed it (default: the model's, else 185)")
          @Parameter(names = {"--threshold", "-t"}, absentValue = "") String threshold,
      @Descriptor("suppression_ms: wait MS after a detection before detecting the same class (default: the"
          + " model's, else 1500)") @Parameter(names = {"--suppression", "-s"}, absentValue = "") String suppression,
      @Descriptor("minimum_count: results needed in the window; 0 uses the latest alone (default: the model's,"
          + " else 3)") @Parameter(names = {"--minimum-count", "-c"}, absentValue = "") String minimumCount,
      @Descriptor("latency_ms: audio between two inferences, at least 10 (default: the model's, else 100)")
          @Parameter(names = {"--latency", "-l"}, absentValue = "") String latency,
      @Descriptor("volume_gain: multiply the samples by G (default: the model's for the microphone, none for"
          + " a file)") @Parameter(names = {"--volume-gain", "-u"}, absentValue = "") String volumeGain,
      @Descriptor("write the audio the frontend heard to this .wav")
          @Parameter(names = {"--dump-audio"}, absentValue = "") String dumpAudio,
      @Descriptor("write every inference's spectrogram as a PNG into this folder")
          @Parameter(names = {"--dump-spectrograms"}, absentValue = "") String dumpSpectrograms,
      @Descriptor("print every inference's scores")
          @Parameter(names = {"--verbose", "-v"}, presentValue = "true", absentValue = "false") boolean verbose,
      @Descriptor("run a file as fast as possible instead of at real time")
          @Parameter(names = {"--fast"}, presentValue = "true", absentValue = "false") boolean fast,
      @Descriptor("the Interpreter service, by kiln.name (default: kiln-micro)")
          @Parameter(names = {"--interpreter"}, absentValue = "") String interpreter,
      @Descriptor("classify on a board: the model (with the smoothing options above as its parameters)"
          + " goes to the board, which listens with its microphone and streams its detections")
          @Parameter(names = {"--device"}, presentValue = "true", absentValue = "false") boolean device,
      @Descriptor("the board's port, or regex:PATTERN (default: the port described as JLink CDC UART Port)")
          @Parameter(names = {"--port"}, absentValue = "") String port,
      @Descriptor("the BoardConnector service, by kiln.name (default: serial)")
          @Parameter(names = {"--connector"}, absentValue = "") String connector,
      @Descriptor("the longest wait for any one answer of the board, and between two frames of its stream,"
          + " in ms") @Parameter(names = {"--timeout"}, absentValue = "5000") long timeout,
      @Descriptor("a .tflite with fe.* and classes parameters, a model archive, or a trained model's name")
          String model) {
    return Commands.guard("classify_audio " + model, () -> {
      if (microphone && !file.isEmpty()) {
        throw new KilnException("--microphone and --file " + file + ": choose one source");
      }
      Path cwd = Path.of(System.getProperty("user.dir"));
      if (device) {
        hostOnly("--file", !file.isEmpty());
        hostOnly("--microphone", microphone);
        hostOnly("--device-index", deviceIndex != -1);
        hostOnly("--dump-audio", !dumpAudio.isEmpty());
        hostOnly("--dump-spectrograms", !dumpSpectrograms.isEmpty());
        hostOnly("--fast", fast);
        hostOnly("--verbose", verbose);
        hostOnly("--interpreter", !interpreter.isEmpty());
        Map<String, Object> params = new LinkedHashMap<>();
        putIfGiven(params, "average_window_duration_ms", integer("--window-duration", window));
        putIfGiven(params, "detection_threshold", integer("--threshold", threshold));
        putIfGiven(params, "suppression_ms", integer("--suppression", suppression));
        putIfGiven(params, "minimum_count", integer("--minimum-count", minimumCount));
        putIfGiven(params, "latency_ms", integer("--latency", latency));
        putIfGiven(params, "volume_gain", decimal("--volume-gain", volumeGain));
        Steps.Named<BoardConnector> board = catalog.catalog().board(Commands.blankToNull(connector));
        return BoardClassify.run(board.service(), board.name(), new BoardRequest(Commands.blankToNull(port),
            BoardRequest.DEFAULT_BAUD, timeout, 2, false), finder, catalog.catalog(), model, cwd,
            "classify_audio", params, count, ConsoleProgress.INSTANCE);
      }
      if (!port.isEmpty() || !connector.isEmpty()) {
        throw new KilnException("--port and --connector choose a board: add --device");
      }
      try {
        ClassifyAudioSettings.Overrides overrides = new ClassifyAudioSettings.Overrides(
            integer("--window-duration", window), integer("--threshold", threshold),
            integer("--suppression", suppression), integer("--minimum-count", minimumCount),
            integer("--latency", latency), decimal("--volume-gain", volumeGain), verbose);
        ClassifyAudio.Options options = new ClassifyAudio.Options(file.isEmpty() ? null : cwd.resolve(file),
            deviceIndex, count, fast, dumpAudio.isEmpty() ? null : cwd.resolve(dumpAudio),
            dumpSpectrograms.isEmpty() ? null : cwd.resolve(dumpSpectrograms), overrides);
        return ClassifyAudio.run(catalog.catalog().interpreter(Commands.blankToNull(interpreter)).service(),
            finder, catalog.catalog(), model, cwd, options, ConsoleProgress.INSTANCE).report();
      } catch (NoClassDefFoundError e) {
        throw new KilnException("classify_audio needs the kiln.audio bundle (wav reader and audio"
            + " frontend), which is not installed");
      }
    });
  }

  /** Options of the host's own listening, which a board does not take. */
  private static void hostOnly(String option, boolean given) {
    if (given) {
      throw new KilnException(option + " cannot be used with --device: the board listens with its own"
          + " microphone and runs the model itself");
    }
  }

  private static void putIfGiven(Map<String, Object> params, String key, Object value) {
    if (value != null) {
      params.put(key, value);
    }
  }

  private static Integer integer(String option, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw new KilnException(option + ": expected an integer, found '" + value + "'");
    }
  }

  private static Double decimal(String option, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Double.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw new KilnException(option + ": expected a number, found '" + value + "'");
    }
  }
}
