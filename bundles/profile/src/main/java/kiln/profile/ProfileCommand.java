package kiln.profile;

import kiln.tflite.ModelFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import kiln.util.AtomicFiles;
import kiln.api.KilnException;
import kiln.api.model.Interpreter;
import kiln.api.platform.Accelerator;
import java.util.List;

/**
 * {@code kiln:profile NAME|FILE [--accelerator NAME] [--build] [-o DIR] [--format json]}, as a
 * plain class: the accelerators registered now come in as a name-to-service map.
 */
final class ProfileCommand {
  private ProfileCommand() {}

  /**
   * @param builder builds a spec for {@code --build}; null when the spec support is not installed
   * @param interpreter validates the model first (what it refuses is not profiled) and names the ops
   *     it cannot run, which are then not supported; null when no interpreter is installed (then no
   *     layer is called supported)
   */
  static String run(String target, String acceleratorName, boolean build, String outDir,
      String format, Map<String, Accelerator> accelerators, SpecBuilder builder, Interpreter interpreter) {
    return run(target, acceleratorName, build, Map.of(), outDir, format, accelerators, builder, interpreter);
  }

  /** @param hyperparameters with {@code build}: the point of the spec's search space to build */
  static String run(String target, String acceleratorName, boolean build, Map<String, String> hyperparameters,
      String outDir, String format, Map<String, Accelerator> accelerators, SpecBuilder builder,
      Interpreter interpreter) {
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
    ModelFiles.Model model = model(target, build, builder, hyperparameters);
    List<String> notRunnable = interpreter == null ? null
        : interpreter.check(model.tflite(), model.name());
    ProfileReport report = Profiler.profile(model.name(), model.tflite(), name, accelerator,
        notRunnable);
    String text = ReportText.format(report);
    if (notRunnable == null) {
      text += (text.endsWith("\n") ? "" : "\n") + "Note: no Kiln interpreter is installed, so no "
          + "layer is called supported; kiln:infer and kiln:evaluate --tflite cannot run it\n";
    } else if (!notRunnable.isEmpty()) {
      text += (text.endsWith("\n") ? "" : "\n") + "Note: Kiln's interpreter (kiln-micro) cannot run "
          + String.join(", ", notRunnable) + " yet; kiln:infer and kiln:evaluate --tflite refuse this model\n";
    }
    String json = ReportJson.format(report);
    String shown = fmt.equals("json") ? json : text;
    if (outDir != null && !outDir.isBlank()) {
      Path dir = Path.of(outDir);
      String stem = model.name() + "-" + name + "-profile";
      Path txt = write(dir, stem + ".txt", text);
      Path js = write(dir, stem + ".json", json);
      shown += (shown.endsWith("\n") ? "" : "\n") + "Wrote " + txt + " and " + js + "\n";
    }
    return shown;
  }

  /** The model to profile: a file or archive, or with {@code build} a specification built now. */
  static ModelFiles.Model model(String target, boolean build, SpecBuilder builder) {
    return model(target, build, builder, Map.of());
  }

  static ModelFiles.Model model(String target, boolean build, SpecBuilder builder,
      Map<String, String> hyperparameters) {
    if (!build && !hyperparameters.isEmpty()) {
      throw new KilnException("--hp: hyper-parameters choose a point of a spec's search space, so they need"
          + " --build (a .tflite or archive is already built)");
    }
    ModelFiles.Model model;
    if (build) {
      if (builder == null) {
        throw new KilnException("--build " + target + ": no kiln.spec.ModelFinder service is"
            + " available (install the kiln.spec, kiln.nn and kiln.quantize bundles); a .tflite"
            + " file or model archive can be profiled without --build");
      }
      SpecBuilder.Built built = builder.build(target, hyperparameters);
      model = new ModelFiles.Model(built.name(), built.tflite(), built.origin());
    } else {
      // a file, or a trained model's archive (NAME.kiln.zip / NAME.mltk.zip) in the working folder
      try {
        model = ModelFiles.find(target, java.nio.file.Path.of(""));
      } catch (KilnException e) {
        throw new KilnException(e.getMessage() + " (specification names need --build)", e);
      }
    }
    return model;
  }

  /** Writes atomically: a temporary file in the folder, then moved into place. */
  static Path write(Path dir, String fileName, String content) {
    Path target = dir.resolve(fileName);
    try {
      AtomicFiles.writeOrThrow(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new KilnException("-o " + dir + ": cannot write " + fileName + ": " + e.getMessage(), e);
    }
    return target;
  }
}
