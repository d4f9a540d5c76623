package kiln.audio.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** MLTK's smoothing rules, one at a time. */
class ClassifyAudioRecognizerTest {
  static final List<String> CLASSES = List.of("_silence_", "yes", "no");

  private static ClassifyAudioSettings settings(int window, int threshold, int suppression, int count) {
    return new ClassifyAudioSettings(window, threshold, null, suppression, count, 100, 0, false);
  }

  private static int[] scores(int silence, int yes, int no) {
    return new int[] {silence, yes, no};
  }

  @Test
  void scoresAreAveragedOverTheWindowOnceThereAreEnough() {
    ClassifyAudioRecognizer r = new ClassifyAudioRecognizer(settings(1000, 185, 1500, 3), CLASSES);
    assertThat(r.process(scores(0, 250, 5), 100).detected()).isFalse(); // 1 result < minimum_count 3
    assertThat(r.process(scores(0, 250, 5), 200).detected()).isFalse();
    ClassifyAudioRecognizer.Decision d = r.process(scores(0, 100, 5), 300); // (250 + 250 + 100) / 3 = 200
    assertThat(d).isEqualTo(new ClassifyAudioRecognizer.Decision(1, 200, true));
  }

  @Test
  void resultsOlderThanTheWindowAreDropped() {
    ClassifyAudioRecognizer r = new ClassifyAudioRecognizer(settings(300, 185, 0, 2), CLASSES);
    r.process(scores(0, 0, 255), 0);
    r.process(scores(0, 0, 255), 99);
    r.process(scores(0, 255, 0), 300);
    // at 400 the results before 400 - 300 are dropped: those of 300 and 400 count
    assertThat(r.process(scores(0, 255, 0), 400)).isEqualTo(new ClassifyAudioRecognizer.Decision(1, 255, true));
    // a result exactly at the window's start still counts: (0 + 255 + 255) / 3 at 600, with 300 and 400
    r = new ClassifyAudioRecognizer(settings(300, 185, 0, 2), CLASSES);
    r.process(scores(0, 0, 255), 300);
    r.process(scores(0, 255, 0), 400);
    assertThat(r.process(scores(0, 255, 0), 600)).isEqualTo(new ClassifyAudioRecognizer.Decision(1, 170, false));
  }

  @Test
  void theThresholdMustBeExceededAndUnderscoreLabelsAreNeverDetected() {
    ClassifyAudioRecognizer r = new ClassifyAudioRecognizer(settings(1000, 185, 0, 0), CLASSES);
    assertThat(r.process(scores(0, 185, 0), 100).detected()).isFalse(); // equal is not above
    assertThat(r.process(scores(255, 0, 0), 200)).isEqualTo(new ClassifyAudioRecognizer.Decision(0, 255, false));
    assertThat(r.process(scores(0, 186, 0), 300).detected()).isTrue();
  }

  @Test
  void theSameClassIsSuppressedButAnotherIsNot() {
    ClassifyAudioRecognizer r = new ClassifyAudioRecognizer(settings(1000, 185, 750, 0), CLASSES);
    assertThat(r.process(scores(0, 250, 0), 1000).detected()).isTrue();
    assertThat(r.process(scores(0, 250, 0), 1750).detected()).isFalse(); // 750 ms later: not more than 750
    assertThat(r.process(scores(0, 0, 250), 1760).detected()).isTrue(); // another class at once
    assertThat(r.process(scores(0, 250, 0), 1770).detected()).isTrue(); // the last detection was "no"
  }

  @Test
  void aPerClassThresholdListReplacesTheThreshold() {
    ClassifyAudioSettings s = new ClassifyAudioSettings(1000, 185, new int[] {0, 240, 100}, 0, 0, 100, 0, false);
    ClassifyAudioRecognizer r = new ClassifyAudioRecognizer(s, CLASSES);
    assertThat(r.process(scores(0, 230, 0), 100).detected()).isFalse();
    assertThat(r.process(scores(0, 0, 120), 200).detected()).isTrue();
  }

  @Test
  void modelOutputsBecomeUint8Scores() {
    assertThat(ClassifyAudioRecognizer.fromInt8(new byte[] {-128, 0, 127})).containsExactly(0, 128, 255);
    assertThat(ClassifyAudioRecognizer.fromFloat(new float[] {0f, 0.5f, 1f})).containsExactly(0, 127, 255);
  }
}
