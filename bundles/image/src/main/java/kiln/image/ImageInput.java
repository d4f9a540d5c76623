package kiln.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import kiln.api.KilnException;

/**
 * An image file as a classifier's input, as {@code kiln:classify_image} and the board emulator's
 * camera read it: at the input's height x width (bilinear; grayscale for 1 channel, RGB for 3,
 * RGBA for 4), normalized as the model's parameters say. Kiln writes
 * {@code samplewise_norm.rescale} and {@code samplewise_norm.mean_and_std}; MLTK's models carry
 * {@code samplewise_norm.mean} and {@code samplewise_norm.std} instead. A rescale of 0 means none.
 */
public record ImageInput(double rescale, boolean center, boolean std) {
  /** The image files a folder of images is read as. */
  public static final List<String> EXTENSIONS = ImageSampleIndex.EXTENSIONS;

  /**
   * @param p the model's parameter of a name (SL_PARAMSv1), null when it has none
   * @param origin names the model in messages
   */
  public static ImageInput of(Function<String, Object> p, String origin) {
    boolean both = flag(p, "samplewise_norm.mean_and_std", origin);
    return new ImageInput(number(p, "samplewise_norm.rescale", origin),
        both || flag(p, "samplewise_norm.mean", origin), both || flag(p, "samplewise_norm.std", origin));
  }

  public float[] normalize(float[] x) {
    return Samplewise.normalize(x, rescale, center, std);
  }

  /**
   * The image file as the input of shape 1 x height x width x channels (float values, before
   * the input's quantization).
   */
  public float[] read(Path file, int[] shape) {
    ColorMode mode = shape[3] == 1 ? ColorMode.GRAYSCALE : shape[3] == 3 ? ColorMode.RGB : ColorMode.RGBA;
    Image img = ImageLoader.load(file, new int[] {shape[1], shape[2]}, mode, Interpolation.BILINEAR);
    return normalize(img.pixels());
  }

  /** Image inputs are 1 x height x width x channels, with 1, 3 or 4 channels. */
  public static void checkShape(int inputs, int[] shape, String origin) {
    if (inputs != 1 || shape.length != 4 || shape[3] < 1 || shape[3] > 4 || shape[3] == 2) {
      throw new KilnException(origin + ": expected one image input of shape 1 x height x width x"
          + " channels (1, 3 or 4), found " + inputs + " input(s) " + Arrays.toString(shape));
    }
  }

  /** The image files of {@code dir}, sorted by name. */
  public static List<Path> files(Path dir) {
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

  public static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(n::endsWith);
  }

  private static double number(Function<String, Object> p, String key, String origin) {
    Object v = p.apply(key);
    if (v == null) {
      return 0;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new KilnException(origin + ": parameter " + key + ": expected a number, found '" + v + "'");
    }
  }

  private static boolean flag(Function<String, Object> p, String key, String origin) {
    Object v = p.apply(key);
    if (v == null) {
      return false;
    }
    String s = v.toString().trim();
    if (s.equalsIgnoreCase("true") || s.equals("1")) {
      return true;
    }
    if (s.equalsIgnoreCase("false") || s.equals("0")) {
      return false;
    }
    throw new KilnException(origin + ": parameter " + key + ": expected true or false, found '" + v + "'");
  }
}
