package kiln.api.model;

import java.util.Map;

/** Metrics by name and a printable summary. */
public record EvaluationResult(Map<String, Object> metrics, String summary) {}
