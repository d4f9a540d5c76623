package kiln.datasets.yesno;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import kiln.api.KilnException;
import kiln.util.KilnHome;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import kiln.api.data.DatasetProvider;
import kiln.util.data.DatasetFolders;
import org.osgi.service.component.annotations.Component;

/**
 * {@code yes_no}: the embedded keyword dataset. The bundle carries {@code yes_no.zip} (made by
 * {@code datasets/yes_no/generate.sh}: espeak-ng voices saying "yes", "no" and 24 other words,
 * plus sox noises, 16 kHz mu-law); the first load checks its SHA-256 and extracts it atomically
 * into {@code <kiln home>/datasets/yes_no}. No network is used. The dataset's version names the
 * archive; its content hash is over the extracted files.
 */
@Component(property = {"kiln.name=yes_no",
    "kiln.description=embedded synthetic yes/no keywords, 24 unknown words, background noise (offline)"})
public final class YesNoDatasetProvider implements DatasetProvider {
  public static final String NAME = "yes_no";
  static final String RESOURCE = "/kiln/datasets/yes_no/yes_no.zip";
  /** Every word folder must hold at least this many clips. */
  static final int MIN_CLIPS_PER_KEYWORD = 300;

  @Override
  public String description() {
    return "embedded synthetic yes/no keywords, 24 unknown words, background noise (offline)";
  }

  @Override
  public Dataset load(Progress progress) {
    return load(KilnHome.datasets().resolve(NAME), progress);
  }

  /** Loads (extracting when needed) into {@code target}. */
  public Dataset load(Path target, Progress progress) {
    String expected = expectedSha256();
    if (!expected.equals(DatasetFolders.installedHash(target))) {
      byte[] zip = resource(RESOURCE);
      String actual = HexFormat.of().formatHex(DatasetFolders.sha256().digest(zip));
      if (!actual.equals(expected)) {
        throw new KilnException("dataset yes_no: the embedded archive " + RESOURCE + " is damaged (SHA-256 "
            + actual + ", expected " + expected + "); reinstall the kiln.yes_no bundle");
      }
      progress.report("extracting yes_no", 0, zip.length);
      DatasetFolders.installAtomically(NAME, target, expected, dir -> unzip(zip, dir, progress));
    }
    Dataset d = DatasetFolders.list(NAME, target, version(expected),
        target.resolve(DatasetFolders.HASH_CACHE));
    verify(d);
    return d;
  }

  private static void unzip(byte[] zip, Path dir, Progress progress) throws IOException {
    int files = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        Path p = DatasetFolders.entryPath(dir, e.getName(), NAME + "/", RESOURCE);
        if (p != null && !e.isDirectory()) {
          DatasetFolders.write(in, p);
          if (++files % 200 == 0) {
            progress.report("extracting yes_no", files, -1);
          }
        }
      }
    }
  }

  private static void verify(Dataset d) {
    for (String word : List.of("yes", "no")) {
      int n = d.samplesByClass().getOrDefault(word, List.of()).size();
      if (n < MIN_CLIPS_PER_KEYWORD) {
        throw new KilnException("dataset yes_no at " + d.root() + ": class " + word + " has " + n
            + " clips, expected at least " + MIN_CLIPS_PER_KEYWORD + "; delete the folder to extract it again");
      }
    }
    if (!d.samplesByClass().containsKey("_background_noise_")) {
      throw new KilnException("dataset yes_no at " + d.root() + ": _background_noise_ is missing; delete the folder"
          + " to extract it again");
    }
  }

  /** The dataset's version: the embedded archive it was extracted from. */
  static String version(String archiveSha256) {
    return "yes_no.zip sha256:" + archiveSha256;
  }

  static String expectedSha256() {
    return new String(resource(RESOURCE + ".sha256"), StandardCharsets.US_ASCII).trim();
  }

  private static byte[] resource(String name) {
    try (InputStream in = YesNoDatasetProvider.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new KilnException("dataset yes_no: resource " + name + " is missing from the kiln.yes_no bundle");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new KilnException("dataset yes_no: cannot read resource " + name + ": " + e.getMessage(), e);
    }
  }
}
