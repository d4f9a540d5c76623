package kiln.pipeline;

import kiln.api.model.Evaluator;
import kiln.api.model.Interpreter;
import kiln.api.model.ModelArchive;
import kiln.api.model.Quantizer;
import kiln.api.model.Trainer;

/**
 * The services one pipeline run uses, already picked by name ({@link Catalog#steps}). A null trainer
 * means the float model is evaluated through the quantizer's float32 .tflite instead.
 */
public record Steps(
    Named<Trainer> trainerChoice,
    Named<Quantizer> quantizerChoice,
    Named<Interpreter> interpreterChoice,
    Named<Evaluator> evaluatorChoice,
    ModelArchive archives) {

  /** A service and the name it was picked by. */
  public record Named<T>(String name, T service) {}

  public Trainer trainer() {
    return trainerChoice == null ? null : trainerChoice.service();
  }

  public Quantizer quantizer() {
    return quantizerChoice.service();
  }

  public String quantizerName() {
    return quantizerChoice.name();
  }

  public Interpreter interpreter() {
    return interpreterChoice.service();
  }

  public String interpreterName() {
    return interpreterChoice.name();
  }

  public Evaluator evaluator() {
    return evaluatorChoice.service();
  }
}
