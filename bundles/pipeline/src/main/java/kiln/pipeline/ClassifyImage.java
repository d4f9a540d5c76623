package kiln.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import kiln.api.KilnException;
import kiln.api.model.Interpreter;
import kiln.api.model.LoadedModel;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.evaluate.ModelOutputs;
import kiln.image.ImageInput;
import kiln.spec.ModelFinder;
import kiln.tflite.TfliteModel;

/**
 * {@code kiln:classify_image MODEL (--file IMG | --dir DIR) [--interpreter I]}: each image is read
 * as the model's input ({@link ImageInput}: its size, grayscale for one channel, normalized as the
 * model's {@code samplewise_norm.*} parameters say), quantized with the input's scale and zero point, run,
 * and printed as {@code FILE: CLASS SCORE} (the top class of the {@code classes} parameter).
 */
public final class ClassifyImage {
  private ClassifyImage() {}

  /** Classifies {@code file}, or every image file of {@code dir}; one of them is null. */
  public static String run(Interpreter interpreter, ModelFinder finder, Catalog catalog, String target, Path cwd,
      Path file, Path dir) {
    if ((file == null) == (dir == null)) {
      throw new KilnException("classify_image " + target + ": give either --file IMAGE or --dir FOLDER");
    }
    List<Path> images = file != null ? List.of(file) : ImageInput.files(dir);
    ClassifyAudioModel m = ClassifyAudioModel.load(target, finder, catalog, cwd);
    TfliteModel tflite = TfliteModel.read(m.tflite(), m.name());
    List<String> classes = InferCommand.classes(tflite);
    if (classes == null) {
      throw new KilnException(m.origin() + ": the model has no 'classes' parameter, so its outputs cannot be named");
    }
    ImageInput input = ImageInput.of(tflite.parameters()::get, m.origin());
    StringBuilder sb = new StringBuilder();
    try (LoadedModel model = interpreter.load(m.tflite(), m.name())) {
      int[] shape = model.inputs().size() == 1 ? model.inputs().get(0).shape() : new int[0];
      ImageInput.checkShape(model.inputs().size(), shape, m.origin());
      TensorSpec in = model.inputs().get(0);
      for (Path p : images) {
        float[] x = input.read(p, shape);
        List<TensorData> out = model.run(List.of(ModelOutputs.quantize(x, in)));
        float[] scores = ModelOutputs.dequantize(out.get(0), model.outputs().get(0));
        if (scores.length != classes.size()) {
          throw new KilnException(m.origin() + ": output 0 has " + scores.length + " values but the model names "
              + classes.size() + " classes");
        }
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
          best = scores[i] > scores[best] ? i : best;
        }
        sb.append(String.format(Locale.ROOT, "%s: %s %.3f%n", p.getFileName(), classes.get(best), scores[best]));
      }
    }
    return sb.toString().stripTrailing();
  }
}
