package kiln.emulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.data.FrontendSettings;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.audio.WavReader;
import kiln.audio.classify.ClassifyAudioSettings;
import kiln.audio.classify.ClassifyAudioStream;
import kiln.micro.MicroModel;
import kiln.platform.serial.protocol.StreamEvent;
import kiln.tflite.ModelParameters;
import kiln.tflite.TfliteModel;

/**
 * The emulated board listening: the recording given at start-up ({@code --stream-wav}) plays as
 * its microphone, and the loaded model classifies it as MLTK's audio_classifier firmware would,
 * through the same loop as {@code kiln:classify_audio} ({@link ClassifyAudioStream}: the model's
 * {@code fe.*} frontend, its smoothing parameters); each detection is an event.
 */
final class AudioEventStream extends EventStream {
  private final ClassifyAudioStream stream;
  private final List<String> classes;
  private final short[] pcm;
  private final short[] chunk;
  private int at;

  /** Checks everything a stream needs, so that a STREAM request is refused with the reason. */
  AudioEventStream(EmulatedBoard board, Path wav, boolean fast, long maxEvents, Sink sink) {
    super(fast, maxEvents, sink);
    MicroModel model = board.requireModel();
    ModelParameters params = TfliteModel.read(board.modelBytes(), "loaded model").parameters();
    Map<String, Object> all = new LinkedHashMap<>();
    params.keys().forEach(k -> all.put(k, params.get(k)));
    if (all.keySet().stream().noneMatch(k -> k.startsWith("fe."))) {
      throw new KilnException("the loaded model has no fe.* parameters (audio frontend settings)"
          + " to classify audio with");
    }
    FrontendSettings fe = FrontendSettings.fromParameters(all);
    this.classes = EmulatedBoard.classes(params);
    TensorSpec in = model.inputs().get(0);
    TensorSpec out = model.outputs().get(0);
    long features = (long) fe.frameCount(fe.sampleLength()) * fe.filterbankNChannels();
    if (features != TensorData.elementCount(in.shape())
        || (in.type() != ElementType.INT8 && in.type() != ElementType.FLOAT32)) {
      throw new KilnException("the model's fe.* settings give " + features + " features, its input "
          + "takes " + in.type().name().toLowerCase(Locale.ROOT) + java.util.Arrays.toString(in.shape()));
    }
    if (TensorData.elementCount(out.shape()) != classes.size()) {
      throw new KilnException("the model's output has " + TensorData.elementCount(out.shape())
          + " scores for " + classes.size() + " classes");
    }
    // a file's loudness as it is: kiln:classify_audio applies the model's volume_gain only to a
    // microphone, and the emulator's detections must be those of the host on the same file
    ClassifyAudioSettings settings = ClassifyAudioSettings.of(params::get,
        ClassifyAudioSettings.Overrides.NONE, classes.size(), false);
    this.stream = new ClassifyAudioStream(fe, settings, classes, in,
        input -> model.run(List.of(input)).get(0));
    if (!Files.isRegularFile(wav)) {
      throw new KilnException("--stream-wav " + wav + ": no such file");
    }
    this.pcm = WavReader.readPcm16(wav, fe.sampleRateHz());
    this.chunk = new short[stream.chunkSamples()];
  }

  @Override
  boolean hasNext() {
    return at < pcm.length;
  }

  @Override
  Tick next() {
    int n = Math.min(chunk.length, pcm.length - at);
    System.arraycopy(pcm, at, chunk, 0, n);
    at += n;
    ClassifyAudioStream.Step step = stream.push(chunk, n);
    if (!step.detected()) {
      return new Tick(step.timeMs(), null);
    }
    int c = step.decision().classIndex();
    return new Tick(step.timeMs(), new StreamEvent(step.timeMs(), c, step.decision().score(), classes.get(c)));
  }
}
