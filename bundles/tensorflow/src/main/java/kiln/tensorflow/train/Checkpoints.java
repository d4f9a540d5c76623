package kiln.tensorflow.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kiln.api.KilnException;
import kiln.api.model.Weights;
import kiln.util.AtomicFiles;
import kiln.util.WeightsFormat;

/**
 * A run's checkpoint files under {@code <workDir>/train/checkpoints}, per epoch N (1-based, as Keras
 * numbers them): {@code weights-NNN.weights} (the model's variables), {@code optimizer-NNN.weights}
 * (the optimizer's slot variables), {@code train-state-NNN.json} ({@link TrainState}) and, when
 * early stopping keeps best weights that no checkpoint holds, {@code best-weights-NNN.weights}.
 * Each file is written atomically and the weights file last, so the newest weights file always has
 * its companions.
 */
final class Checkpoints {
  static final String DIR = "train/checkpoints";
  private static final Pattern WEIGHTS = Pattern.compile("weights-(\\d+)\\.weights");

  private final Path dir;

  Checkpoints(Path workDir) {
    this.dir = workDir.resolve(DIR);
  }

  static String weightsName(int epoch) {
    return String.format(Locale.ROOT, "weights-%03d.weights", epoch);
  }

  static String bestWeightsName(int epoch) {
    return String.format(Locale.ROOT, "best-weights-%03d.weights", epoch);
  }

  /** A file of the checkpoint folder by name. */
  Path file(String name) {
    return dir.resolve(name);
  }

  Path weights(int epoch) {
    return file(weightsName(epoch));
  }

  Path optimizer(int epoch) {
    return file(String.format(Locale.ROOT, "optimizer-%03d.weights", epoch));
  }

  Path state(int epoch) {
    return file(String.format(Locale.ROOT, "train-state-%03d.json", epoch));
  }

  /** The newest weights checkpoint's epoch, or 0 when there is none. */
  int newest() {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int best = 0;
    try (var s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Matcher m = WEIGHTS.matcher(p.getFileName().toString());
        if (m.matches()) {
          best = Math.max(best, Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      throw new KilnException("cannot list checkpoints in " + dir + ": " + e.getMessage(), e);
    }
    return best;
  }

  static Weights readWeights(Path file) {
    try {
      return WeightsFormat.read(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw new KilnException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
    }
  }

  static void writeWeights(Path file, Weights w) {
    try {
      byte[] bytes = WeightsFormat.write(w);
      AtomicFiles.writeOrThrow(file, out -> out.write(bytes));
    } catch (IOException e) {
      throw new KilnException("checkpoint: cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The training state saved with epoch {@code epoch}'s weights, or null when there is none. */
  TrainState readState(int epoch) {
    Path file = state(epoch);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return TrainState.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new KilnException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes epoch {@code state.epoch()}'s checkpoint: optimizer slots and state first, weights last. */
  void write(Weights weights, Weights optimizerState, TrainState state) {
    writeWeights(optimizer(state.epoch()), optimizerState);
    Path stateFile = state(state.epoch());
    try {
      byte[] json = state.toJson().getBytes(StandardCharsets.UTF_8);
      AtomicFiles.writeOrThrow(stateFile, out -> out.write(json));
    } catch (IOException e) {
      throw new KilnException("checkpoint: cannot write " + stateFile + ": " + e.getMessage(), e);
    }
    writeWeights(weights(state.epoch()), weights);
  }
}
