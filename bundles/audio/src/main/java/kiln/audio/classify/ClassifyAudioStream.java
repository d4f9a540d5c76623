package kiln.audio.classify;

import java.util.List;
import java.util.function.Function;
import kiln.api.data.FrontendSettings;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;

/**
 * MLTK's audio_classifier loop, one chunk of {@code latency_ms} audio at a time: the new samples go
 * through the model's frontend ({@link ClassifyAudioFeatures}), the latest
 * {@code fe.sample_length_ms} of features through the model, and its scores through the smoothing
 * of {@link ClassifyAudioRecognizer}. After a detection the frontend starts afresh, as in MLTK.
 * With the frontend's activity detection on, inference runs only when it trips. The caller reads
 * the audio and runs the model, so the host's {@code kiln:classify_audio} and the board emulator
 * share every rule.
 */
public final class ClassifyAudioStream {
  /**
   * What one chunk did.
   *
   * @param timeMs audio heard so far, in ms
   * @param heard the chunk's samples as the frontend saw them (after the volume gain)
   * @param input the model's input, or null when no inference ran (no activity)
   * @param scores the model's scores on the uint8 scale, or null when no inference ran
   * @param decision the recognizer's decision, or null when no inference ran
   */
  public record Step(long timeMs, short[] heard, TensorData input, int[] scores,
      ClassifyAudioRecognizer.Decision decision) {
    public boolean inferred() {
      return input != null;
    }

    public boolean detected() {
      return decision != null && decision.detected();
    }
  }

  private final FrontendSettings fe;
  private final TensorSpec input;
  private final Function<TensorData, TensorData> model;
  private final ClassifyAudioFeatures features;
  private final ClassifyAudioRecognizer recognizer;
  private final int chunkSamples;
  private long samples;

  /**
   * @param input the model's input tensor (int8 or float32, frames x channels values)
   * @param model runs the model on an input and returns its scores output (int8 or float32)
   */
  public ClassifyAudioStream(FrontendSettings fe, ClassifyAudioSettings settings, List<String> classes,
      TensorSpec input, Function<TensorData, TensorData> model) {
    this.fe = fe;
    this.input = input;
    this.model = model;
    this.features = new ClassifyAudioFeatures(fe, settings.volumeGain());
    this.recognizer = new ClassifyAudioRecognizer(settings, classes);
    this.chunkSamples = Math.max(1, (int) ((long) settings.latencyMs() * fe.sampleRateHz() / 1000));
  }

  /** The samples of one chunk: {@code latency_ms} of audio at the frontend's rate. */
  public int chunkSamples() {
    return chunkSamples;
  }

  public int frames() {
    return features.frames();
  }

  public int channels() {
    return features.channels();
  }

  /** Hears {@code length} samples (a whole chunk, or less at the end of the audio) and decides. */
  public Step push(short[] pcm, int length) {
    short[] heard = features.push(pcm, 0, length);
    samples += length;
    long timeMs = samples * 1000 / fe.sampleRateHz();
    if (fe.activityDetectionEnable() && !features.activityDetected()) {
      return new Step(timeMs, heard, null, null, null);
    }
    TensorData in = ClassifyAudioFeatures.toInput(features.spectrogram(), fe, input);
    TensorData out = model.apply(in);
    int[] scores = out.type() == ElementType.INT8
        ? ClassifyAudioRecognizer.fromInt8(out.bytes()) : ClassifyAudioRecognizer.fromFloat(out.toFloats());
    ClassifyAudioRecognizer.Decision d = recognizer.process(scores, timeMs);
    if (d.detected()) {
      features.reset();
    }
    return new Step(timeMs, heard, in, scores, d);
  }
}
