package kiln.api.model;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Prints a summary of something a user names: a .tflite file, an archive, a model specification.
 * {@code kiln:summarize TARGET} asks every registered summarizer, in service ranking order, and uses
 * the first that accepts the target. Registered with {@code kiln.name}.
 */
@ConsumerType
public interface Summarizer {
  /** Whether this summarizer knows what {@code target} is (a file it reads, a model it finds). */
  boolean accepts(String target);

  /**
   * The printable summary.
   *
   * @param target what the user named
   * @param tflite true when the user asked for the quantized model's summary ({@code --tflite})
   * @throws kiln.api.KilnException naming the target and what is wrong with it
   */
  String summarize(String target, boolean tflite);
}
