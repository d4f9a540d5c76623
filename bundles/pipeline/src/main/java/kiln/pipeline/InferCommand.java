package kiln.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kiln.api.KilnException;
import kiln.api.data.FrontendSettings;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.api.model.Interpreter;
import kiln.api.model.LoadedModel;
import kiln.util.AtomicFiles;
import kiln.tflite.TfliteModel;

/**
 * {@code kiln:infer MODEL.tflite INPUT [--output FILE] [--interpreter I]}: runs one inference
 * through an {@code Interpreter} service (Kiln's micro runtime by default)
 * and prints the output values (dequantized too), with class names from the model's
 * {@code classes} parameter for classifiers. A {@code .wav} input is turned into features by the
 * audio frontend the model's {@code fe.*} parameters describe.
 */
public final class InferCommand {
  private InferCommand() {}

  public static String run(Interpreter interpreter, Path modelFile, Path inputFile, Path outputFile) {
    if (!Files.isRegularFile(modelFile)) {
      throw new KilnException("model file " + modelFile + " does not exist");
    }
    if (!Files.isRegularFile(inputFile)) {
      throw new KilnException("input file " + inputFile + " does not exist");
    }
    String name = modelFile.getFileName().toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(modelFile);
    } catch (IOException e) {
      throw new KilnException("cannot read model file " + modelFile + ": " + e.getMessage(), e);
    }
    TfliteModel tflite = TfliteModel.read(bytes, name);
    try (LoadedModel model = interpreter.load(bytes, name)) {
      return run(model, tflite, name, inputFile, outputFile);
    }
  }

  private static String run(LoadedModel model, TfliteModel tflite, String name, Path inputFile, Path outputFile) {
    if (model.inputs().size() != 1) {
      throw new KilnException(name + ": kiln:infer runs models with one input, this one has "
          + model.inputs().size());
    }
    TensorSpec spec = model.inputs().get(0);
    String lower = inputFile.getFileName().toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".png")) {
      throw new KilnException("input file " + inputFile + ": png inputs are not supported yet;"
          + " convert the image to .npy or raw bytes of the input's type first");
    }
    TensorData in = lower.endsWith(".wav")
        ? wavInput(tflite, name, inputFile, spec)
        : InputReader.read(inputFile, spec);
    List<TensorData> out = model.run(List.of(in));
    List<String> classes = classes(tflite);
    StringBuilder sb = new StringBuilder();
    for (int o = 0; o < out.size(); o++) {
      TensorSpec os = model.outputs().get(o);
      TensorData d = out.get(o);
      sb.append("output ").append(o).append(" '").append(os.name()).append("' ")
          .append(d.type().name().toLowerCase(Locale.ROOT))
          .append(java.util.Arrays.toString(os.shape())).append('\n');
      float[] raw = d.toFloats();
      boolean quantized = d.type() == ElementType.INT8 && os.scale() > 0;
      boolean classifier = classes != null && classes.size() == raw.length;
      for (int i = 0; i < raw.length && i < 1000; i++) {
        sb.append(String.format(Locale.ROOT, "  [%d]", i));
        if (classifier) {
          sb.append(' ').append(classes.get(i));
        }
        if (quantized) {
          sb.append(String.format(Locale.ROOT, " %d (%.6f)", (int) raw[i],
              (raw[i] - os.zeroPoint()) * os.scale()));
        } else {
          sb.append(String.format(Locale.ROOT, " %.6g", raw[i]));
        }
        sb.append('\n');
      }
      if (classifier) {
        int best = 0;
        for (int i = 1; i < raw.length; i++) {
          if (raw[i] > raw[best]) {
            best = i;
          }
        }
        sb.append("  prediction: ").append(classes.get(best)).append('\n');
      }
    }
    if (outputFile != null) {
      AtomicFiles.write(outputFile, out.get(0).bytes());
      sb.append("wrote ").append(out.get(0).bytes().length).append(" raw bytes of output 0 to ")
          .append(outputFile).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  /**
   * A .wav made into the input the model was trained on, by the audio frontend the model's
   * {@code fe.*} parameters describe (MLTK's SL_PARAMSv1).
   */
  static TensorData wavInput(TfliteModel tflite, String name, Path wav, TensorSpec spec) {
    FrontendSettings settings = ModelFrontend.of(tflite, name).orElseThrow(() -> new KilnException("input file "
        + wav + ": a .wav input needs the audio frontend settings in the model's parameters (fe.* entries"
        + " of SL_PARAMSv1), " + name + " has none; give the features as .npy or raw bytes instead"));
    ModelFrontend.checkInputType(spec, name);
    try {
      return WavFeatures.input(settings, wav, spec, name);
    } catch (NoClassDefFoundError e) {
      throw new KilnException("input file " + wav + ": reading a .wav input needs the kiln.audio"
          + " bundle (wav reader and audio frontend), which is not installed");
    }
  }

  @SuppressWarnings("unchecked")
  static List<String> classes(TfliteModel m) {
    try {
      Object c = m.parameters().get("classes");
      if (c instanceof List<?> l) {
        List<String> r = new ArrayList<>();
        for (Object x : l) {
          r.add(String.valueOf(x));
        }
        return r;
      }
    } catch (RuntimeException e) {
      return null;
    }
    return null;
  }
}
