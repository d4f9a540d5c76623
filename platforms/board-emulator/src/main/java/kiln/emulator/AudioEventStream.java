package kiln.emulator;

import java.io.IOException;
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
 * {@code fe.*} frontend, its smoothing parameters). Each detection becomes an EVENT; a heartbeat
 * goes out when nothing was sent for a quarter of {@link StreamEvent#HEARTBEAT_MS} (more often
 * than a board must, so that tests can use short timeouts); END closes a stream
 * that reached its event limit or the end of the recording.
 */
final class AudioEventStream implements Runnable {
  /** Where events go: the server's frame writer. */
  interface Sink {
    void send(StreamEvent e) throws IOException;
  }

  private final MicroModel model;
  private final ClassifyAudioStream stream;
  private final List<String> classes;
  private final short[] pcm;
  private final boolean fast;
  private final long maxEvents;
  private final Sink sink;
  private volatile boolean stop;
  /** Audio time reached when the stream ended; and whether a STOP (not its end) ended it. */
  volatile long endedAtMs = -1;
  volatile boolean stopped;

  /**
   * Checks everything a stream needs, so that a STREAM request is refused with the reason.
   *
   * @param fast as fast as the model runs; else at real time, as a microphone delivers
   */
  AudioEventStream(EmulatedBoard board, Path wav, boolean fast, long maxEvents, Sink sink) {
    this.model = board.requireModel();
    ModelParameters params = TfliteModel.read(board.modelBytes(), "loaded model").parameters();
    Map<String, Object> all = new LinkedHashMap<>();
    params.keys().forEach(k -> all.put(k, params.get(k)));
    if (all.keySet().stream().noneMatch(k -> k.startsWith("fe."))) {
      throw new KilnException("the loaded model has no fe.* parameters (audio frontend settings)"
          + " to classify audio with");
    }
    FrontendSettings fe = FrontendSettings.fromParameters(all);
    if (!(params.get("classes") instanceof List<?> names) || names.isEmpty()) {
      throw new KilnException("the loaded model has no 'classes' parameter to name its detections");
    }
    this.classes = names.stream().map(String::valueOf).toList();
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
    this.fast = fast;
    this.maxEvents = maxEvents;
    this.sink = sink;
  }

  /** Ends the stream; the thread sends nothing after it returns from {@link #run}. */
  void stop() {
    stop = true;
  }

  @Override
  public void run() {
    long start = System.nanoTime();
    long lastSent = start;
    long sent = 0;
    long timeMs = 0;
    short[] chunk = new short[stream.chunkSamples()];
    try {
      for (int at = 0; at < pcm.length && !stop; at += chunk.length) {
        int n = Math.min(chunk.length, pcm.length - at);
        System.arraycopy(pcm, at, chunk, 0, n);
        ClassifyAudioStream.Step step = stream.push(chunk, n);
        timeMs = step.timeMs();
        if (!fast && !sleepUntil(start + timeMs * 1_000_000L)) {
          break;
        }
        if (stop) {
          break;
        }
        if (step.detected()) {
          int c = step.decision().classIndex();
          sink.send(new StreamEvent(timeMs, c, step.decision().score(), classes.get(c)));
          lastSent = System.nanoTime();
          if (maxEvents > 0 && ++sent >= maxEvents) {
            break;
          }
        } else if (System.nanoTime() - lastSent > StreamEvent.HEARTBEAT_MS * 250_000L) {
          sink.send(StreamEvent.heartbeat(timeMs));
          lastSent = System.nanoTime();
        }
      }
      stopped = stop;
      if (!stop) {
        sink.send(StreamEvent.end(timeMs));
      }
    } catch (IOException e) {
      // the host is gone: the stream ends
    } finally {
      endedAtMs = timeMs;
    }
  }

  /** False when stopped while waiting. */
  private boolean sleepUntil(long due) {
    while (!stop) {
      long left = due - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      try {
        Thread.sleep(Math.min(20, left / 1_000_000L + 1));
      } catch (InterruptedException e) {
        return false;
      }
    }
    return false;
  }
}
