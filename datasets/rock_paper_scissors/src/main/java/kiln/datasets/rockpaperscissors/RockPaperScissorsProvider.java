package kiln.datasets.rockpaperscissors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import kiln.api.data.DatasetProvider;
import kiln.util.KilnHome;
import kiln.util.data.Checksum;
import kiln.util.data.DatasetFolders;
import kiln.util.data.Download;
import org.osgi.service.component.annotations.Component;

/**
 * {@code rock_paper_scissors}: MLTK's hand-gesture images, 96x96 grayscale. {@code v2} (the default)
 * has the classes rock, paper, scissor and _unknown_; {@code v1} (MLTK's image_example1) the first
 * three. Downloaded once from MLTK's asset repository as a 7-Zip archive, checked against the SHA-1
 * MLTK publishes, and extracted atomically under {@code <kiln home>/datasets/rock_paper_scissors/}.
 * The location may be {@code v1}, {@code v2}, or a path to an already downloaded archive (checked
 * the same way) for machines without network.
 */
@Component(property = {"kiln.name=rock_paper_scissors",
    "kiln.description=MLTK's Rock/Paper/Scissors gestures, 96x96 gray (rock_paper_scissors:v1|v2|/path/archive.7z)"})
public final class RockPaperScissorsProvider implements DatasetProvider {
  public static final String NAME = "rock_paper_scissors";
  static final String PROPERTY = "kiln.dataset." + NAME + ".";

  /** One published version of the dataset: facts from MLTK's mltk/datasets/image/rock_paper_scissors_v*.py. */
  record Version(String id, String url, Checksum checksum, List<String> classes) {
    String file() {
      return url.substring(url.lastIndexOf('/') + 1);
    }
  }

  static final Version V1 = new Version("v1",
      "https://github.com/SiliconLabs/mltk_assets/raw/master/datasets/rock_paper_scissors.7z",
      Checksum.sha1("1CE48F66F7FF999958550147D75ABA8DA185280C"), List.of("rock", "paper", "scissor"));
  static final Version V2 = new Version("v2",
      "https://github.com/SiliconLabs/mltk_assets/raw/master/datasets/rock_paper_scissors_v2.7z",
      Checksum.sha1("77ED1793BE7871DCAA79D935B39BA4D23A28E2C3"), List.of("rock", "paper", "scissor", "_unknown_"));

  @Override
  public String description() {
    return "MLTK's Rock/Paper/Scissors gestures, 96x96 gray (rock_paper_scissors:v1|v2|/path/archive.7z)";
  }

  @Override
  public Dataset load(Progress progress) {
    return load("v2", progress);
  }

  @Override
  public Dataset load(String location, Progress progress) {
    String where = location == null || location.isBlank() ? "v2" : location.trim();
    switch (where.toLowerCase(Locale.ROOT)) {
      case "v1":
        return load(V1, System.getProperty(PROPERTY + "v1.url", V1.url()), KilnHome.datasets(), progress);
      case "v2":
        return load(V2, System.getProperty(PROPERTY + "v2.url", V2.url()), KilnHome.datasets(), progress);
      default:
        Path archive = Path.of(where.startsWith("~/") ? System.getProperty("user.home") + where.substring(1) : where);
        return loadArchive(archive, KilnHome.datasets(), progress);
    }
  }

  /** Downloads (when needed) {@code v}'s archive from {@code url} and lists it. */
  static Dataset load(Version v, String url, Path datasetsDir, Progress progress) {
    Path target = datasetsDir.resolve(NAME).resolve(v.id());
    if (!v.checksum().hex().equals(DatasetFolders.installedHash(target))) {
      Path archive = datasetsDir.resolve(".downloads").resolve(v.file());
      Download.fetch(url, -1, v.checksum(), archive, "downloading " + NAME + " " + v.id(), progress);
      install(v, archive, target, progress);
      try {
        Files.deleteIfExists(archive); // the extracted folder is what is kept
      } catch (IOException e) {
        progress.message("could not delete " + archive + ": " + e.getMessage());
      }
    }
    return list(v, target);
  }

  /** A local copy of either archive, recognised by its checksum. */
  static Dataset loadArchive(Path archive, Path datasetsDir, Progress progress) {
    if (!Files.isRegularFile(archive)) {
      throw new KilnException("dataset " + NAME + ": " + archive + " is not a file (expected v1, v2, or the path of "
          + V1.file() + " or " + V2.file() + " downloaded from " + V2.url() + ")");
    }
    String sha1;
    try {
      sha1 = V1.checksum().of(archive);
    } catch (IOException e) {
      throw new KilnException("dataset " + NAME + ": cannot read " + archive + ": " + e.getMessage(), e);
    }
    Version v = V1.checksum().matches(sha1) ? V1 : V2.checksum().matches(sha1) ? V2 : null;
    if (v == null) {
      throw new KilnException("dataset " + NAME + ": " + archive + " has SHA-1 " + sha1 + ", which is neither "
          + V1.file() + " (" + V1.checksum().hex() + ") nor " + V2.file() + " (" + V2.checksum().hex() + ")");
    }
    Path target = datasetsDir.resolve(NAME).resolve(v.id());
    if (!v.checksum().hex().equals(DatasetFolders.installedHash(target))) {
      install(v, archive, target, progress);
    }
    return list(v, target);
  }

  private static void install(Version v, Path archive, Path target, Progress progress) {
    DatasetFolders.installAtomically(NAME, target, v.checksum().hex(), dir -> {
      int files = SevenZip.extract(archive, dir, "extracting " + NAME + " " + v.id(), progress);
      progress.message("extracted " + files + " images of " + NAME + " " + v.id());
      for (String c : v.classes()) {
        if (!Files.isDirectory(dir.resolve(c))) {
          throw new KilnException("archive " + archive + " does not have the " + NAME + " " + v.id()
              + " layout: class folder '" + c + "' is missing (expected " + v.classes() + ")");
        }
      }
    });
  }

  private static Dataset list(Version v, Path target) {
    return DatasetFolders.list(NAME, target, v.file() + " sha1:" + v.checksum().hex(),
        target.resolve(DatasetFolders.HASH_CACHE), DatasetFolders.IMAGE_FILES);
  }
}
