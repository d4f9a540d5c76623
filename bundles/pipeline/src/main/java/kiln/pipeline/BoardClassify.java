package kiln.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.platform.BoardConnector;
import kiln.api.platform.BoardEvent;
import kiln.api.platform.BoardRequest;
import kiln.spec.ModelFinder;
import kiln.tflite.ModelParameters;
import kiln.tflite.TfliteModel;

/**
 * {@code kiln:classify_audio --device} and {@code kiln:classify_image --device}, as MLTK's: the
 * model, with the smoothing settings given on the command line written into its parameters, goes
 * to the board (through a BoardConnector service), the board classifies what it hears or sees, and
 * each detection it streams is printed as the host-side command prints its own, marked as the
 * board's.
 */
public final class BoardClassify {
  /** How a detection from the board ends, after the host's own wording. */
  static final String MARK = " on the board";

  private BoardClassify() {}

  /**
   * @param verb {@code classify_audio} or {@code classify_image}, for messages
   * @param parameters model parameters to set before the upload (the command line's smoothing
   *     settings, by their MLTK names); none when empty
   * @param count stop after this many detections; 0 until the board ends the stream or Ctrl-C
   * @return the closing report
   */
  public static String run(BoardConnector connector, String connectorName, BoardRequest request,
      ModelFinder finder, Catalog catalog, String target, Path cwd, String verb,
      Map<String, Object> parameters, int count, Progress out) {
    if (count < 0) {
      throw new KilnException("--count: expected 0 (no limit) or more detections, found " + count);
    }
    ClassifyAudioModel m = ClassifyAudioModel.load(target, finder, catalog, cwd);
    TfliteModel model = TfliteModel.read(m.tflite(), m.name());
    if (verb.equals("classify_audio") && ModelFrontend.of(model, m.name()).isEmpty()) {
      throw new KilnException(m.name() + ": classify_audio needs the audio frontend settings in the"
          + " model's parameters (fe.* entries of SL_PARAMSv1), and this model has none; the board"
          + " computes its features from them");
    }
    List<String> classes = InferCommand.classes(model);
    byte[] tflite = m.tflite();
    if (!parameters.isEmpty()) {
      ModelParameters p = model.parameters();
      parameters.forEach(p::put);
      model.setParameters(p);
      tflite = model.toBytes();
    }
    String port = request.port() == null ? "the default port" : request.port();
    out.message(verb + " " + m.name() + " on the board at " + port + " (board connector "
        + connectorName + ")" + (parameters.isEmpty() ? "" : "; parameters " + parameters));
    List<ClassifyAudio.Detection> detections = new ArrayList<>();
    connector.stream(request, tflite, count, e -> {
      ClassifyAudio.Detection d = new ClassifyAudio.Detection(e.timeMs(), label(e, classes), e.score());
      detections.add(d);
      out.message(d + MARK);
    });
    return String.format(Locale.ROOT, "%d detection%s from the board", detections.size(),
        detections.size() == 1 ? "" : "s");
  }

  /** The board's label, else the model's class of that index. */
  static String label(BoardEvent e, List<String> classes) {
    if (!e.label().isEmpty()) {
      return e.label();
    }
    if (classes != null && e.classIndex() < classes.size()) {
      return classes.get(e.classIndex());
    }
    return "class " + e.classIndex();
  }
}
