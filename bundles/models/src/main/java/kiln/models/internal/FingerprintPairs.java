package kiln.models.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import kiln.api.KilnException;
import kiln.spec.data.ImageFiles;
import kiln.spec.data.Sample;
import kiln.spec.data.SpecDataset;

/**
 * The pairs of MLTK's FingerprintSignatureGeneratorDataset from a folder of fingerprint images, one
 * subfolder per finger (MLTK: {@code <finger>/raw_*.jpg}; here any .jpg, .jpeg, .png or .bmp):
 * "match" pairs (label 0) are every ordered pair of two images of one finger (MLTK's
 * {@code itertools.permutations(samples, 2)}), "no-match" pairs (label 1) pair each image with
 * {@code nomatchMultiplier} random images of other fingers. Fingers with fewer than two images are
 * left out, as MLTK does. An image is read at the target size (gray), clipped to 0..255, shifted by
 * -128 to the int8 range and its border cropped to the input size (MLTK's
 * crop_and_convert_from_uint8_to_int8). A sample is the pair's two images concatenated.
 */
public final class FingerprintPairs {
  private final List<List<Path>> fingers;
  private final int[] target;
  private final int[] input;

  /**
   * @param root the dataset folder
   * @param target the size images are read at (height, width)
   * @param input the model's input (height, width, 1)
   */
  public FingerprintPairs(Path root, int[] target, int[] input) {
    if (input.length != 3 || input[2] != 1) {
      throw new KilnException("fingerprint images are gray: expected an input shape (height, width, 1), got "
          + java.util.Arrays.toString(input));
    }
    if (target[0] < input[0] || target[1] < input[1] || (target[0] - input[0]) % 2 != 0
        || (target[1] - input[1]) % 2 != 0) {
      throw new KilnException("fingerprint images are read at the target size " + target[0] + "x" + target[1]
          + " and their border cropped to the input " + input[0] + "x" + input[1]
          + ": expected a target at least as large, larger by an even number of pixels");
    }
    this.target = target;
    this.input = input;
    this.fingers = list(root);
    if (fingers.size() < 2) {
      throw new KilnException("fingerprint dataset " + root + ": expected subfolders of two fingers or more, each"
          + " with two images or more (.jpg, .jpeg, .png, .bmp); found " + fingers.size());
    }
  }

  /** How many fingers have two images or more. */
  public int fingerCount() {
    return fingers.size();
  }

  /**
   * Pairs of the fingers {@code from} (inclusive) to {@code to} (exclusive), in sorted folder order,
   * shuffled with {@code seed}; at most {@code max} of them ({@code max < 0}: all).
   */
  public SpecDataset pairs(int from, int to, int nomatchMultiplier, long seed, int max) {
    List<List<Path>> set = fingers.subList(from, to);
    if (set.size() < 2) {
      throw new KilnException("fingerprint pairs: no-match pairs need two fingers or more, got " + set.size()
          + " (fingers " + from + " to " + (to - 1) + " of " + fingers.size() + ")");
    }
    Random r = new Random(seed);
    List<Object[]> pairs = new ArrayList<>();
    for (List<Path> finger : set) {
      for (Path a : finger) {
        for (Path b : finger) {
          if (a != b) {
            pairs.add(new Object[] {a, b, 0});
          }
        }
      }
    }
    for (int f = 0; f < set.size(); f++) {
      for (Path a : set.get(f)) {
        for (int k = 0; k < nomatchMultiplier; k++) {
          int other = r.nextInt(set.size() - 1);
          other = other >= f ? other + 1 : other;
          List<Path> o = set.get(other);
          pairs.add(new Object[] {a, o.get(r.nextInt(o.size())), 1});
        }
      }
    }
    Collections.shuffle(pairs, r);
    List<Object[]> kept = max < 0 || max >= pairs.size() ? pairs : pairs.subList(0, max);
    // the pairs are fixed; their images are read as the pairs are read
    return SpecDataset.fromGenerator(() -> kept.stream().map(p -> {
      float[] a = image((Path) p[0]);
      float[] b = image((Path) p[1]);
      float[] x = new float[a.length + b.length];
      System.arraycopy(a, 0, x, 0, a.length);
      System.arraycopy(b, 0, x, a.length, b.length);
      return Sample.of(x, (Integer) p[2]);
    }).iterator());
  }

  /** One image: target size, gray, uint8 shifted to int8, border cropped to the input size. */
  float[] image(Path file) {
    float[] px = ImageFiles.read(file, target[0], target[1], 1);
    int top = (target[0] - input[0]) / 2;
    int left = (target[1] - input[1]) / 2;
    float[] out = new float[input[0] * input[1]];
    for (int i = 0; i < input[0]; i++) {
      for (int j = 0; j < input[1]; j++) {
        float v = Math.max(0, Math.min(255, px[(top + i) * target[1] + left + j]));
        // MLTK casts to int8 after the shift: whole values
        out[i * input[1] + j] = (float) Math.floor(v) - 128;
      }
    }
    return out;
  }

  private static List<List<Path>> list(Path root) {
    if (!Files.isDirectory(root)) {
      throw new KilnException("fingerprint dataset " + root + " is not a folder");
    }
    List<List<Path>> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path d : dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
          .sorted().toList()) {
        try (Stream<Path> files = Files.list(d)) {
          List<Path> images = files.filter(FingerprintPairs::isImage).sorted().toList();
          if (images.size() >= 2) {
            out.add(images);
          }
        }
      }
    } catch (IOException e) {
      throw new KilnException("fingerprint dataset " + root + ": cannot list it: " + e.getMessage(), e);
    }
    return out;
  }

  private static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(p) && (n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png")
        || n.endsWith(".bmp"));
  }
}
