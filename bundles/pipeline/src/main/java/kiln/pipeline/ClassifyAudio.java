package kiln.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.data.FrontendSettings;
import kiln.api.model.ElementType;
import kiln.api.model.Interpreter;
import kiln.api.model.LoadedModel;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.audio.classify.ClassifyAudioRecognizer;
import kiln.audio.classify.ClassifyAudioSettings;
import kiln.audio.classify.ClassifyAudioStream;
import kiln.spec.ModelFinder;
import kiln.tflite.TfliteModel;

/**
 * {@code kiln:classify_audio}: keyword detection on streaming audio, as MLTK's audio_classifier app
 * does it ({@link ClassifyAudioStream}: every {@code latency_ms} of audio through the model's
 * frontend, the model, here an {@code Interpreter} service, and MLTK's smoothing); each detection is
 * printed as it happens, with the time in the audio.
 */
public final class ClassifyAudio {
  /**
   * What to listen to and how.
   *
   * @param wav a recording, or null for the microphone
   * @param deviceIndex the microphone's capture device, -1 for the default
   * @param count stop after this many detections; 0 runs to the end of the file (the microphone: until
   *     interrupted)
   * @param fast a file as fast as it runs rather than at real time
   * @param dumpAudio write the audio the frontend heard to this wav, or null
   * @param dumpSpectrograms write every inference's input as a PNG into this folder, or null
   */
  public record Options(Path wav, int deviceIndex, int count, boolean fast, Path dumpAudio,
      Path dumpSpectrograms, ClassifyAudioSettings.Overrides overrides) {}

  /** One detection: milliseconds of audio heard when it was made, the class and its score (0-255). */
  public record Detection(long timeMs, String label, int score) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "detected %s at %d ms (score %d of 255)", label, timeMs, score);
    }
  }

  /** The detections, the audio heard and how many inferences ran, and the closing report. */
  public record Result(List<Detection> detections, long audioMs, int inferences, String report) {}

  private ClassifyAudio() {}

  /**
   * Runs the model {@code target} names: a .tflite, a model archive, or a trained model's name (its
   * archive in the working folder or beside its spec).
   */
  public static Result run(Interpreter interpreter, ModelFinder finder, Catalog catalog, String target,
      Path workingDir, Options o, Progress out) {
    ClassifyAudioModel m = ClassifyAudioModel.load(target, finder, catalog, workingDir);
    return run(interpreter, m.tflite(), m.name(), o, out);
  }

  public static Result run(Interpreter interpreter, byte[] tflite, String name, Options o, Progress out) {
    TfliteModel model = TfliteModel.read(tflite, name);
    FrontendSettings fe = ModelFrontend.of(model, name).orElseThrow(() -> new KilnException(name
        + ": classify_audio needs the audio frontend settings in the model's parameters (fe.* entries of"
        + " SL_PARAMSv1), and this model has none; train it with an audio frontend (Kiln's quantizer"
        + " writes them) or add them with kiln:update_params"));
    List<String> classes = InferCommand.classes(model);
    if (classes == null) {
      throw new KilnException(name + ": classify_audio needs the model parameter 'classes' (a list of"
          + " labels, one per output) to name what it detects");
    }
    try (LoadedModel loaded = interpreter.load(tflite, name)) {
      TensorSpec in = loaded.inputs().get(0);
      TensorSpec scores = loaded.outputs().get(0);
      ModelFrontend.checkInputType(in, name);
      ModelFrontend.checkFeatureCount(fe, fe.sampleLength(), in, name, "the audio stream");
      if (TensorData.elementCount(scores.shape()) != classes.size()
          || (scores.type() != ElementType.INT8 && scores.type() != ElementType.FLOAT32)) {
        throw new KilnException(name + ": output '" + scores.name() + "' must hold one int8 or float32"
            + " score per class (" + classes.size() + " classes: " + classes + "), found "
            + scores.type().name().toLowerCase(Locale.ROOT) + Arrays.toString(scores.shape()));
      }
      ClassifyAudioSettings settings = ClassifyAudioSettings.of(model.parameters()::get, o.overrides(),
          classes.size(), o.wav() == null);
      try (ClassifyAudioSource source = o.wav() != null
              ? ClassifyAudioSource.file(o.wav(), fe.sampleRateHz(), o.fast())
              : ClassifyAudioMicrophone.open(fe.sampleRateHz(), o.deviceIndex());
          ClassifyAudioDumps dumps = new ClassifyAudioDumps(o.dumpAudio(), o.dumpSpectrograms(),
              fe.sampleRateHz())) {
        out.message("classify_audio " + name + " on " + source.description());
        out.message("classes " + classes + "; " + settings);
        return listen(loaded, fe, classes, settings, source, dumps, o.count(), out);
      }
    }
  }

  private static Result listen(LoadedModel model, FrontendSettings fe, List<String> classes,
      ClassifyAudioSettings settings, ClassifyAudioSource source, ClassifyAudioDumps dumps, int count,
      Progress out) {
    ClassifyAudioStream stream = new ClassifyAudioStream(fe, settings, classes, model.inputs().get(0),
        input -> model.run(List.of(input)).get(0));
    short[] chunk = new short[stream.chunkSamples()];
    List<Detection> detections = new ArrayList<>();
    long audioMs = 0;
    int inferences = 0;
    while (!Thread.currentThread().isInterrupted() && (count <= 0 || detections.size() < count)) {
      int n = readFully(source, chunk);
      if (n <= 0) {
        break;
      }
      ClassifyAudioStream.Step step = stream.push(chunk, n);
      dumps.audio(step.heard());
      audioMs = step.timeMs();
      if (!step.inferred()) {
        continue;
      }
      inferences++;
      dumps.spectrogram(step.input(), stream.frames(), stream.channels(), step.timeMs());
      ClassifyAudioRecognizer.Decision d = step.decision();
      if (settings.verbose()) {
        out.message(String.format(Locale.ROOT, "[%6d ms] %s -> %s %d", step.timeMs(),
            scoreText(classes, step.scores()), classes.get(d.classIndex()), d.score()));
      }
      if (d.detected()) {
        Detection detection = new Detection(step.timeMs(), classes.get(d.classIndex()), d.score());
        detections.add(detection);
        out.message(detection.toString());
      }
    }
    String report = String.format(Locale.ROOT, "%d detection%s in %.2f s of audio (%d inferences, one per %d ms)",
        detections.size(), detections.size() == 1 ? "" : "s", audioMs / 1000.0, inferences, settings.latencyMs());
    if (dumps.images() > 0) {
      report += "\nwrote " + dumps.images() + " spectrograms";
    }
    return new Result(List.copyOf(detections), audioMs, inferences, report);
  }

  /** A whole chunk unless the audio ends first (a microphone may hand out less per read). */
  private static int readFully(ClassifyAudioSource source, short[] chunk) {
    int got = 0;
    while (got < chunk.length) {
      int n = source.read(chunk, got, chunk.length - got);
      if (n < 0) {
        break;
      }
      got += n;
    }
    return got;
  }

  private static String scoreText(List<String> classes, int[] scores) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < scores.length; i++) {
      b.append(i == 0 ? "" : " ").append(classes.get(i)).append(' ').append(scores[i]);
    }
    return b.toString();
  }
}
