package kiln.evaluate.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import kiln.util.AtomicFiles;
import kiln.api.model.EvaluationJob;
import kiln.api.model.EvaluationResult;
import kiln.util.json.Json;

/** Writes an evaluation's files as MLTK names them, each atomically. */
final class ResultFiles {
  static final String RESULTS = "eval-results.json";
  static final String SUMMARY = "summary.txt";

  private ResultFiles() {}

  /**
   * The evaluation's result; when the job names an output folder, also its files there (plots are
   * rendered only then).
   */
  static EvaluationResult result(
      EvaluationJob job, Map<String, Object> metrics, String summary, Supplier<Map<String, byte[]>> plots) {
    List<Path> files = new ArrayList<>();
    if (job.outputDir() != null) {
      write(job.outputDir(), metrics, summary, plots.get(), files);
    }
    return new EvaluationResult(metrics, summary, files);
  }

  static void write(
      Path dir, Map<String, Object> metrics, String summary, Map<String, byte[]> plots,
      List<Path> written) {
    Path results = dir.resolve(RESULTS);
    AtomicFiles.write(results, Json.write(metrics));
    written.add(results);
    Path summaryFile = dir.resolve(SUMMARY);
    AtomicFiles.write(summaryFile, summary);
    written.add(summaryFile);
    for (Map.Entry<String, byte[]> e : plots.entrySet()) {
      Path f = dir.resolve(e.getKey());
      AtomicFiles.write(f, e.getValue());
      written.add(f);
    }
  }
}
