package kiln.micro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kiln.api.KilnException;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.tflite.TfliteModel;

/**
 * {@code kiln:infer MODEL.tflite INPUT [--output FILE]}: runs one inference in the micro runtime
 * and prints the output values (dequantized too), with class names from the model's
 * {@code classes} parameter for classifiers.
 */
public final class InferCommand {
  private InferCommand() {}

  public static String run(Path modelFile, Path inputFile, Path outputFile) {
    if (!Files.isRegularFile(modelFile)) {
      throw new KilnException("model file " + modelFile + " does not exist");
    }
    if (!Files.isRegularFile(inputFile)) {
      throw new KilnException("input file " + inputFile + " does not exist");
    }
    TfliteModel tflite = TfliteModel.read(modelFile);
    String name = modelFile.getFileName().toString();
    MicroModel model = MicroModel.prepare(ModelLoader.toGraph(tflite, name));
    if (model.inputs().size() != 1) {
      throw new KilnException(name + ": kiln:infer runs models with one input, this one has "
          + model.inputs().size());
    }
    TensorSpec spec = model.inputs().get(0);
    String lower = inputFile.getFileName().toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".wav") || lower.endsWith(".png")) {
      throw new KilnException("input file " + inputFile + ": wav/png inputs need the model's "
          + "feature settings; convert with the audio/image tools to .npy or raw int8 first");
    }
    TensorData in = InputReader.read(inputFile, spec);
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
      write(outputFile, out.get(0).bytes());
      sb.append("wrote ").append(out.get(0).bytes().length).append(" raw bytes of output 0 to ")
          .append(outputFile).append('\n');
    }
    return sb.toString().stripTrailing();
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

  private static void write(Path target, byte[] bytes) {
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".infer", ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new KilnException("cannot write output file " + target + ": " + e.getMessage(), e);
    }
  }
}
