package kiln.pipeline;

import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import kiln.api.KilnException;
import kiln.api.data.DatasetProvider;
import kiln.api.model.Evaluator;
import kiln.api.model.Interpreter;
import kiln.api.model.ModelArchive;
import kiln.api.model.Quantizer;
import kiln.api.model.Trainer;
import kiln.api.platform.BoardConnector;

/**
 * The pipeline's services (and the dataset providers) by {@code kiln.name}, as they are registered now. A run asks for each step by
 * name (command option, else the spec's setting, else Kiln's default) and a missing one is an error
 * naming the service kind, the name and the bundle that provides the default.
 */
public final class Catalog {
  /** Kiln's default service names and the bundles that register them. */
  public static final String TRAINER = "tensorflow";
  public static final String QUANTIZER = "ptq-int8";
  public static final String INTERPRETER = "kiln-micro";
  public static final String ARCHIVE = "zip";

  public final Map<String, Trainer> trainers = new ConcurrentHashMap<>();
  public final Map<String, Quantizer> quantizers = new ConcurrentHashMap<>();
  public final Map<String, Interpreter> interpreters = new ConcurrentHashMap<>();
  public final Map<String, Evaluator> evaluators = new ConcurrentHashMap<>();
  public final Map<String, ModelArchive> archives = new ConcurrentHashMap<>();
  public final Map<String, DatasetProvider> datasets = new ConcurrentHashMap<>();
  public final Map<String, BoardConnector> boards = new ConcurrentHashMap<>();

  /** The default board connector's name. */
  public static final String BOARD_CONNECTOR = "serial";

  /**
   * Picks the services of one run. Null names take the defaults; {@code needTrainer} false leaves a
   * missing default trainer out (evaluation then runs the float32 .tflite) instead of failing.
   */
  public Steps steps(String trainer, String quantizer, String interpreter, String evaluator, boolean needTrainer) {
    Steps.Named<Trainer> t = trainer == null && !needTrainer && !trainers.containsKey(TRAINER) ? null
        : pick(trainers, trainer, TRAINER, "trainer", "kiln.tensorflow");
    return new Steps(t,
        pick(quantizers, quantizer, QUANTIZER, "quantizer", "kiln.quantize"),
        pick(interpreters, interpreter, INTERPRETER, "interpreter", "kiln.micro"),
        pick(evaluators, evaluator, "classifier", "evaluator", "kiln.evaluate"),
        pick(archives, null, ARCHIVE, "model archive", "kiln.archive").service());
  }

  /** The trainer named {@code name} (null: the default). */
  public Steps.Named<Trainer> trainer(String name) {
    return pick(trainers, name, TRAINER, "trainer", "kiln.tensorflow");
  }

  /** The interpreter named {@code name} (null: the default). */
  public Steps.Named<Interpreter> interpreter(String name) {
    return pick(interpreters, name, INTERPRETER, "interpreter", "kiln.micro");
  }

  /** The board connector named {@code name} (null: serial). */
  public Steps.Named<BoardConnector> board(String name) {
    return pick(boards, name, BOARD_CONNECTOR, "board connector", "kiln.serial");
  }

  /** The archive service. */
  public ModelArchive archive() {
    return pick(archives, null, ARCHIVE, "model archive", "kiln.archive").service();
  }

  static <T> Steps.Named<T> pick(Map<String, T> registered, String name, String defaultName, String kind,
      String defaultBundle) {
    String n = name == null || name.isBlank() ? defaultName : name;
    T s = registered.get(n);
    if (s == null) {
      throw new KilnException("no " + kind + " named '" + n + "' is installed (installed: "
          + new TreeSet<>(registered.keySet()) + ")"
          + (n.equals(defaultName) ? "; the default '" + defaultName + "' comes with the bundle " + defaultBundle
              : ""));
    }
    return new Steps.Named<>(n, s);
  }
}
