package kiln.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;

/**
 * What one trial came to: {@code done} (trained, quantized, evaluated in int8 and profiled),
 * {@code rejected} (its build profile broke a budget: {@code reason} says which), {@code stopped}
 * (successive halving kept better trials) or {@code failed} (its runs failed on every try). Accuracy
 * and profile figures are null when unknown. Written as the trial's {@code result.json}.
 */
public record TrialResult(
    String id,
    LinkedHashMap<String, Object> hyperparameters,
    String status,
    Integer epochs,
    Double valAccuracy,
    Double int8Accuracy,
    Long ramBytes,
    Long flashBytes,
    Double latencySeconds,
    Boolean meetsBudgets,
    String reason,
    String archive) implements Serializable {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The objective's value ({@code val_accuracy} or {@code int8_accuracy}), or null. */
  Double objective(String objective) {
    return objective.equals("val_accuracy") ? valAccuracy : int8Accuracy;
  }

  TrialResult withStatus(String newStatus, String newReason) {
    return new TrialResult(id, hyperparameters, newStatus, epochs, valAccuracy, int8Accuracy, ramBytes, flashBytes,
        latencySeconds, meetsBudgets, newReason, archive);
  }

  /** Writes {@code file} whole or not at all (a temporary file moved over it). */
  void write(Path file) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
        + Thread.currentThread().getId() + ".tmp");
    JSON.writeValue(tmp.toFile(), this);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static TrialResult read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), TrialResult.class);
  }
}
