package kiln.datasets.directory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import kiln.api.KilnException;

/**
 * Whether a dataset folder holds audio ({@code .wav}) or images ({@code .png}, {@code .jpg},
 * {@code .jpeg}, {@code .bmp}): the sample file extensions to list it with. A folder of images must
 * have at least one image in every class folder (an empty one is most likely a mistake, and would
 * silently drop a class); audio folders keep their old rule (empty folders are skipped).
 */
final class SampleKind {
  static final List<String> AUDIO = List.of(".wav");
  static final List<String> IMAGES = kiln.util.data.DatasetFolders.IMAGE_FILES;

  private SampleKind() {}

  /** The extensions of {@code root}'s samples; audio when it holds neither kind. */
  static List<String> of(Path root) {
    if (!Files.isDirectory(root)) {
      return AUDIO; // DatasetFolders names the missing folder
    }
    long audio = count(root, AUDIO);
    long images = count(root, IMAGES);
    if (audio > 0 && images > 0) {
      throw new KilnException("dataset directory: folder " + root + " holds both .wav files (" + audio
          + ") and image files (" + images + "); expected class folders of one kind");
    }
    if (images == 0) {
      return AUDIO;
    }
    for (Path dir : classFolders(root)) {
      if (count(dir, IMAGES) == 0) {
        throw new KilnException("dataset directory: class folder " + dir + " holds no image file (expected "
            + String.join(", ", IMAGES) + " files, as in the other class folders)");
      }
    }
    return IMAGES;
  }

  private static List<Path> classFolders(Path root) {
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new KilnException("dataset directory: cannot list " + root + ": " + e.getMessage(), e);
    }
  }

  private static long count(Path dir, List<String> extensions) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return extensions.stream().anyMatch(n::endsWith) && Files.isRegularFile(p);
      }).count();
    } catch (IOException e) {
      throw new KilnException("dataset directory: cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
