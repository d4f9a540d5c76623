package kiln.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kiln.api.KilnException;
import kiln.api.platform.Accelerator;
import kiln.micro.MicroRuntime;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the three ways Kiln loads a .tflite a user downloaded: mutants of every
 * fixture model ({@link ModelMutator}) go through the tflite reader, the micro runtime (loaded and,
 * when it accepts them, run once) and the profiler. Each outcome must be a success or a KilnException whose message names the file and
 * does not name a Java exception; anything else (an index error, NegativeArraySizeException,
 * OutOfMemoryError, a load taking seconds) fails the test with the fixture and the mutant's seed.
 * The profiler refuses exactly the files the reader's validator refuses.
 *
 * <p>{@code -Dkiln.fuzz.mutants=N} sets the mutants per fixture (default {@value #DEFAULT_MUTANTS}:
 * 21,000 mutants, 5-15 s on two cores); {@code -Dkiln.fuzz.seed=S} draws other ones. A failure
 * names the fixture and the mutant's seed; {@code new ModelMutator(bytes).mutate(new
 * Random(seed))} makes that mutant again.
 */
class ModelFuzzTest {
  static final int DEFAULT_MUTANTS = 3000;
  /** Longer than any load should take: a hang or a gigabyte allocation. */
  private static final long SLOW_MS = 10_000;
  /** A message naming a Java exception or class instead of the problem. */
  private static final Pattern JAVA_NAMES =
      Pattern.compile("\\b(java\\.\\w|\\w+(Exception|Error)\\b)");

  @Test
  void mutantsLoadOrFailWithAKilnMessage() throws IOException {
    int perFixture = Integer.getInteger("kiln.fuzz.mutants", DEFAULT_MUTANTS);
    long seed = Long.getLong("kiln.fuzz.seed", 20_261_207L);
    List<Path> fixtures = fixtures();
    Map<String, Accelerator> accelerators = Fixtures.accelerators();
    List<String> failures = new ArrayList<>();
    Map<String, Integer> outcomes = new TreeMap<>();
    for (Path fixture : fixtures) {
      byte[] original = Files.readAllBytes(fixture);
      ModelMutator mutator = new ModelMutator(original);
      Random seeds = new Random(seed ^ fixture.getFileName().toString().hashCode());
      for (int i = 0; i < perFixture; i++) {
        long mutantSeed = seeds.nextLong();
        byte[] mutant = mutator.mutate(new Random(mutantSeed));
        String name = "mutant-" + fixture.getFileName();
        String where = fixture.getFileName() + " mutant seed " + mutantSeed;
        boolean read = check(where, "reader", name, () -> TfliteModel.read(mutant, name),
            failures, outcomes);
        // a model the runtime accepts must also run (on zero inputs)
        boolean loaded = check(where, "micro", name, () -> MicroRuntime.load(mutant, name).invoke(), failures,
            outcomes);
        // kiln:profile first asks the interpreter to check the model: the check must refuse what loading
        // refuses, except ops the runtime has no kernel for (which the profile reports instead)
        boolean[] allRunnable = {false};
        boolean checked = check(where, "interpreter check", name,
            () -> allRunnable[0] = MicroRuntime.check(mutant, name).isEmpty(), failures, outcomes);
        if (checked && allRunnable[0] && !loaded) {
          failures.add(where + ": the interpreter's check accepts it but loading it fails");
        }
        if (loaded && !checked) {
          failures.add(where + ": loading accepts it but the interpreter's check refuses it");
        }
        String acc = (i & 1) == 0 ? "none" : "mvp";
        boolean profiled = check(where, "profiler", name,
            () -> Profiler.profile(name, mutant, acc, accelerators.get(acc), List.of()), failures,
            outcomes);
        if (read != profiled) {
          failures.add(where + ": the reader " + (read ? "accepts" : "refuses")
              + " it but the profiler " + (profiled ? "accepts" : "refuses") + " it");
        }
      }
    }
    System.out.println("model fuzzing, " + perFixture + " mutants of each of " + fixtures.size()
        + " fixtures: " + outcomes);
    assertThat(failures).as("%d loads ended otherwise than in success or a clear KilnException",
        failures.size()).isEmpty();
  }

  /** Runs one load; true when it succeeded. */
  private static boolean check(String where, String path, String name, Runnable load,
      List<String> failures, Map<String, Integer> outcomes) {
    long start = System.nanoTime();
    String outcome;
    try {
      load.run();
      outcome = "accepted";
    } catch (KilnException e) {
      String m = e.getMessage();
      if (m == null || m.isBlank() || !m.contains(name) || JAVA_NAMES.matcher(m).find()) {
        failures.add(where + ": " + path + ": message without the file or the problem: " + m);
      }
      outcome = "refused";
    } catch (Throwable t) {
      failures.add(where + ": " + path + ": " + t + " at " + firstFrames(t));
      outcome = "escaped";
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (ms > SLOW_MS) {
      failures.add(where + ": " + path + ": took " + ms + " ms");
    }
    outcomes.merge(path + " " + outcome, 1, Integer::sum);
    return outcome.equals("accepted");
  }

  private static String firstFrames(Throwable t) {
    StackTraceElement[] s = t.getStackTrace();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(3, s.length); i++) {
      b.append(i == 0 ? "" : " < ").append(s[i]);
    }
    return b.toString();
  }

  /** Every .tflite under the fixtures' tflm/ and mltk/ folders; skips when they are absent. */
  private static List<Path> fixtures() throws IOException {
    Path dir = Path.of(System.getProperty("kiln.fixtures", "../../../shared/fixtures"));
    assumeTrue(Files.isDirectory(dir.resolve("tflm")) && Files.isDirectory(dir.resolve("mltk")),
        "fixtures not found at " + dir.toAbsolutePath());
    try (Stream<Path> a = Files.list(dir.resolve("tflm"));
        Stream<Path> b = Files.list(dir.resolve("mltk"))) {
      return Stream.concat(a, b).filter(p -> p.toString().endsWith(".tflite")).sorted().toList();
    }
  }
}
