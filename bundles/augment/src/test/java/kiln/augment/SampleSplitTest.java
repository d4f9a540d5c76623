package kiln.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SampleSplitTest {
  @Test
  void percentagesMatchTheSpeechCommandsRule() {
    // values from the Python rule: sha1(name minus _nohash_...) mod 2^27 * 100 / (2^27 - 1)
    assertThat(SampleSplit.percentage(Path.of("yes/0a7c2a8d_nohash_0.wav"))).isCloseTo(56.836387193474074, within(1e-9));
    assertThat(SampleSplit.percentage(Path.of("bobby_nohash_1.wav"))).isCloseTo(94.1747873587518, within(1e-9));
    assertThat(SampleSplit.percentage(Path.of("espeak000_nohash_0.wav"))).isCloseTo(0.7932506560776431, within(1e-9));
    assertThat(SampleSplit.percentage(Path.of("x.wav"))).isCloseTo(27.54918431899834, within(1e-9));
  }

  @Test
  void takesOfOneSpeakerStayTogether() {
    assertThat(SampleSplit.groupName(Path.of("a/bobby_nohash_0.wav"))).isEqualTo("bobby");
    assertThat(SampleSplit.isValidation(Path.of("bobby_nohash_0.wav"), 0.95))
        .isEqualTo(SampleSplit.isValidation(Path.of("bobby_nohash_7.wav"), 0.95)).isTrue();
    assertThat(SampleSplit.isValidation(Path.of("bobby_nohash_0.wav"), 0.9)).isFalse();
    assertThat(SampleSplit.isValidation(Path.of("x.wav"), 0.0)).isFalse();
  }
}
