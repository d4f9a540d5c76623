package kiln.tune;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The driver's command line: {@code kiln:tune}'s options plus where kiln.jar and the Kiln home are.
 * Budgets are in bytes and seconds; an absent budget is {@code <= 0}.
 */
public record TuneOptions(
    String model,
    Path kilnJar,
    Path kilnHome,
    String accelerator,
    long maxRamBytes,
    long maxFlashBytes,
    double maxLatencySeconds,
    String objective,
    int trials,
    String strategy,
    int epochsPerTrial,
    String engine,
    int parallel,
    long seed,
    Path output,
    boolean resume) {

  static final String USAGE = "usage: kiln tune NAME [--accelerator A] [--max-ram 64k] [--max-flash 256k]"
      + " [--max-latency 20ms] [--objective val_accuracy|int8_accuracy] [--trials N]"
      + " [--strategy random|grid|hyperband] [--epochs-per-trial N] [--engine local|local[N]|spark://HOST:PORT|yarn|k8s://...]"
      + " [--parallel N] [--seed N] [-o DIR] [--resume]";

  /** Parses the arguments; bad ones give an {@link IllegalArgumentException} naming the option. */
  public static TuneOptions parse(String... args) {
    String model = null;
    Path jar = null;
    Path home = null;
    String accelerator = "none";
    long ram = 0;
    long flash = 0;
    double latency = 0;
    String objective = "int8_accuracy";
    int trials = 0;
    String strategy = "random";
    int epochs = 5;
    String engine = "local";
    int parallel = 2;
    long seed = 42;
    Path output = null;
    boolean resume = false;
    List<String> rest = new ArrayList<>(List.of(args));
    for (int i = 0; i < rest.size(); i++) {
      String a = rest.get(i);
      if (a.equals("--resume")) {
        resume = true;
        continue;
      }
      if (!a.startsWith("-")) {
        if (model != null) {
          throw new IllegalArgumentException("expected one model name, got " + model + " and " + a + "\n" + USAGE);
        }
        model = a;
        continue;
      }
      if (i + 1 >= rest.size()) {
        throw new IllegalArgumentException(a + ": expected a value\n" + USAGE);
      }
      String v = rest.get(++i);
      switch (a) {
        case "--kiln-jar" -> jar = Path.of(v).toAbsolutePath();
        case "--kiln-home" -> home = Path.of(v).toAbsolutePath();
        case "-a", "--accelerator" -> accelerator = v.toLowerCase(Locale.ROOT);
        case "--max-ram" -> ram = Units.bytes(a, v);
        case "--max-flash" -> flash = Units.bytes(a, v);
        case "--max-latency" -> latency = Units.seconds(a, v);
        case "--objective" -> {
          if (!v.equals("val_accuracy") && !v.equals("int8_accuracy")) {
            throw new IllegalArgumentException("--objective " + v + ": expected val_accuracy or int8_accuracy");
          }
          objective = v;
        }
        case "--trials" -> trials = positive(a, v);
        case "--strategy" -> {
          if (!List.of("random", "grid", "hyperband").contains(v)) {
            throw new IllegalArgumentException("--strategy " + v + ": expected random, grid or hyperband");
          }
          strategy = v;
        }
        case "--epochs-per-trial" -> epochs = positive(a, v);
        case "--engine" -> engine = v;
        case "--parallel" -> parallel = positive(a, v);
        case "--seed" -> {
          try {
            seed = Long.parseLong(v);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed " + v + ": expected an integer");
          }
        }
        case "-o", "--output" -> output = Path.of(v).toAbsolutePath();
        default -> throw new IllegalArgumentException(a + ": unknown option\n" + USAGE);
      }
    }
    if (model == null) {
      throw new IllegalArgumentException("expected a model name\n" + USAGE);
    }
    if (jar == null) {
      throw new IllegalArgumentException("--kiln-jar: expected the path of kiln.jar (kiln:tune passes it)");
    }
    if (home == null) {
      home = Path.of(System.getProperty("user.home"), ".kiln");
    }
    if (output == null) {
      output = Path.of("tune-" + Path.of(model).getFileName().toString().replace(".java", "")).toAbsolutePath();
    }
    return new TuneOptions(model, jar, home, accelerator, ram, flash, latency, objective, trials, strategy, epochs,
        engine, parallel, seed, output, resume);
  }

  /** Spark's master URL: {@code local} is {@code local[parallel,4]} (4 tries per task; plain local[N] never retries). */
  public String master() {
    if (engine.equals("local")) {
      return "local[" + parallel + ",4]";
    }
    return engine;
  }

  /** True when Spark runs in this process (executors see this machine's files). */
  public boolean localEngine() {
    return engine.startsWith("local");
  }

  private static int positive(String option, String v) {
    try {
      int n = Integer.parseInt(v);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " " + v + ": expected a positive integer");
  }
}
