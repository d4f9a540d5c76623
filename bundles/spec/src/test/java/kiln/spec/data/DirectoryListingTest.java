package kiln.spec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MLTK's list_dataset_directory rules on folders written here, with counts worked out by hand from
 * the rules in mltk/core/preprocess/utils/list_directory.py.
 */
class DirectoryListingTest {
  @TempDir Path dir;

  /** {@code n} empty .wav files (and one .txt that must be ignored) in {@code dir/cls}. */
  void files(String cls, int n) throws Exception {
    Path d = Files.createDirectories(dir.resolve(cls));
    for (int i = 0; i < n; i++) {
      Files.write(d.resolve("s" + i + ".wav"), new byte[0]);
    }
    Files.writeString(d.resolve("notes.txt"), "not a sample");
  }

  static List<String> names(DirectoryListing l) {
    List<String> out = new ArrayList<>();
    for (Path p : l.files()) {
      out.add(p == null ? null : p.getParent().getFileName() + "/" + p.getFileName());
    }
    return out;
  }

  @Test
  void splitsEachClassAsMltksSplitFileList() throws Exception {
    files("a", 7);
    files("b", 10);
    DirectoryListing.Options o = DirectoryListing.Options.of(List.of("a", "b"), DirectoryListing.WAV);
    // (0, 0.2): [0, ceil(0.2 n)) -> a: ceil(1.4) = 2, b: 2; (0.2, 1): [ceil(0.2 n), n) -> a: 5, b: 8
    DirectoryListing validation = DirectoryListing.list(dir, o.split(0, 0.2));
    assertThat(names(validation)).containsExactly("a/s0.wav", "a/s1.wav", "b/s0.wav", "b/s1.wav");
    assertThat(validation.labels()).containsExactly(0, 0, 1, 1);
    DirectoryListing training = DirectoryListing.list(dir, o.split(0.2, 1));
    assertThat(training.classCounts()).containsEntry("a", 5).containsEntry("b", 8);
    assertThat(names(training)).startsWith("a/s2.wav").doesNotContainAnyElementsOf(names(validation));
  }

  @Test
  void unknownDrawsFromTheOtherFoldersAndSilenceIsNull() throws Exception {
    files("a", 4);
    files("b", 4);
    files("c", 3);
    files("d", 3);
    files("_background_noise_", 2);
    DirectoryListing l = DirectoryListing.list(dir, DirectoryListing.Options.of(
        List.of("a", "b", "_unknown_", "_silence_"), DirectoryListing.WAV)
        .unknownClassPercentage(2.0).silenceClassPercentage(0.5));
    // average 8 / 2 = 4; unknown: max(1, int(4 * 2.0)) = 8, max(1, 8 / 2) = 4 per folder, c and d have 3
    // each (_background_noise_ starts with _ and is not a class to draw from); silence: int(4 * 0.5) = 2
    assertThat(l.classCounts()).containsExactly(java.util.Map.entry("a", 4), java.util.Map.entry("b", 4),
        java.util.Map.entry("_unknown_", 6), java.util.Map.entry("_silence_", 2));
    List<String> unknown = names(l).subList(8, 14);
    assertThat(unknown).allMatch(n -> n.startsWith("c/") || n.startsWith("d/"));
    assertThat(names(l).subList(14, 16)).containsExactly(null, null);
    assertThat(l.labels()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3);
  }

  @Test
  void maxSamplesPerClassAppliesToEveryClass() throws Exception {
    files("a", 5);
    files("b", 5);
    files("c", 5);
    DirectoryListing l = DirectoryListing.list(dir, DirectoryListing.Options.of(
        List.of("a", "b", "_unknown_"), DirectoryListing.WAV).maxSamplesPerClass(2));
    // a, b: 2 each; average 2; unknown: int(2 * 1.0) = 2 from c
    assertThat(l.classCounts()).containsEntry("a", 2).containsEntry("b", 2).containsEntry("_unknown_", 2);
  }

  @Test
  void shuffleKeepsEachFileWithItsLabelAndRepeats() throws Exception {
    files("a", 6);
    files("b", 6);
    DirectoryListing.Options o = DirectoryListing.Options.of(List.of("a", "b"), DirectoryListing.WAV).shuffle(42);
    DirectoryListing l = DirectoryListing.list(dir, o);
    assertThat(names(l)).hasSize(12).isNotEqualTo(names(DirectoryListing.list(dir,
        DirectoryListing.Options.of(List.of("a", "b"), DirectoryListing.WAV))));
    for (int i = 0; i < l.size(); i++) {
      assertThat(l.labels()[i]).isEqualTo(l.files().get(i).getParent().getFileName().toString().equals("a") ? 0 : 1);
    }
    assertThat(names(DirectoryListing.list(dir, o))).isEqualTo(names(l));
  }

  @Test
  void aClassWithoutFilesIsNamed() throws Exception {
    files("a", 2);
    assertThatThrownBy(() -> DirectoryListing.list(dir, DirectoryListing.Options.of(List.of("a", "zebra"),
        DirectoryListing.WAV))).hasMessageContaining("no .wav files for class zebra")
        .hasMessageContaining(dir.resolve("zebra").toString());
    assertThatThrownBy(() -> DirectoryListing.list(dir.resolve("nowhere"), DirectoryListing.Options.of(List.of("a"),
        DirectoryListing.WAV))).hasMessageContaining("nowhere does not exist");
  }

  @Test
  void fromDirectoryDecodesInOrderWithTheElementNumberAsSeed() throws Exception {
    files("a", 3);
    files("b", 3);
    DirectoryListing l = DirectoryListing.list(dir, DirectoryListing.Options.of(List.of("a", "b"),
        DirectoryListing.WAV).shuffle(7));
    // the decoder returns {seed, index of the file name's digit}: on 3 threads, still in order
    SpecDataset d = SpecDataset.fromDirectory(l, (f, seed) -> new float[] {seed,
        f.getFileName().toString().charAt(1) - '0'}, 3);
    List<Sample> s = d.toList(-1);
    assertThat(s).hasSize(6);
    for (int i = 0; i < 6; i++) {
      assertThat(s.get(i).x()[0]).isEqualTo(i);
      assertThat(s.get(i).x()[1]).isEqualTo(l.files().get(i).getFileName().toString().charAt(1) - '0');
      assertThat(s.get(i).label()).isEqualTo(l.labels()[i]);
    }
  }

  @Test
  void freshEachEpochSeedsEpochEFromESizeOn() throws Exception {
    files("a", 2);
    files("b", 2);
    DirectoryListing l = DirectoryListing.list(dir, DirectoryListing.Options.of(List.of("a", "b"),
        DirectoryListing.WAV));
    FileDecoder seedOnly = (f, seed) -> new float[] {seed};
    SpecDataset fresh = SpecDataset.fromDirectory(l, seedOnly, 2, true);
    SpecDataset same = SpecDataset.fromDirectory(l, seedOnly, 2);
    // 4 files: epoch 0 seeds 0-3, epoch 2 seeds 8-11; the plain source reuses 0-3 every epoch
    assertThat(seeds(fresh, 0)).containsExactly(0f, 1f, 2f, 3f);
    assertThat(seeds(fresh, 2)).containsExactly(8f, 9f, 10f, 11f);
    assertThat(seeds(fresh, 2)).containsExactly(8f, 9f, 10f, 11f);
    assertThat(seeds(same, 2)).containsExactly(0f, 1f, 2f, 3f);
    assertThat(fresh.knownLabels()).containsExactly(l.labels());
  }

  private static List<Float> seeds(SpecDataset d, int epoch) {
    List<Float> out = new java.util.ArrayList<>();
    d.iterator(epoch).forEachRemaining(s -> out.add(s.x()[0]));
    return out;
  }

  @Test
  void countingBatchesAndClassesDecodesNothing() throws Exception {
    files("a", 3);
    files("b", 2);
    DirectoryListing l = DirectoryListing.list(dir, DirectoryListing.Options.of(List.of("a", "b"),
        DirectoryListing.WAV).shuffle(3));
    java.util.concurrent.atomic.AtomicInteger decoded = new java.util.concurrent.atomic.AtomicInteger();
    SpecDataset d = SpecDataset.fromDirectory(l, (f, seed) -> {
      decoded.incrementAndGet();
      return new float[] {seed};
    }, 2).shuffle(5, 1).prefetch(1);
    try (SpecBatches b = new SpecBatches(d, new SpecBatches.Settings(2, new int[] {1}, ClassMode.SPARSE, 2, null,
        null))) {
      // 5 samples in batches of 2: 3 batches
      assertThat(b.batchesPerEpoch()).isEqualTo(3);
      assertThat(b.sampleCount()).isEqualTo(5);
    }
    assertThat(SpecBatches.classCounts(d, 2)).containsExactly(3, 2);
    assertThat(SpecBatches.classCounts(d.repeat(2), 2)).containsExactly(6, 4);
    assertThat(decoded.get()).isZero();
    // after a map the targets may differ: the labels are no longer known, and counting reads
    assertThat(d.map(s -> s).knownLabels()).isNull();
    assertThat(SpecBatches.classCounts(d.map(s -> Sample.of(s.x(), 0)), 2)).containsExactly(5, 0);
    assertThat(decoded.get()).isEqualTo(5);
  }
}
