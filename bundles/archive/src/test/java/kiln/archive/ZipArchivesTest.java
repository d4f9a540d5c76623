package kiln.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kiln.api.KilnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipArchivesTest {
  @Test
  void createsAddsReplacesAndRemovesFolders(@TempDir Path dir) throws Exception {
    Path zip = dir.resolve("m.kiln.zip");
    ZipArchives.update(zip, Map.of("a.txt", "A".getBytes()));
    Map<String, byte[]> next = new LinkedHashMap<>();
    next.put("eval/float/summary.txt", "old".getBytes());
    next.put("eval/float/x.png", new byte[] {1, 2});
    next.put("b.bin", new byte[] {9});
    ZipArchives.update(zip, next);
    assertThat(ZipArchives.read(zip).keySet())
        .containsExactly("a.txt", "eval/float/summary.txt", "eval/float/x.png", "b.bin");

    Map<String, byte[]> replace = new LinkedHashMap<>();
    replace.put("eval/float/", null);
    replace.put("eval/float/summary.txt", "new".getBytes());
    replace.put("a.txt", "A2".getBytes());
    replace.put("b.bin", null);
    ZipArchives.update(zip, replace);
    Map<String, byte[]> r = ZipArchives.read(zip);
    assertThat(r.keySet()).containsExactly("a.txt", "eval/float/summary.txt");
    assertThat(new String(r.get("eval/float/summary.txt"))).isEqualTo("new");
    assertThat(new String(ZipArchives.readEntry(zip, "a.txt"))).isEqualTo("A2");
    assertThat(ZipArchives.readEntry(zip, "nope")).isNull();
    assertThat(ZipArchives.list(zip)).extracting(ZipArchives.Entry::size).containsExactly(2L, 3L);
    try (var s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("m.kiln.zip");
    }
  }

  @Test
  void aFailedWriteLeavesTheOldArchive(@TempDir Path dir) {
    Path zip = dir.resolve("m.kiln.zip");
    ZipArchives.update(zip, Map.of("a.txt", "A".getBytes()));
    assertThatThrownBy(() -> ZipArchives.update(zip, Map.of("../evil", new byte[1])))
        .isInstanceOf(KilnException.class)
        .hasMessage("archive entry name '../evil': expected a relative path with '/' separators that stays"
            + " inside the archive");
    assertThat(ZipArchives.read(zip).keySet()).containsExactly("a.txt");
  }

  @Test
  void missingAndNonZipFilesAreNamed(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("none.kiln.zip");
    assertThatThrownBy(() -> ZipArchives.read(missing))
        .isInstanceOf(KilnException.class)
        .hasMessage("archive " + missing + ": no such file");
    Path text = Files.writeString(dir.resolve("t.kiln.zip"), "hello");
    assertThatThrownBy(() -> ZipArchives.list(text))
        .isInstanceOf(KilnException.class)
        .hasMessageStartingWith("archive " + text + ": not a zip archive (");
  }
}
