package kiln.audio.classify;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * MLTK's command recognizer (its audio_classifier's RecognizeCommands, after TFLite Micro's
 * micro_speech): scores on the uint8 scale (int8 output + 128, float output x 255) are averaged
 * over the results of the last {@code average_window_duration_ms} (integer division, as in C); with
 * fewer than {@code minimum_count} results nothing is decided, and a {@code minimum_count} of 0
 * takes the latest result alone. The top class (the first of equal scores) is detected when its
 * score exceeds its threshold, its label does not start with an underscore ({@code _silence_},
 * {@code _unknown_}), and it differs from the previous detection or {@code suppression_ms} have
 * passed since.
 */
public final class ClassifyAudioRecognizer {
  /** The decision on one result: the top class and its (averaged) score, and whether it is a detection. */
  public record Decision(int classIndex, int score, boolean detected) {}

  private record Result(long timeMs, int[] scores) {}

  private final ClassifyAudioSettings settings;
  private final List<String> classes;
  private final Deque<Result> window = new ArrayDeque<>();
  private int lastIndex = -1; // none yet (MLTK starts at class 0, time 0)
  private long lastTimeMs;

  public ClassifyAudioRecognizer(ClassifyAudioSettings settings, List<String> classes) {
    this.settings = settings;
    this.classes = List.copyOf(classes);
  }

  /** Int8 model output as MLTK's uint8 scores. */
  public static int[] fromInt8(byte[] output) {
    int[] s = new int[output.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = output[i] + 128;
    }
    return s;
  }

  /** Float (softmax) model output as MLTK's uint8 scores: truncated x 255, as C's cast does. */
  public static int[] fromFloat(float[] output) {
    int[] s = new int[output.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = (int) Math.max(0, Math.min(255, output[i] * 255));
    }
    return s;
  }

  /** Adds the scores of an inference on the audio up to {@code timeMs} and decides. */
  public Decision process(int[] scores, long timeMs) {
    int[] score;
    if (settings.minimumCount() == 0) {
      score = scores;
    } else {
      window.addLast(new Result(timeMs, scores.clone()));
      while (!window.isEmpty() && window.peekFirst().timeMs() < timeMs - settings.averageWindowMs()) {
        window.removeFirst();
      }
      if (window.size() < settings.minimumCount()) {
        return new Decision(lastIndex < 0 ? 0 : lastIndex, 0, false);
      }
      score = new int[scores.length];
      for (Result r : window) {
        for (int i = 0; i < score.length; i++) {
          score[i] += r.scores()[i];
        }
      }
      for (int i = 0; i < score.length; i++) {
        score[i] /= window.size();
      }
    }
    int top = 0;
    for (int i = 1; i < score.length; i++) {
      if (score[i] > score[top]) {
        top = i;
      }
    }
    boolean detected = score[top] > settings.threshold(top) && !classes.get(top).startsWith("_")
        && (top != lastIndex || timeMs - lastTimeMs > settings.suppressionMs());
    if (detected) {
      lastIndex = top;
      lastTimeMs = timeMs;
    }
    return new Decision(top, score[top], detected);
  }
}
