package kiln.datasets.speechcommands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import kiln.api.KilnException;
import kiln.util.KilnHome;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import kiln.api.data.DatasetProvider;
import kiln.util.archive.TarGz;
import kiln.util.data.DatasetFolders;
import kiln.util.data.Download;
import org.osgi.service.component.annotations.Component;

/**
 * {@code speech_commands_v2}: Google Speech Commands v0.02 (CC BY 4.0), 105,829 one-second 16 kHz
 * clips of 35 words in one folder per word, {@code _background_noise_}, {@code
 * validation_list.txt} and {@code testing_list.txt}. Downloaded once from {@link #URL} (2,428,923,189
 * bytes, SHA-256 as published in TensorFlow Datasets' checksums) with resume, verified, extracted
 * atomically into {@code <kiln home>/datasets/speech_commands_v2}. The system properties {@code
 * kiln.dataset.speech_commands_v2.url}, {@code .size} and {@code .sha256} point it elsewhere (a
 * mirror, a test server). The two lists give the dataset its split ({@link SplitLists}).
 */
@Component(property = {"kiln.name=speech_commands_v2",
    "kiln.description=Google Speech Commands v0.02 (2.4 GB download, CC BY 4.0)"})
public final class SpeechCommandsV2Provider implements DatasetProvider {
  public static final String NAME = "speech_commands_v2";
  public static final String URL = "http://download.tensorflow.org/data/speech_commands_v0.02.tar.gz";
  public static final long SIZE = 2_428_923_189L;
  public static final String SHA256 = "af14739ee7dc311471de98f5f9d2c9191b18aedfe957f4a6ff791c709868ff58";
  static final String PROPERTY = "kiln.dataset." + NAME + ".";
  static final List<String> REQUIRED = List.of("_background_noise_", SplitLists.VALIDATION, SplitLists.TESTING);

  @Override
  public String description() {
    return "Google Speech Commands v0.02 (2.4 GB download, CC BY 4.0)";
  }

  @Override
  public Dataset load(Progress progress) {
    String url = System.getProperty(PROPERTY + "url", URL);
    long size = Long.parseLong(System.getProperty(PROPERTY + "size", Long.toString(SIZE)));
    String sha = System.getProperty(PROPERTY + "sha256", SHA256);
    return load(url, size, sha, KilnHome.datasets(), progress);
  }

  /** Loads the archive at {@code url} (downloading and extracting when needed) under {@code datasetsDir}. */
  public static Dataset load(String url, long size, String sha256, Path datasetsDir, Progress progress) {
    Path target = datasetsDir.resolve(NAME);
    String name = url.substring(url.lastIndexOf('/') + 1);
    String file = name.isEmpty() ? NAME + ".tar.gz" : name;
    if (!sha256.equalsIgnoreCase(String.valueOf(DatasetFolders.installedHash(target)))) {
      Path archive = datasetsDir.resolve(".downloads").resolve(file);
      Download.fetch(url, size, sha256, archive, "downloading " + NAME, progress);
      DatasetFolders.installAtomically(NAME, target, sha256.toLowerCase(Locale.ROOT), dir -> {
        int files = TarGz.extract(archive, dir, "extracting " + NAME, progress);
        progress.message("extracted " + files + " files of " + NAME);
        checkLayout(dir, archive);
      });
      try {
        Files.deleteIfExists(archive); // 2.4 GB: the extracted folder is what is kept
      } catch (IOException e) {
        progress.message("could not delete " + archive + ": " + e.getMessage());
      }
    }
    // the version names the archive; the content hash is over the extracted files; the lists split it
    return DatasetFolders.list(NAME, target, file + " sha256:" + sha256.toLowerCase(Locale.ROOT),
        target.resolve(DatasetFolders.HASH_CACHE)).withSplit(SplitLists.read(target));
  }

  private static void checkLayout(Path dir, Path archive) {
    for (String required : REQUIRED) {
      if (!Files.exists(dir.resolve(required))) {
        throw new KilnException("archive " + archive + " does not have the Speech Commands layout: "
            + required + " is missing");
      }
    }
  }
}
