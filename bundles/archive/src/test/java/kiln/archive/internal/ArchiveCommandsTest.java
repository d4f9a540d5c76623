package kiln.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.archive.ZipArchives;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveCommandsTest {
  @Test
  void listsMltksArchiveWithSizesAndDates() {
    Path zip = Paths.get(System.getProperty("kiln.fixtures", "../../../shared/fixtures"))
        .resolve("mltk/tflite_micro_speech.mltk.zip");
    Assumptions.assumeTrue(Files.exists(zip), "fixtures not found at " + zip);
    String text = ArchiveListing.of(zip, ZoneOffset.UTC);
    assertThat(text)
        .startsWith(zip + "\nmodel tflite_micro_speech, no Kiln manifest (MLTK or other archive), "
            + "22 entries, 997,304 bytes\n")
        .contains("        size   compressed  modified             name\n")
        .containsPattern("\\n +21,616 +[0-9,]+  2022-04-13 \\d\\d:\\d\\d:\\d\\d  tflite_micro_speech.tflite\\n");
  }

  @Test
  void findsArchivesByNameHereOrOnTheModelPath(@TempDir Path dir) throws Exception {
    Path here = Files.createDirectories(dir.resolve("cwd"));
    Path models = Files.createDirectories(dir.resolve("models/audio"));
    ZipArchives.update(models.resolve("kws.kiln.zip"), Map.of("a", new byte[] {1}));
    ArchiveLocator loc = new ArchiveLocator(here, List.of(dir.resolve("models")));
    assertThat(loc.locate("kws")).isEqualTo(models.resolve("kws.kiln.zip"));
    ZipArchives.update(here.resolve("kws.kiln.zip"), Map.of("a", new byte[] {1}));
    assertThat(loc.locate("kws")).isEqualTo(here.resolve("kws.kiln.zip"));
    assertThat(loc.locate(models.resolve("kws.kiln.zip").toString()))
        .isEqualTo(models.resolve("kws.kiln.zip"));
    assertThatThrownBy(() -> loc.locate("other"))
        .isInstanceOf(KilnException.class)
        .hasMessage("archive of model other: found no other.kiln.zip in " + here
            + " nor in KILN_MODEL_PATH [" + dir.resolve("models")
            + "] (train the model first, or name the archive file)");
    assertThatThrownBy(() -> loc.locate("x/none.kiln.zip"))
        .hasMessage("archive x/none.kiln.zip: no such file");
  }

  @Test
  void listingOfAKilnArchive(@TempDir Path dir) {
    Path zip = dir.resolve("m.kiln.zip");
    ZipArchives.update(zip, Map.of("kiln-archive.json",
        "{\"format_version\": 1, \"model\": \"m\"}".getBytes()));
    assertThat(ArchiveListing.of(zip, ZoneOffset.UTC))
        .contains("model m, archive format 1, 1 entry, 35 bytes\n")
        .endsWith("  kiln-archive.json\n");
    assertThat(new ArchiveCommands().archive(zip.toString())).contains("archive format 1");
  }
}
