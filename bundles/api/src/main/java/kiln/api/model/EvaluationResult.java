package kiln.api.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Metrics by name (the keys of {@code eval-results.json}), a printable summary (the text of
 * {@code summary.txt}) and the files written to the job's output directory (empty when it had none).
 */
public record EvaluationResult(Map<String, Object> metrics, String summary, List<Path> files) {
  public EvaluationResult {
    files = files == null ? List.of() : List.copyOf(files);
  }

  /** A result that wrote no files. */
  public EvaluationResult(Map<String, Object> metrics, String summary) {
    this(metrics, summary, List.of());
  }
}
