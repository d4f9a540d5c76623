package kiln.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import kiln.api.KilnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crafted archives: each is refused with an error naming the archive and the entry, never read whole. */
class ArchiveLimitsTest {
  @TempDir Path dir;

  /** Writes a zip whose entries are the given names, each with {@code size} zero bytes. */
  Path zip(String file, long size, String... names) throws Exception {
    Path p = dir.resolve(file);
    try (OutputStream os = Files.newOutputStream(p); ZipOutputStream z = new ZipOutputStream(os)) {
      byte[] block = new byte[1 << 16];
      for (String n : names) {
        z.putNextEntry(new ZipEntry(n));
        for (long done = 0; done < size; done += block.length) {
          z.write(block, 0, (int) Math.min(block.length, size - done));
        }
        z.closeEntry();
      }
    }
    return p;
  }

  @Test
  void aZipBombIsRefusedByItsExpansionRatio() throws Exception {
    // 64 MiB of zeros deflate to ~64 KiB: a ratio of ~1000
    Path bomb = zip("bomb.kiln.zip", 64L << 20, "model.weights");
    assertThat(Files.size(bomb)).isLessThan(1L << 20);
    assertThatThrownBy(() -> ZipArchives.read(bomb))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("archive " + bomb + ": entry model.weights expands more than 200 times")
        .hasMessageContaining("zip bomb");
  }

  @Test
  void entryNamesThatLeaveTheArchiveAreRefused() throws Exception {
    for (String bad : new String[] {"../../tmp/x.java", "/etc/passwd", "a/../../b", "C:/x", "a\\b"}) {
      Path z = zip("bad.zip", 3, bad);
      assertThatThrownBy(() -> ZipArchives.read(z)).as(bad)
          .isInstanceOf(KilnException.class)
          .hasMessageContaining("archive entry name '" + bad + "'");
    }
  }

  @Test
  void aTruncatedArchiveIsNamed() throws Exception {
    Path good = zip("good.kiln.zip", 1000, "a.txt", "b.txt");
    byte[] bytes = Files.readAllBytes(good);
    Path cut = dir.resolve("cut.kiln.zip");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> ZipArchives.read(cut)).isInstanceOf(KilnException.class)
        .hasMessageContaining(cut.toString());
  }

  @Test
  void writeReplacesEveryEntryOfThePreviousArchive() throws Exception {
    Path a = dir.resolve("m.kiln.zip");
    ZipArchives.update(a, Map.of("old.txt", new byte[] {1}, "keep.txt", new byte[] {2}));
    ZipArchives.write(a, Map.of("keep.txt", new byte[] {3}));
    assertThat(ZipArchives.read(a)).containsOnlyKeys("keep.txt");
    assertThat(ZipArchives.read(a).get("keep.txt")).containsExactly(3);
  }
}
