package kiln.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kiln.api.KilnException;
import kiln.api.data.Dataset;
import kiln.api.data.DatasetSplit;
import kiln.api.data.FrontendSettings;
import kiln.audio.WavWriter;
import kiln.augment.audio.BuiltinAugmenters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset with its own lists (Speech Commands' validation_list.txt and testing_list.txt): listed
 * files are validation or test samples whatever validation_split says, the rest is training, and
 * test samples are in neither subset.
 */
class OwnSplitTest {
  static final List<String> CLASSES = List.of("yes", "no", "_unknown_");
  @TempDir static Path root;
  static Dataset listed;

  @BeforeAll
  static void makeDataset() throws IOException {
    for (String c : List.of("yes", "no", "up", "down")) {
      Files.createDirectories(root.resolve(c));
      for (int i = 0; i < 5; i++) {
        short[] pcm = new short[8000];
        pcm[4000] = (short) (1000 * (i + 1));
        WavWriter.write(root.resolve(c).resolve("spk" + i + "_nohash_0.wav"), pcm, 16000);
      }
    }
    Files.writeString(root.resolve("validation_list.txt"), "yes/spk0_nohash_0.wav\nno/spk1_nohash_0.wav\n"
        + "up/spk0_nohash_0.wav\n");
    Files.writeString(root.resolve("testing_list.txt"), "yes/spk1_nohash_0.wav\nno/spk2_nohash_0.wav\n"
        + "up/spk1_nohash_0.wav\ndown/spk1_nohash_0.wav\n");
    // what the speech_commands_v2 provider reads from the two lists
    listed = GeneratorTest.listing(root).withSplit(new DatasetSplit(
        Set.copyOf(Files.readAllLines(root.resolve("validation_list.txt"))),
        Set.copyOf(Files.readAllLines(root.resolve("testing_list.txt")))));
  }

  static Set<String> names(Dataset d, SampleIndex.Subset subset, double validationSplit) {
    SampleIndex index = SampleIndex.build(d, CLASSES,
        new DatagenSettings(Map.of("validation_split", validationSplit, "unknown_class_percentage", 1.0)),
        subset, -1, 1);
    Set<String> out = new HashSet<>();
    for (int i = 0; i < index.size(); i++) {
      out.add(root.relativize(index.file(i)).toString().replace('\\', '/'));
    }
    return out;
  }

  @Test
  void theListsDecideTheSubsets() {
    // validation_split 0.4 would put spk0, spk4 (and others) in validation by the hash rule; the lists win
    Set<String> validation = names(listed, SampleIndex.Subset.VALIDATION, 0.4);
    Set<String> training = names(listed, SampleIndex.Subset.TRAINING, 0.4);
    assertThat(validation).containsExactlyInAnyOrder("yes/spk0_nohash_0.wav", "no/spk1_nohash_0.wav",
        "up/spk0_nohash_0.wav");
    assertThat(training).contains("yes/spk2_nohash_0.wav", "yes/spk3_nohash_0.wav", "yes/spk4_nohash_0.wav",
        "no/spk0_nohash_0.wav", "no/spk3_nohash_0.wav", "no/spk4_nohash_0.wav")
        .doesNotContainAnyElementsOf(validation)
        .doesNotContain("yes/spk1_nohash_0.wav", "no/spk2_nohash_0.wav", "up/spk1_nohash_0.wav",
            "down/spk1_nohash_0.wav");
    // the same without validation data: test and validation files are still not trained on
    assertThat(names(listed, SampleIndex.Subset.TRAINING, 0.0)).isEqualTo(training);
  }

  @Test
  void withoutListsTheHashRuleStays() throws IOException {
    Dataset plain = GeneratorTest.listing(root);
    List<String> expected = new ArrayList<>();
    for (String c : List.of("yes", "no")) {
      for (Path p : plain.samplesByClass().get(c)) {
        if (SampleSplit.isValidation(p, 0.4)) {
          expected.add(root.relativize(p).toString());
        }
      }
    }
    // spk0 and spk4 hash below 40%: yes/spk4 is a training file by the lists, no/spk1 a listed validation file
    assertThat(names(plain, SampleIndex.Subset.VALIDATION, 0.4)).containsAll(expected)
        .contains("yes/spk4_nohash_0.wav").doesNotContain("no/spk1_nohash_0.wav");
  }

  @Test
  void generatorsServeTheListedSubsets() {
    try (var train = builder().build();
        var val = builder().subset(SampleIndex.Subset.VALIDATION).build()) {
      assertThat(val.classCounts()).containsEntry("yes", 1).containsEntry("no", 1).containsEntry("_unknown_", 1);
      assertThat(train.classCounts()).containsEntry("yes", 3).containsEntry("no", 3);
    }
    // a class without listed validation files says which rule left it empty
    Dataset noneListed = listed.withSplit(new DatasetSplit(Set.of("yes/spk0_nohash_0.wav"), Set.of()));
    assertThatThrownBy(() -> builder().dataset(noneListed).subset(SampleIndex.Subset.VALIDATION).build())
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("no validation samples for class(es) [no, _unknown_]")
        .hasMessageContaining("the dataset's validation_list.txt and testing_list.txt");
  }

  private static ParallelAudioDataGenerator.Builder builder() {
    return ParallelAudioDataGenerator.builder().dataset(listed).classes(CLASSES)
        .settings(Map.of("validation_split", 0.1, "unknown_class_percentage", 1.0))
        .frontend(FrontendSettings.defaults(), GeneratorTest.QUARTERS).augmenters(BuiltinAugmenters.all()).batchSize(4);
  }
}
