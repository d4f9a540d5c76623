package kiln.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import kiln.api.KilnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which .tflite ModelFiles picks from files, archives and names (the bytes are marker strings). */
class ModelFilesTest {
  @TempDir Path dir;

  Path zip(String name, Map<String, String> entries) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(p); ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return p;
  }

  static String text(ModelFiles.Model m) {
    return new String(m.tflite(), StandardCharsets.UTF_8);
  }

  @Test
  void anArchiveGivesItsDevicesModelNotTheFloatOrTestCopies() throws IOException {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("kws.float32.tflite", "float");
    e.put("logs/old.tflite", "nested");
    e.put("kws-test.tflite", "other top-level");
    e.put("kws.tflite", "device");
    ModelFiles.Model m = ModelFiles.load(zip("kws.kiln.zip", e));
    assertThat(m.name()).isEqualTo("kws");
    assertThat(text(m)).isEqualTo("device");
    assertThat(m.origin()).endsWith("kws.kiln.zip!kws.tflite");
    e.remove("kws.tflite");
    assertThat(text(ModelFiles.load(zip("kws.kiln.zip", e)))).isEqualTo("other top-level");
    e.remove("kws-test.tflite");
    assertThat(text(ModelFiles.load(zip("kws.kiln.zip", e)))).isEqualTo("nested");
  }

  @Test
  void aNameFindsItsArchiveInTheWorkingFolder() throws IOException {
    zip("kws.mltk.zip", Map.of("kws.tflite", "mltk"));
    assertThat(text(ModelFiles.find("kws", dir))).isEqualTo("mltk");
    zip("kws.kiln.zip", Map.of("kws.tflite", "kiln"));
    assertThat(text(ModelFiles.find("kws", dir))).isEqualTo("kiln"); // Kiln's own archive first
    assertThatThrownBy(() -> ModelFiles.find("other", dir)).isInstanceOf(KilnException.class)
        .hasMessageContaining("no archive other.kiln.zip or other.mltk.zip in");
    assertThatThrownBy(() -> ModelFiles.find("../x.tflite", dir))
        .hasMessageContaining("expected a .tflite file, a model archive (.kiln.zip, .mltk.zip) or a model name");
  }

  @Test
  void anArchiveWithoutAModelOrNotAZipIsNamed() throws IOException {
    Path empty = zip("none.kiln.zip", Map.of("notes.txt", "x"));
    assertThatThrownBy(() -> ModelFiles.load(empty)).hasMessageContaining("expected a .tflite entry, found none");
    Path cut = dir.resolve("cut.kiln.zip");
    byte[] whole = Files.readAllBytes(zip("whole.kiln.zip", Map.of("cut.tflite", "abc")));
    Files.write(cut, java.util.Arrays.copyOf(whole, 20));
    assertThatThrownBy(() -> ModelFiles.load(cut)).isInstanceOf(KilnException.class)
        .hasMessageContaining("cannot read it as a zip");
  }
}
