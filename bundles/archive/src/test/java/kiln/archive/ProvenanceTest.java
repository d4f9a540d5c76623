package kiln.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {
  @Test
  void recordsEverythingAndRoundTrips() {
    Provenance p = Provenance.builder("kws")
        .specSource("abc".getBytes())
        .dataset("yes_no", "d1")
        .seed(7)
        .settings(Map.of("epochs", 5))
        .setting("optimizer", Map.of("name", "adam", "learning_rate", 0.001))
        .bundle("kiln.tensorflow", "0.1.0")
        .tensorflowVersion("2.18.0")
        .started(Instant.parse("2026-01-02T03:04:05Z"))
        .extra("note", List.of(1, 2))
        .build()
        .finishedAt(Instant.parse("2026-01-02T03:14:05Z"));
    // SHA-256("abc"), the FIPS 180-2 test vector
    assertThat(p.specHash())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(p.java().get("version")).isEqualTo(System.getProperty("java.version"));
    assertThat(p.os()).containsKeys("name", "version", "arch", "cpus");
    assertThat(p.toMap().keySet())
        .containsExactly("format_version", "model", "spec_hash", "dataset", "seed", "settings",
            "kiln_version", "bundles", "tensorflow_version", "java", "os", "started", "finished",
            "extra");
    Provenance back = Provenance.fromJson(p.toJson(), "provenance.json");
    assertThat(back.model()).isEqualTo("kws");
    assertThat(back.seed()).isEqualTo(7L);
    assertThat(back.datasetName()).isEqualTo("yes_no");
    assertThat(back.datasetHash()).isEqualTo("d1");
    assertThat(back.settings()).containsEntry("epochs", 5L);
    assertThat(back.bundles()).containsEntry("kiln.tensorflow", "0.1.0");
    assertThat(back.tensorflowVersion()).isEqualTo("2.18.0");
    assertThat(back.finished()).isEqualTo(Instant.parse("2026-01-02T03:14:05Z"));
    assertThat(back.java()).isEqualTo(p.java());
  }

  @Test
  void directoryHashSeesContentAndNames(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("yes"));
    Files.writeString(dir.resolve("yes/a.wav"), "1");
    Files.writeString(dir.resolve("b.wav"), "2");
    String h1 = Provenance.sha256OfDirectory(dir);
    assertThat(Provenance.sha256OfDirectory(dir)).isEqualTo(h1).hasSize(64);
    Files.writeString(dir.resolve("b.wav"), "3");
    String h2 = Provenance.sha256OfDirectory(dir);
    assertThat(h2).isNotEqualTo(h1);
    Files.move(dir.resolve("b.wav"), dir.resolve("c.wav"));
    assertThat(Provenance.sha256OfDirectory(dir)).isNotEqualTo(h2);
  }

  @Test
  void refusesANewerFormat() {
    assertThatThrownBy(() -> Provenance.fromJson("{\"format_version\": 9}", "p.json"))
        .isInstanceOf(KilnException.class)
        .hasMessage("p.json: provenance format_version 9, this Kiln reads versions 1 to 1"
            + " (written by a newer Kiln?)");
    assertThatThrownBy(() -> Provenance.fromJson("{\"format_version\": 1, \"started\": \"noon\"}",
            "p.json"))
        .hasMessage("p.json: expected an ISO-8601 time, found noon");
  }
}
