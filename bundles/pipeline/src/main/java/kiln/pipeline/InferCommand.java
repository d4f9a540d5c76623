package kiln.pipeline;

import kiln.util.data.NumpyFiles;
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
 * {@code kiln:infer MODEL.tflite INPUT... [--output FILE] [--interpreter I]}: runs one inference
 * through an {@code Interpreter} service (Kiln's micro runtime by default) and prints every output
 * tensor's values (dequantized too), with class names from the model's {@code classes} parameter
 * for classifiers. The inputs are one file per model input, in order (raw bytes, {@code .npy}, or
 * for a one-input model a {@code .wav} turned into features by the audio frontend the model's
 * {@code fe.*} parameters describe), or one {@code .npz} holding them all. The outputs are written
 * with {@code --output}: all of them to a {@code .npz}, output 0 to a {@code .npy} or as raw bytes.
 */
public final class InferCommand {
  private InferCommand() {}

  public static String run(Interpreter interpreter, Path modelFile, Path inputFile, Path outputFile) {
    return run(interpreter, modelFile, List.of(inputFile), outputFile);
  }

  public static String run(Interpreter interpreter, Path modelFile, List<Path> inputFiles,
      Path outputFile) {
    if (!Files.isRegularFile(modelFile)) {
      throw new KilnException("model file " + modelFile + " does not exist");
    }
    if (inputFiles.isEmpty()) {
      throw new KilnException("no input file given: expected one per model input, or one .npz");
    }
    for (Path inputFile : inputFiles) {
      if (!Files.isRegularFile(inputFile)) {
        throw new KilnException("input file " + inputFile + " does not exist");
      }
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
      return run(model, tflite, name, inputFiles, outputFile);
    }
  }

  /** The model's inputs from the files: one .npz with them all, or one file per input. */
  static List<TensorData> inputs(LoadedModel model, TfliteModel tflite, String name,
      List<Path> files) {
    List<TensorSpec> specs = model.inputs();
    if (files.size() == 1 && lower(files.get(0)).endsWith(".npz")) {
      return InputReader.readNpz(files.get(0), specs);
    }
    if (files.size() != specs.size()) {
      throw new KilnException(name + " has " + specs.size() + " input" + (specs.size() == 1 ? ""
          : "s") + " (" + String.join(", ", specs.stream().map(s -> "'" + s.name() + "' "
          + s.type().name().toLowerCase(Locale.ROOT) + java.util.Arrays.toString(s.shape()))
          .toList()) + "), got " + files.size() + " input files: give one file per input, in"
          + " order, or one .npz holding them all");
    }
    List<TensorData> in = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path inputFile = files.get(i);
      TensorSpec spec = specs.get(i);
      String lower = lower(inputFile);
      if (lower.endsWith(".png")) {
        throw new KilnException("input file " + inputFile + ": png inputs are not supported yet;"
            + " convert the image to .npy or raw bytes of the input's type first");
      }
      if (lower.endsWith(".npz")) {
        throw new KilnException("input file " + inputFile + ": a .npz gives all inputs at once;"
            + " give it alone, or one .npy or raw file per input");
      }
      in.add(lower.endsWith(".wav")
          ? wavInput(tflite, name, inputFile, spec)
          : InputReader.read(inputFile, spec));
    }
    return in;
  }

  private static String lower(Path p) {
    return p.getFileName().toString().toLowerCase(Locale.ROOT);
  }

  private static String run(LoadedModel model, TfliteModel tflite, String name,
      List<Path> inputFiles, Path outputFile) {
    List<TensorData> out = model.run(inputs(model, tflite, name, inputFiles));
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
      sb.append(write(outputFile, model.outputs(), out)).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  /**
   * Writes the outputs: all of them to a .npz (arrays named like the output tensors, or
   * {@code output_I} where a name is empty or repeated), output 0 to a .npy or as raw bytes.
   */
  static String write(Path file, List<TensorSpec> specs, List<TensorData> out) {
    String lower = lower(file);
    if (lower.endsWith(".npz")) {
      java.util.Map<String, TensorData> arrays = new java.util.LinkedHashMap<>();
      for (int i = 0; i < out.size(); i++) {
        String key = specs.get(i).name();
        if (key == null || key.isEmpty() || arrays.containsKey(key)) {
          key = "output_" + i;
        }
        arrays.put(key, out.get(i));
      }
      AtomicFiles.write(file, NumpyFiles.npz(arrays));
      return "wrote " + out.size() + " output" + (out.size() == 1 ? "" : "s") + " ("
          + String.join(", ", arrays.keySet()) + ") to " + file;
    }
    if (lower.endsWith(".npy")) {
      AtomicFiles.write(file, NumpyFiles.npy(out.get(0)));
      return "wrote output 0 as .npy to " + file
          + (out.size() > 1 ? " (use a .npz to write all " + out.size() + " outputs)" : "");
    }
    AtomicFiles.write(file, out.get(0).bytes());
    return "wrote " + out.get(0).bytes().length + " raw bytes of output 0 to " + file
        + (out.size() > 1 ? " (use a .npz to write all " + out.size() + " outputs)" : "");
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
