package kiln.api.model;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/** A model ready to run. Not thread-safe: use one per thread. */
@ConsumerType
public interface LoadedModel extends AutoCloseable {
  /** The input tensors' types and shapes (values empty). */
  List<TensorSpec> inputs();

  /** The output tensors' types and shapes. */
  List<TensorSpec> outputs();

  /** Runs one inference. */
  List<TensorData> run(List<TensorData> inputs);

  /**
   * The number of tensors of the model's main subgraph (inputs, activations, weights, outputs), for
   * interpreters that expose intermediate values; 0 when they do not.
   */
  default int tensorCount() {
    return 0;
  }

  /** Name, type, shape and quantization of tensor {@code index} of the main subgraph. */
  default TensorSpec tensorInfo(int index) {
    throw new UnsupportedOperationException("this interpreter does not expose intermediate tensors");
  }

  /** The value tensor {@code index} holds after the last {@link #run} (activations included). */
  default TensorData tensorValue(int index) {
    throw new UnsupportedOperationException("this interpreter does not expose intermediate tensors");
  }

  /**
   * The working memory (arena) in bytes the model needs on a device, or -1 when unknown. Kiln's
   * micro runtime reports the arena, 32-bit TFLM reference kernels: TFLite Micro's
   * {@code arena_used_bytes()} after {@code AllocateTensors()} on a 32-bit target.
   */
  default int arenaBytes() {
    return -1;
  }

  /**
   * Sets the model's variable tensors (LSTM and SVDF states) back to their start values before the
   * next {@link #run}, as TFLite Micro's {@code MicroInterpreter::Reset}; between runs they keep
   * their values otherwise. Callers whose samples are independent (calibration) reset before each.
   * Does nothing for an interpreter without state.
   */
  default void resetVariables() {}

  @Override
  default void close() {}
}
