package kiln.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real search on Spark local[2,4]: the 2 x 2 space of tune_tiny.java on the embedded yes_no set,
 * each trial a kiln.jar run (2 epochs). --max-ram 4k rejects one point before training; the first
 * training attempt of another is killed, and Spark's retry finishes it.
 */
class TuneSearchTest {
  @TempDir Path dir;

  @Test
  void searchesRejectsOverBudgetRetriesAKilledTrialAndResumes() throws Exception {
    Path jar = Path.of(System.getProperty("kiln.jar", "../run/target/kiln.jar")).toAbsolutePath().normalize();
    assertThat(jar).as("kiln.jar: build the run module first (the reactor builds it before tune)").isRegularFile();
    Path spec = dir.resolve("tune_tiny.java");
    try (var in = getClass().getResourceAsStream("/specs/tune_tiny.java")) {
      Files.copy(in, spec);
    }
    Path out = dir.resolve("out");
    String[] args = {"--kiln-jar", jar.toString(), "--kiln-home", dir.resolve("home").toString(), spec.toString(),
        "--accelerator", "mvp", "--max-ram", "4k", "--strategy", "grid", "--epochs-per-trial", "2", "-o",
        out.toString()};

    System.setProperty(TrialJob.KILL_PROPERTY, "t001");
    String log;
    try {
      log = search(args);
    } finally {
      System.clearProperty(TrialJob.KILL_PROPERTY);
    }

    // the grid, last parameter fastest: (10, 2), (10, 8), (20, 2), (20, 8)
    List<String> table = Files.readAllLines(out.resolve("results.txt"));
    assertThat(table.get(0)).startsWith("trial").contains("status", "fe.filterbank_n_channels", "filters",
        "int8_accuracy", "ram_bytes", "latency_ms", "note");
    assertThat(table.subList(1, table.size())).hasSize(4);
    assertThat(table.get(1)).matches("t000 +done +10 +2 +2 .*");
    assertThat(table.get(2)).matches("t001 +done +10 +8 +2 .*");
    assertThat(table.get(3)).matches("t002 +done +20 +2 +2 .*");
    assertThat(table.get(4)).matches("t003 +rejected +20 +8 .*");

    // 20 channels x 8 filters: over 4 kB of RAM on MVP, rejected from its untrained layout's profile,
    // never trained; every other point fits
    TrialResult rejected = TrialResult.read(out.resolve("trials/t003/result.json"));
    assertThat(rejected.reason()).matches(
        "rejected before training: RAM [0-9.]+ kB > --max-ram 4\\.0 kB \\(accelerator mvp\\)");
    assertThat(rejected.ramBytes()).isGreaterThan(4096);
    assertThat(out.resolve("trials/t003/run")).doesNotExist();
    assertThat(log).contains("[t003] fe.filterbank_n_channels=20, filters=8: build profile: rejected before training:");
    for (String id : List.of("t000", "t001", "t002")) {
      TrialResult r = TrialResult.read(out.resolve("trials/" + id + "/result.json"));
      assertThat(r.status()).isEqualTo("done");
      assertThat(r.epochs()).isEqualTo(2);
      assertThat(r.int8Accuracy()).isBetween(0.0, 1.0);
      assertThat(r.valAccuracy()).isBetween(0.0, 1.0);
      assertThat(r.ramBytes()).isLessThanOrEqualTo(4096);
      // the trained int8 model has the layout the untrained one was profiled with: the same RAM and latency
      var build = TrialResult.JSON.readTree(out.resolve("trials/" + id + "/build-profile.json").toFile());
      assertThat(r.ramBytes()).isEqualTo(build.path("ram_bytes").asLong());
      assertThat(Path.of(r.archive())).isRegularFile();
    }

    // the killed attempt failed, Spark ran the task again, and the trial finished
    assertThat(log).containsPattern("\\[t001\\] trained 2 epochs: attempt 1 failed \\(.*killed on purpose.*\\);"
        + " Spark retries it");
    assertThat(log).contains("[t001] fe.filterbank_n_channels=10, filters=8: trained 2 epochs: val_accuracy");
    try (var s = Files.list(out.resolve("trials/t001"))) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".attempt-"));
    }

    // the best fitting trial is the done one with the highest int8 accuracy
    var json = TrialResult.JSON.readTree(out.resolve("results.json").toFile());
    String best = json.path("best").asText();
    double bestAcc = TrialResult.read(out.resolve("trials/" + best + "/result.json")).int8Accuracy();
    for (String id : List.of("t000", "t001", "t002")) {
      assertThat(TrialResult.read(out.resolve("trials/" + id + "/result.json")).int8Accuracy())
          .isLessThanOrEqualTo(bestAcc);
    }
    assertThat(log).contains("Best within the budgets: " + best + " (");
    assertThat(log).contains("is the selection score, measured on the validation samples");
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertThat(csv).hasSize(5);
    assertThat(csv.get(4)).startsWith("t003,rejected,20,8,");

    // a trial's archive evaluates like any other: kiln evaluate rebuilds the spec at the trial's point
    // from the archive's provenance (at the default 10 channels the 20-channel model's input would not
    // match the features) and scores its int8 model on the validation clips
    // (--trust-spec: the spec is not on the model path, the archive's copy is this test's own)
    TrialResult t002 = TrialResult.read(out.resolve("trials/t002/result.json"));
    String eval = new KilnRuntime(jar, dir.resolve("home")).check(List.of("evaluate", t002.archive(), "--tflite",
        "--trust-spec"), null);
    assertThat(eval).contains("evaluated the .tflite through the kiln-micro interpreter on 180 validation samples")
        .containsPattern("Overall accuracy: [0-9.]+%");

    BufferedImage png = ImageIO.read(out.resolve("pareto.png").toFile());
    assertThat(png).as("pareto.png decodes").isNotNull();
    assertThat(png.getWidth()).isEqualTo(1280);
    assertThat(png.getHeight()).isEqualTo(480);

    // --resume: nothing is profiled or trained again
    String[] resume = java.util.Arrays.copyOf(args, args.length + 1);
    resume[args.length] = "--resume";
    String again = search(resume);
    assertThat(again).contains("4 trials were profiled before (--resume)")
        .contains("[t000] already trained to 2 epochs (--resume)")
        .contains("Training 0 trials to 2 epochs");
    assertThat(Files.readAllLines(out.resolve("results.txt"))).isEqualTo(table);
  }

  private static String search(String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      new Search(TuneOptions.parse(args), new TeeStream(ps)).run();
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The driver's lines to the test's log too, for a failing run's report. */
  private static final class TeeStream extends PrintStream {
    TeeStream(PrintStream captured) {
      super(new java.io.OutputStream() {
        @Override
        public void write(int b) {
          captured.write(b);
          System.out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          captured.write(b, off, len);
          System.out.write(b, off, len);
        }
      }, true, StandardCharsets.UTF_8);
    }
  }
}
