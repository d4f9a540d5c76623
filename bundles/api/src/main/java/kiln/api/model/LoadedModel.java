package kiln.api.model;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** A model ready to run. Not thread-safe: use one per thread. */
@ProviderType
public interface LoadedModel extends AutoCloseable {
  /** The input tensors' types and shapes (values empty). */
  List<TensorSpec> inputs();

  /** The output tensors' types and shapes. */
  List<TensorSpec> outputs();

  /** Runs one inference. */
  List<TensorData> run(List<TensorData> inputs);

  @Override
  default void close() {}
}
