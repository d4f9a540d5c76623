package kiln.profile;

import kiln.tflite.ModelFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.platform.Accelerator;
import kiln.api.platform.BoardConnector;
import kiln.api.platform.DeviceProfile;

/**
 * {@code kiln:profile MODEL --device [--port P] [--connector NAME] [--log FILE] [--no-program]}:
 * the board's measured figures (through the chosen BoardConnector service, from a board or a saved
 * log) beside Kiln's estimate for the same accelerator, and the estimate's error.
 */
final class DeviceProfiling {
  private DeviceProfiling() {}

  static String run(String target, String acceleratorName, boolean build, String outDir,
      String format, Map<String, Accelerator> accelerators, SpecBuilder builder,
      Map<String, BoardConnector> connectors, DeviceOptions options) {
    String fmt = format == null || format.isBlank() ? "text" : format.toLowerCase(Locale.ROOT);
    if (!fmt.equals("text") && !fmt.equals("json")) {
      throw new KilnException("--format: expected text or json, found " + format);
    }
    String name = acceleratorName == null || acceleratorName.isBlank()
        ? "none" : acceleratorName.toLowerCase(Locale.ROOT);
    Accelerator accelerator = accelerators.get(name);
    if (accelerator == null) {
      throw new KilnException("--accelerator " + acceleratorName + ": no such accelerator is"
          + " registered; registered are " + String.join(", ", accelerators.keySet()));
    }
    BoardConnector connector = connectors.get(options.connector());
    if (connector == null) {
      throw new KilnException("--connector " + options.connector() + ": no such board connector"
          + " is registered; registered are " + (connectors.isEmpty() ? "none (install kiln.serial)"
              : String.join(", ", connectors.keySet())));
    }
    ModelFiles.Model model = ProfileCommand.model(target, build, builder);
    // the board runs the model itself: the estimate beside its figures takes the accelerator's
    // verdict alone, not whether Kiln's own interpreter could run each op
    ProfileReport estimate = Profiler.profile(model.name(), model.tflite(), name, accelerator, List.of());
    DeviceProfile measured;
    String where;
    if (options.log() != null) {
      Path log = Path.of(options.log());
      String text;
      try {
        text = Files.readString(log, StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        throw new KilnException("--log " + log + ": cannot read it: " + e.getMessage(), e);
      }
      measured = connector.parseLog(text, log.toString());
      where = "log " + log;
    } else {
      measured = connector.profile(options.request(), model.tflite());
      where = "port " + (options.port() == null ? "(default)" : options.port());
    }
    DeviceComparison c = DeviceComparison.of(estimate, measured, where);
    String text = DeviceReportText.format(c);
    String json = DeviceReportJson.format(c);
    String shown = fmt.equals("json") ? json : text;
    if (outDir != null && !outDir.isBlank()) {
      Path dir = Path.of(outDir);
      String stem = model.name() + "-" + name + "-device-profile";
      Path txt = ProfileCommand.write(dir, stem + ".txt", text);
      Path js = ProfileCommand.write(dir, stem + ".json", json);
      shown += (shown.endsWith("\n") ? "" : "\n") + "Wrote " + txt + " and " + js + "\n";
    }
    return shown;
  }
}
