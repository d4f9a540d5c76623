package kiln.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code kiln train} processes killed with SIGKILL at seeded random moments (loading, training,
 * quantizing, evaluating, writing): afterwards the archive is the previous one, byte for byte, or a
 * complete new one, never a mix; and the next run is not blocked by the dead run's lock.
 */
class KillDuringTrainIT {
  static final String MODEL = "keyword_spotting_yes_no-test";
  static final String ARCHIVE = MODEL + ".kiln.zip";

  @TempDir Path home;
  @TempDir Path work;

  @Test
  void aKilledRunLeavesThePreviousArchiveOrACompleteNewOne() throws Exception {
    long started = System.nanoTime();
    assertThat(train("1").waitFor(180, TimeUnit.SECONDS)).isTrue();
    long fullRunMillis = (System.nanoTime() - started) / 1_000_000;
    Path archive = work.resolve(ARCHIVE);
    assertThat(complete(archive)).as("the first run's archive").isTrue();
    byte[] previous = Files.readAllBytes(archive);

    Random random = new Random(20261204);
    int replaced = 0;
    for (int i = 0; i < 4; i++) {
      // anywhere from the JVM's start to the end of a whole run
      long delay = 200 + (long) (random.nextDouble() * fullRunMillis);
      Process p = train(Integer.toString(100 + i));
      boolean ended = p.waitFor(delay, TimeUnit.MILLISECONDS);
      if (!ended) {
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      byte[] now = Files.readAllBytes(archive);
      if (!java.util.Arrays.equals(now, previous)) {
        assertThat(complete(archive)).as("run %d killed after %d ms: a changed archive must be complete", i, delay)
            .isTrue();
        replaced++;
        previous = now;
      }
    }
    // the dead runs' locks are gone with them: a last run goes through
    Process last = train("7");
    assertThat(last.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(last.exitValue()).as(Files.readString(work.resolve("out.txt"))).isZero();
    assertThat(complete(archive)).isTrue();
    System.out.printf("KillDuringTrainIT: 4 runs killed at random moments, %d had replaced the archive%n", replaced);
  }

  /** Whether the archive holds every entry a finished run writes. */
  static boolean complete(Path archive) throws Exception {
    try (ZipFile z = new ZipFile(archive.toFile())) {
      for (String e : List.of("kiln-archive.json", MODEL + ".weights", MODEL + ".tflite", "provenance.json",
          "train/log.txt", "train/training-history.json", "eval/tflite/summary.txt", "eval/float/summary.txt")) {
        if (z.getEntry(e) == null) {
          return false;
        }
      }
      return true;
    }
  }

  Process train(String seed) throws Exception {
    Path jar = Paths.get(System.getProperty("kiln.jar", "target/kiln.jar")).toAbsolutePath();
    List<String> cmd = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dkiln.home=" + home,
        "-Dfelix.fileinstall.dir=" + home.resolve("plugins"),
        "-Dorg.osgi.framework.storage=" + home.resolve("framework"),
        "-Dorg.bytedeco.javacpp.cachedir=" + home.resolve("cache"),
        "-jar", jar.toString(), "train", MODEL, "--seed", seed));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile())
        .redirectOutput(work.resolve("out.txt").toFile()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> env = pb.environment();
    env.put("TF_ENABLE_ONEDNN_OPTS", "0");
    env.put("TF_CPP_MIN_LOG_LEVEL", "1");
    return pb.start();
  }
}
