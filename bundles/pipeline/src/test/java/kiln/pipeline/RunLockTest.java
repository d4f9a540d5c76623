package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import kiln.api.KilnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second training run of the same model in the same folder is refused while the first runs. */
class RunLockTest {
  @TempDir Path dir;

  @Test
  void aSecondRunOfTheSameModelIsRefusedWithTheHoldersPid() {
    long pid = ProcessHandle.current().pid();
    try (RunLock first = RunLock.acquire(dir, "kws")) {
      assertThat(dir.resolve(".kws.kiln.lock")).hasContent(Long.toString(pid));
      assertThatThrownBy(() -> RunLock.acquire(dir, "kws"))
          .isInstanceOf(KilnException.class)
          .hasMessage("kiln:train kws is already running in " + dir + " (pid " + pid + "); wait for it to end or"
              + " stop it first");
      // another model in the same folder is free
      RunLock.acquire(dir, "other").close();
    }
    assertThat(dir.resolve(".kws.kiln.lock")).doesNotExist();
    RunLock.acquire(dir, "kws").close();
  }

  @Test
  void aTrainRunWaitsForNoOneButRefusesWhileTheModelIsLocked() {
    TrainCommand cmd = new TrainCommand(TrainFixtures.services(TrainCommandTest.DATASET), dir, dir.resolve("work"));
    try (RunLock held = RunLock.acquire(dir, "keyword_spotting_yes_no-test")) {
      assertThatThrownBy(() -> cmd.run("keyword_spotting_yes_no-test", 1, false, false, new TrainFixtures.Lines()))
          .isInstanceOf(KilnException.class)
          .hasMessageContaining("kiln:train keyword_spotting_yes_no-test is already running in " + dir);
    }
    assertThat(dir.resolve("keyword_spotting_yes_no-test.kiln.zip")).doesNotExist();
  }
}
