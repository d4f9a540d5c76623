package kiln.util.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import kiln.api.KilnException;
import kiln.api.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TarGz on archives built here: what is extracted, and what is refused. */
class TarGzTest {
  @TempDir Path tmp;

  Path archive(byte[]... blocks) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      for (byte[] b : blocks) {
        gz.write(b);
      }
    }
    return Files.write(tmp.resolve("a.tar.gz"), bytes.toByteArray());
  }

  static byte[] data(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return java.util.Arrays.copyOf(b, (b.length + 511) / 512 * 512);
  }

  @Test
  void extractsFilesAndFoldersInsideTheTarget() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("./yes/a.wav", new byte[1300]); // ends in zeros, like a silent clip
    files.put("no/b.wav", "RIFF".getBytes(StandardCharsets.US_ASCII));
    Path a = Files.write(tmp.resolve("a.tar.gz"), TestArchives.tarGz(files, true));
    Path out = tmp.resolve("out");
    assertThat(TarGz.extract(a, out, "t", Progress.NONE)).isEqualTo(2);
    assertThat(out.resolve("yes/a.wav")).hasSize(1300);
    assertThat(out.resolve("no/b.wav")).hasContent("RIFF");
  }

  @Test
  void refusesEntriesOutsideTheTarget() throws IOException {
    Path dotDot = archive(TestArchives.header("yes/../../evil.txt", 4), data("evil"), new byte[1024]);
    assertThatThrownBy(() -> TarGz.extract(dotDot, tmp.resolve("out"), "t", Progress.NONE))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("entry 'yes/../../evil.txt' points outside the dataset folder");
    Path absolute = archive(TestArchives.header("/tmp/evil.txt", 4), data("evil"), new byte[1024]);
    assertThatThrownBy(() -> TarGz.extract(absolute, tmp.resolve("out"), "t", Progress.NONE))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("points outside the dataset folder");
    assertThat(tmp.resolve("evil.txt")).doesNotExist();
  }

  @Test
  void refusesLinks() throws IOException {
    Path symlink = archive(TestArchives.header("yes/passwd", 0, '2', "/etc/passwd"), new byte[1024]);
    assertThatThrownBy(() -> TarGz.extract(symlink, tmp.resolve("out"), "t", Progress.NONE))
        .isInstanceOf(KilnException.class)
        .hasMessageEndingWith(": entry 'yes/passwd' is a link to '/etc/passwd'; links are not extracted");
    Path hardLink = archive(TestArchives.header("yes/x", 0, '1', "../x"), new byte[1024]);
    assertThatThrownBy(() -> TarGz.extract(hardLink, tmp.resolve("out"), "t", Progress.NONE))
        .isInstanceOf(KilnException.class).hasMessageContaining("is a link to '../x'");
    assertThat(tmp.resolve("out/yes/passwd")).doesNotExist();
  }

  @Test
  void refusesATarWithoutItsEndMarker() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("yes/a.wav", new byte[1300]);
    Path a = Files.write(tmp.resolve("a.tar.gz"), TestArchives.tarGz(files, false));
    assertThatThrownBy(() -> TarGz.extract(a, tmp.resolve("out"), "t", Progress.NONE))
        .isInstanceOf(KilnException.class).hasMessageContaining("ends without the tar end marker");
    Path empty = archive(new byte[0]);
    assertThatThrownBy(() -> TarGz.extract(empty, tmp.resolve("out"), "t", Progress.NONE))
        .isInstanceOf(KilnException.class).hasMessageContaining("ends without the tar end marker");
  }

  @Test
  void refusesAFileCutShort() throws IOException {
    Path cut = archive(TestArchives.header("yes/a.wav", 2000), data("short"));
    assertThatThrownBy(() -> TarGz.extract(cut, tmp.resolve("out"), "t", Progress.NONE))
        .isInstanceOf(KilnException.class).hasMessageContaining("truncated");
  }
}
