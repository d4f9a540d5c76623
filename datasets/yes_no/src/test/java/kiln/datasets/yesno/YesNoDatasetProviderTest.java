package kiln.datasets.yesno;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import kiln.api.data.Dataset;
import kiln.util.data.Sha256sumTree;
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
    // the version names the embedded archive by the SHA-256 of its bytes
    byte[] zip;
    try (var in = YesNoDatasetProvider.class.getResourceAsStream(YesNoDatasetProvider.RESOURCE)) {
      zip = in.readAllBytes();
    }
    String archiveSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip));
    assertThat(d.version()).isEqualTo("yes_no.zip sha256:" + archiveSha);
    // the content hash is over the extracted files, as coreutils computes it
    assertThat(d.contentHash()).isEqualTo(Sha256sumTree.of(target));
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
    assertThat(d2.contentHash()).isEqualTo(d.contentHash());
    try (Stream<Path> s = Files.list(target.getParent())) {
      assertThat(s.toList()).containsExactly(target);
    }
  }

  @Test
  void changingOneByteOfOneClipChangesTheContentHash() throws Exception {
    Path target = home.resolve("yes_no");
    Dataset d = new YesNoDatasetProvider().load(target, (t, a, b) -> {});
    Path clip = d.samplesByClass().get("no").get(7);
    byte[] b = Files.readAllBytes(clip);
    b[b.length / 2] ^= 1;
    Files.write(clip, b);
    Dataset changed = new YesNoDatasetProvider().load(target, (t, a, c) -> {});
    assertThat(changed.contentHash()).isNotEqualTo(d.contentHash())
        .isEqualTo(Sha256sumTree.of(target));
    assertThat(changed.version()).isEqualTo(d.version());
  }

  @Test
  void aDamagedInstallIsReplaced() throws Exception {
    Path target = home.resolve("yes_no");
    new YesNoDatasetProvider().load(target, (t, a, b) -> {});
    String intact = new YesNoDatasetProvider().load(target, (t, a, b) -> {}).contentHash();
    Files.writeString(target.resolve(".kiln-complete"), "stale\n");
    Files.delete(target.resolve("yes/espeak000_nohash_0.wav"));
    Dataset d = new YesNoDatasetProvider().load(target, (t, a, b) -> {});
    assertThat(d.samplesByClass().get("yes")).hasSize(500);
    assertThat(d.contentHash()).isEqualTo(intact);
  }
}
