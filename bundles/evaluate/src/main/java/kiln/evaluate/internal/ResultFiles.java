package kiln.evaluate.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kiln.api.AtomicFiles;
import kiln.evaluate.json.Json;

/** Writes an evaluation's files as MLTK names them, each atomically. */
final class ResultFiles {
  static final String RESULTS = "eval-results.json";
  static final String SUMMARY = "summary.txt";

  private ResultFiles() {}

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
