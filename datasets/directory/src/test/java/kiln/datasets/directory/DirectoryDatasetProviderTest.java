package kiln.datasets.directory;

import kiln.util.data.DatasetFolders;
import kiln.util.data.Sha256sumTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryDatasetProviderTest {
  @TempDir Path dir;
  @TempDir Path home;
  String kilnHome;

  /** The provider caches digests in the Kiln home: a temporary one, not the user's. */
  @BeforeEach
  void useATemporaryKilnHome() {
    kilnHome = System.getProperty("kiln.home");
    System.setProperty("kiln.home", home.toString());
  }

  @AfterEach
  void restoreTheKilnHome() {
    if (kilnHome == null) {
      System.clearProperty("kiln.home");
    } else {
      System.setProperty("kiln.home", kilnHome);
    }
  }

  void touch(String rel, int size) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[size]);
  }

  @Test
  void listsClassFoldersRecursivelyAndSorted() throws Exception {
    touch("yes/b.wav", 10);
    touch("yes/a.wav", 10);
    touch("yes/more/c.WAV", 10);
    touch("no/x.wav", 5);
    touch("no/readme.txt", 5);
    touch("_background_noise_/hum.wav", 7);
    Files.createDirectories(dir.resolve("empty"));
    Dataset d = new DirectoryDatasetProvider().load(dir.toString(), Progress.NONE);
    assertThat(d.name()).isEqualTo("directory");
    assertThat(d.samplesByClass().keySet()).containsExactlyInAnyOrder("yes", "no", "_background_noise_");
    assertThat(d.samplesByClass().get("yes")).containsExactly(
        dir.resolve("yes/a.wav"), dir.resolve("yes/b.wav"), dir.resolve("yes/more/c.WAV"));
    assertThat(d.version()).isNull();
    // over every file of the folder, as coreutils computes it
    assertThat(d.contentHash()).isEqualTo(Sha256sumTree.of(dir));
    touch("no/y.wav", 1);
    assertThat(new DirectoryDatasetProvider().load(dir.toString(), Progress.NONE).contentHash()).isNotEqualTo(d.contentHash());
  }

  @Test
  void theDigestCacheOfAPlainFolderLivesInTheKilnHome() throws IOException {
    touch("yes/a.wav", 10);
    Files.setLastModifiedTime(dir.resolve("yes/a.wav"), FileTime.from(Instant.now().minusSeconds(60)));
    new DirectoryDatasetProvider().load(dir.toString(), Progress.NONE);
    assertThat(DirectoryDatasetProvider.hashCache(dir.toAbsolutePath().normalize()))
        .startsWith(home.resolve("cache/dataset-hashes")).content().contains("\tyes/a.wav");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("yes");
    }
  }

  @Test
  void missingOrEmptyFoldersAreNamed() throws IOException {
    assertThatThrownBy(() -> new DirectoryDatasetProvider().load(dir.resolve("nope").toString(), Progress.NONE))
        .isInstanceOf(KilnException.class).hasMessageContaining("nope").hasMessageContaining("does not exist");
    touch("loose.wav", 3);
    assertThatThrownBy(() -> new DirectoryDatasetProvider().load(dir.toString(), Progress.NONE))
        .isInstanceOf(KilnException.class).hasMessageContaining("no class sub-folders");
  }

  @Test
  void withoutAFolderItSaysHowToGiveOne() {
    System.clearProperty(DirectoryDatasetProvider.PROPERTY);
    assertThatThrownBy(() -> new DirectoryDatasetProvider().load(Progress.NONE))
        .isInstanceOf(KilnException.class).hasMessageContaining("directory:/path/to/folder");
  }

  @Test
  void entriesCannotLeaveTheFolder() {
    assertThat(DatasetFolders.entryPath(dir, "./yes_no/yes/a.wav", "yes_no/", "a.zip")).isEqualTo(dir.resolve("yes/a.wav"));
    assertThat(DatasetFolders.entryPath(dir, "./", null, "a.tar")).isNull();
    assertThatThrownBy(() -> DatasetFolders.entryPath(dir, "../evil.wav", null, "a.tar"))
        .isInstanceOf(KilnException.class).hasMessage("archive a.tar: entry '../evil.wav' points outside the dataset folder");
  }

  @Test
  void failedInstallLeavesNothingBehind() throws IOException {
    Path target = dir.resolve("ds");
    assertThatThrownBy(() -> DatasetFolders.installAtomically("ds", target, "h", f -> {
      Files.writeString(f.resolve("half.wav"), "x");
      throw new IOException("disk full");
    })).isInstanceOf(KilnException.class).hasMessageContaining("disk full");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.toList()).isEmpty();
    }
    DatasetFolders.installAtomically("ds", target, "h1", f -> Files.writeString(f.resolve("a.txt"), "1"));
    DatasetFolders.installAtomically("ds", target, "h2", f -> Files.writeString(f.resolve("b.txt"), "2"));
    assertThat(DatasetFolders.installedHash(target)).isEqualTo("h2");
    assertThat(target.resolve("a.txt")).doesNotExist();
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.toList()).containsExactly(target);
    }
  }
}
