package kiln.util.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetHashTest {
  @TempDir Path dir;

  void write(String rel, byte[] bytes) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
  }

  /**
   * A tree worked out with coreutils: the manifest below (sha256sum's lines, byte order; "no" and
   * "yes" are the files' contents, the empty file's digest is SHA-256's published empty-input
   * value) hashes to the literal with {@code printf '...' | sha256sum}.
   *
   * <pre>
   * 9390298f3fb0c5b160498935d79cb139aef28e1c47358b4bbba61862b9c26e59  no/b.wav
   * e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  no/more/c.wav
   * 8a798890fe93817163b10b5f7bd2ca4d25d84c52739a645a889c173eee7d9d3d  yes/a.wav
   * </pre>
   */
  @Test
  void aSmallTreeHashesToTheValueWorkedOutWithSha256sum() throws IOException {
    write("yes/a.wav", "yes".getBytes());
    write("no/b.wav", "no".getBytes());
    write("no/more/c.wav", new byte[0]);
    write(".kiln-complete", "marker".getBytes()); // Kiln's own: left out
    assertThat(DatasetHash.of(dir, null))
        .isEqualTo("1e86db10f77a8385fab09942ba04cdec7bfc8cf7fc23037d6b12c977457ba27b");
  }

  @Test
  void aRandomTreeHashesAsTheCoreutilsPipelineDoes() throws Exception {
    Random r = new Random(11);
    for (int i = 0; i < 40; i++) {
      byte[] b = new byte[r.nextInt(5000)];
      r.nextBytes(b);
      write((i % 3 == 0 ? "_background_noise_/" : "w" + (i % 5) + "/sub" + (i % 2) + "/") + "c" + i
          + (i % 4 == 0 ? ".WAV" : ".wav"), b);
    }
    write("validation_list.txt", "w1/sub1/c1.wav\n".getBytes());
    assertThat(DatasetHash.of(dir, null)).isEqualTo(Sha256sumTree.of(dir));
  }

  @Test
  void changingOneByteOfOneClipChangesTheHash() throws IOException {
    byte[] clip = new byte[1000];
    new Random(3).nextBytes(clip);
    write("yes/a.wav", clip);
    write("no/b.wav", "no".getBytes());
    Path cache = dir.resolve(".kiln-hashes");
    String before = DatasetHash.of(dir, cache);
    clip[500] ^= 1; // same size, modified just now
    write("yes/a.wav", clip);
    assertThat(DatasetHash.of(dir, cache)).isNotEqualTo(before);
    clip[500] ^= 1;
    write("yes/a.wav", clip);
    assertThat(DatasetHash.of(dir, cache)).isEqualTo(before);
  }

  @Test
  void renamingAddingOrRemovingAFileChangesTheHash() throws IOException {
    write("yes/a.wav", "x".getBytes());
    String one = DatasetHash.of(dir, null);
    Files.move(dir.resolve("yes/a.wav"), dir.resolve("yes/b.wav"));
    String renamed = DatasetHash.of(dir, null);
    write("no/c.wav", new byte[0]);
    String added = DatasetHash.of(dir, null);
    assertThat(renamed).isNotEqualTo(one);
    assertThat(added).isNotEqualTo(renamed).isNotEqualTo(one);
    Files.delete(dir.resolve("no/c.wav"));
    assertThat(DatasetHash.of(dir, null)).isEqualTo(renamed);
  }

  /** The cache is keyed by path, size and time: a file whose three are unchanged is not read. */
  @Test
  void theSecondListingTakesUnchangedFilesFromTheCache() throws IOException {
    FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
    write("yes/a.wav", "aaaa".getBytes());
    write("no/b.wav", "bbbb".getBytes());
    for (String f : new String[] {"yes/a.wav", "no/b.wav"}) {
      Files.setLastModifiedTime(dir.resolve(f), old);
    }
    Path cache = dir.resolve(".kiln-hashes");
    String first = DatasetHash.of(dir, cache);
    assertThat(cache).exists();
    // same size, time put back: only a cache hit can still give the old hash
    write("yes/a.wav", "AAAA".getBytes());
    Files.setLastModifiedTime(dir.resolve("yes/a.wav"), old);
    assertThat(DatasetHash.of(dir, cache)).isEqualTo(first);
    assertThat(DatasetHash.of(dir, null)).isNotEqualTo(first);
    // a new time makes it read the file again
    Files.setLastModifiedTime(dir.resolve("yes/a.wav"), FileTime.from(Instant.now().minusSeconds(60)));
    assertThat(DatasetHash.of(dir, cache)).isEqualTo(DatasetHash.of(dir, null));
  }

  @Test
  void aDamagedCacheIsRebuilt() throws IOException {
    write("yes/a.wav", "aaaa".getBytes());
    Path cache = dir.resolve(".kiln-hashes");
    Files.writeString(cache, "garbage\tline\nmore\n");
    assertThat(DatasetHash.of(dir, cache)).isEqualTo(DatasetHash.of(dir, null));
  }
}
