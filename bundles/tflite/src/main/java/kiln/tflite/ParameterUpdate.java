package kiln.tflite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.util.json.Json;

/**
 * What {@code kiln:update_params} does: adds or changes model parameters of a .tflite file
 * ({@code key=value} texts with type inference, and/or a JSON object file), optionally the
 * description, refreshes {@code hash} and {@code date} as MLTK does, and writes the result
 * atomically (in place, or to another file).
 */
public final class ParameterUpdate {
  private ParameterUpdate() {}

  /**
   * @param file the .tflite to update
   * @param assignments {@code key=value} texts, applied after the JSON file's entries
   * @param jsonFile a JSON object of parameters, or null
   * @param description a new model description, or null
   * @param output where to write, or null to update {@code file} in place
   * @param now the date to stamp
   * @return a one-paragraph report of what changed
   */
  public static String update(Path file, List<String> assignments, Path jsonFile,
      String description, Path output, Instant now) {
    if (!file.getFileName().toString().endsWith(".tflite")) {
      throw new KilnException(file + ": expected a .tflite file to update, found "
          + file.getFileName());
    }
    Map<String, Object> changes = new LinkedHashMap<>();
    if (jsonFile != null) {
      String json;
      try {
        json = Files.readString(jsonFile);
      } catch (java.io.IOException e) {
        throw new KilnException("cannot read parameters file " + jsonFile + ": " + e.getMessage(),
            e);
      }
      Json.parseObject(json, jsonFile.toString())
          .forEach((k, v) -> changes.put(k, parameter(jsonFile + ": " + k, v)));
    }
    for (String a : assignments) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new KilnException("parameter '" + a + "': expected key=value");
      }
      String key = a.substring(0, eq).strip();
      changes.put(key, ParamText.parse(key, a.substring(eq + 1)));
    }
    if (changes.isEmpty() && description == null) {
      throw new KilnException("update_params " + file + ": expected at least one key=value, "
          + "--params FILE or --description TEXT, found none");
    }
    TfliteModel model = TfliteModel.read(file);
    ModelParameters params = model.parameters();
    StringBuilder report = new StringBuilder();
    for (Map.Entry<String, Object> c : changes.entrySet()) {
      ModelParameters.Value before = params.value(c.getKey());
      params.put(c.getKey(), c.getValue());
      ModelParameters.Value after = params.value(c.getKey());
      report.append(c.getKey()).append(": ")
          .append(before == null ? "(new)" : before + " (" + before.type().mltkName() + ")")
          .append(" -> ").append(after).append(" (").append(after.type().mltkName()).append(")\n");
    }
    if (description != null) {
      model.setDescription(description);
      if (params.contains("description")) {
        params.put("description", ParamType.STRING, description);
      }
      report.append("description: ").append(description).append('\n');
    }
    model.setParameters(params);
    ModelHash.stamp(model, now);
    Path target = output == null ? file : output;
    model.write(target);
    report.append("hash: ").append(model.parameters().getString("hash")).append('\n');
    report.append("wrote ").append(target);
    return report.toString();
  }

  /**
   * A JSON value as a parameter value: a boolean, number or string as parsed; an array as int[]
   * (all whole numbers in int range), float[] (all numbers) or a list of strings.
   */
  private static Object parameter(String what, Object v) {
    if (v instanceof Boolean || v instanceof Number || v instanceof String) {
      return v;
    }
    if (v instanceof List<?> items) {
      if (items.isEmpty()) {
        return List.of();
      }
      if (items.stream().allMatch(i -> i instanceof Long l && l == l.intValue())) {
        return items.stream().mapToInt(i -> ((Long) i).intValue()).toArray();
      }
      if (items.stream().allMatch(i -> i instanceof Number)) {
        float[] out = new float[items.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = ((Number) items.get(i)).floatValue();
        }
        return out;
      }
      if (items.stream().allMatch(i -> i instanceof String)) {
        return items.stream().map(String.class::cast).toList();
      }
      throw new KilnException(what + ": expected an array of numbers or of strings, found " + v);
    }
    throw new KilnException(what + ": expected a string, number, true, false or an array, found "
        + Json.typeName(v));
  }
}
