package kiln.datasets.yesno;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kiln.api.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YesNoDatasetProviderTest {
  @TempDir Path home;

  @Test
  void extractsTheEmbeddedArchiveOnceAndListsIt() throws Exception {
    Path target = home.resolve("datasets/yes_no");
    List<String> reports = new ArrayList<>();
    Dataset d = new YesNoDatasetProvider().load(target, (task, done, total) -> reports.add(task));
    assertThat(reports).contains("extracting yes_no");
    assertThat(d.name()).isEqualTo("yes_no");
    assertThat(d.root()).isEqualTo(target);
    assertThat(d.contentHash()).isEqualTo(YesNoDatasetProvider.expectedSha256()).hasSize(64);
    assertThat(d.samplesByClass().get("yes")).hasSize(500);
    assertThat(d.samplesByClass().get("no")).hasSize(500);
    assertThat(d.samplesByClass().get("_background_noise_")).hasSize(6);
    // 24 other words of 36 clips for the _unknown_ class
    assertThat(d.samplesByClass()).hasSize(2 + 1 + 24);
    assertThat(d.samplesByClass().get("sheila")).hasSize(36);
    assertThat(d.samplesByClass().get("yes").get(0).getFileName().toString()).isEqualTo("espeak000_nohash_0.wav");
    // 16 kHz mono mu-law wav
    byte[] head = Files.readAllBytes(d.samplesByClass().get("yes").get(0));
    assertThat(new String(head, 0, 4)).isEqualTo("RIFF");
    assertThat(head[20] & 0xff).isEqualTo(7); // WAVE_FORMAT_MULAW
    assertThat((head[24] & 0xff) | (head[25] & 0xff) << 8).isEqualTo(16000);

    // second load: no extraction, same listing; nothing but the dataset in the folder
    List<String> again = new ArrayList<>();
    Dataset d2 = new YesNoDatasetProvider().load(target, (task, done, total) -> again.add(task));
    assertThat(again).isEmpty();
    assertThat(d2.samplesByClass()).isEqualTo(d.samplesByClass());
    try (Stream<Path> s = Files.list(target.getParent())) {
      assertThat(s.toList()).containsExactly(target);
    }
  }

  @Test
  void aDamagedInstallIsReplaced() throws Exception {
    Path target = home.resolve("yes_no");
    new YesNoDatasetProvider().load(target, (t, a, b) -> {});
    Files.writeString(target.resolve(".kiln-complete"), "stale\n");
    Files.delete(target.resolve("yes/espeak000_nohash_0.wav"));
    Dataset d = new YesNoDatasetProvider().load(target, (t, a, b) -> {});
    assertThat(d.samplesByClass().get("yes")).hasSize(500);
  }
}
