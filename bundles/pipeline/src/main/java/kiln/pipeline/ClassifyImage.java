package kiln.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import kiln.api.KilnException;
import kiln.api.model.Interpreter;
import kiln.api.model.LoadedModel;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.evaluate.ModelOutputs;
import kiln.image.ColorMode;
import kiln.image.Image;
import kiln.image.ImageLoader;
import kiln.image.Interpolation;
import kiln.spec.ModelFinder;
import kiln.tflite.TfliteModel;

/**
 * {@code kiln:classify_image MODEL (--file IMG | --dir DIR) [--interpreter I]}: each image is read
 * at the model's input size (height x width, grayscale for one channel), normalized as the model's
 * {@code samplewise_norm.*} parameters say, quantized with the input's scale and zero point, run,
 * and printed as {@code FILE: CLASS SCORE} (the top class of the {@code classes} parameter).
 */
public final class ClassifyImage {
  static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp");

  private ClassifyImage() {}

  /** Classifies {@code file}, or every image file of {@code dir}; one of them is null. */
  public static String run(Interpreter interpreter, ModelFinder finder, Catalog catalog, String target, Path cwd,
      Path file, Path dir) {
    if ((file == null) == (dir == null)) {
      throw new KilnException("classify_image " + target + ": give either --file IMAGE or --dir FOLDER");
    }
    List<Path> images = file != null ? List.of(file) : images(dir);
    ClassifyAudioModel m = ClassifyAudioModel.load(target, finder, catalog, cwd);
    TfliteModel tflite = TfliteModel.read(m.tflite(), m.name());
    List<String> classes = InferCommand.classes(tflite);
    if (classes == null) {
      throw new KilnException(m.origin() + ": the model has no 'classes' parameter, so its outputs cannot be named");
    }
    ImageInput input = ImageInput.of(tflite.parameters(), m.origin());
    StringBuilder sb = new StringBuilder();
    try (LoadedModel model = interpreter.load(m.tflite(), m.name())) {
      int[] shape = model.inputs().size() == 1 ? model.inputs().get(0).shape() : new int[0];
      if (shape.length != 4 || shape[3] < 1 || shape[3] > 4 || shape[3] == 2) {
        throw new KilnException(m.origin() + ": expected one image input of shape 1 x height x width x"
            + " channels (1, 3 or 4), found " + model.inputs().size() + " input(s) "
            + java.util.Arrays.toString(shape));
      }
      TensorSpec in = model.inputs().get(0);
      ColorMode mode = shape[3] == 1 ? ColorMode.GRAYSCALE : shape[3] == 3 ? ColorMode.RGB : ColorMode.RGBA;
      for (Path p : images) {
        Image img = ImageLoader.load(p, new int[] {shape[1], shape[2]}, mode, Interpolation.BILINEAR);
        float[] x = input.normalize(img.pixels());
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

  /** The image files of {@code dir}, sorted by name. */
  static List<Path> images(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new KilnException("image folder " + dir + " does not exist");
    }
    List<Path> r = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> Files.isRegularFile(p) && isImage(p)).sorted().forEach(r::add);
    } catch (IOException e) {
      throw new KilnException("cannot list image folder " + dir + ": " + e.getMessage(), e);
    }
    if (r.isEmpty()) {
      throw new KilnException("image folder " + dir + " holds no image file (expected " + EXTENSIONS + ")");
    }
    return r;
  }

  static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(n::endsWith);
  }
}
