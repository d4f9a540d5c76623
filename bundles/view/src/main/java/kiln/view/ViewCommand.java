package kiln.view;

import kiln.tflite.ModelFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import kiln.api.KilnException;
import kiln.api.model.Interpreter;
import kiln.api.platform.Accelerator;
import kiln.util.AtomicFiles;

/**
 * {@code kiln:view NAME|FILE [--tflite] [-o FILE.html] [--open] [--accelerator NAME]}, as a plain
 * class: the accelerators registered now come in as a name-to-service map.
 */
final class ViewCommand {
  private ViewCommand() {}

  /**
   * @param output the page to write; blank: {@code NAME.html} in the working folder
   * @param acceleratorName colours the ops by that accelerator's verdict; blank for none
   * @param interpreter Kiln's interpreter, or null when none is installed: an op it cannot run is
   *     not coloured supported (the profiler's rule, {@link kiln.api.platform.LayerCost#runnableBy})
   */
  static String run(String target, String output, boolean open, String acceleratorName,
      Map<String, Accelerator> accelerators, Path workingDir, Interpreter interpreter) {
    return run(target, output, open ? Browser::open : null, acceleratorName, accelerators, workingDir,
        interpreter);
  }

  /** @param opener opens the written page and says how (or why not); null leaves it closed */
  static String run(String target, String output, Function<Path, String> opener, String acceleratorName,
      Map<String, Accelerator> accelerators, Path workingDir, Interpreter interpreter) {
    Accelerator accelerator = null;
    String accName = acceleratorName == null ? "" : acceleratorName.strip().toLowerCase(Locale.ROOT);
    if (!accName.isEmpty()) {
      accelerator = accelerators.get(accName);
      if (accelerator == null) {
        throw new KilnException("--accelerator " + acceleratorName + ": no such accelerator is"
            + " registered; " + (accelerators.isEmpty() ? "none is (install kiln.cortex-m or kiln.mvp)"
            : "registered are " + String.join(", ", accelerators.keySet())));
      }
    }
    ModelFiles.Model model = ModelFiles.find(target, workingDir);
    List<String> notRunnable = interpreter == null ? null : interpreter.check(model.tflite(), model.name());
    Map<String, Object> data = GraphData.of(model, accName, accelerator, notRunnable);
    String html = HtmlPage.render("Kiln view: " + model.name(), data);
    Path file = output == null || output.isBlank()
        ? workingDir.resolve(model.name() + ".html") : workingDir.resolve(output);
    try {
      AtomicFiles.writeOrThrow(file, out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new KilnException("-o " + file + ": cannot write the page: " + e.getMessage(), e);
    }
    Map<?, ?> summary = (Map<?, ?>) data.get("model");
    String text = String.format(Locale.ROOT, "%s: %s ops, %s parameters, %s MACs%s%nwrote %s",
        model.name(), summary.get("ops"), summary.get("params"), summary.get("macs"),
        accelerator == null ? "" : ", coloured by accelerator " + accName,
        file.toAbsolutePath());
    if (opener != null) {
      text += "\n" + opener.apply(file.toAbsolutePath());
    }
    return text;
  }
}
