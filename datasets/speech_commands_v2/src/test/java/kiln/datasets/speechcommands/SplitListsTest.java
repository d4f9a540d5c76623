package kiln.datasets.speechcommands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import kiln.api.KilnException;
import kiln.api.data.DatasetSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two list files of a dataset folder made here. */
class SplitListsTest {
  @TempDir Path root;

  @Test
  void listedFilesAreValidationAndTestSamples() throws Exception {
    Files.writeString(root.resolve("validation_list.txt"), "yes/a_nohash_0.wav\r\n./no/b_nohash_1.wav\n\n");
    Files.writeString(root.resolve("testing_list.txt"), "yes/c_nohash_0.wav\n");
    DatasetSplit split = SplitLists.read(root);
    assertThat(split.validation()).containsExactlyInAnyOrder("yes/a_nohash_0.wav", "no/b_nohash_1.wav");
    assertThat(split.test()).containsExactly("yes/c_nohash_0.wav");
  }

  @Test
  void aFileInBothListsOrAMissingListIsAnError() throws Exception {
    Files.writeString(root.resolve("validation_list.txt"), "yes/a_nohash_0.wav\n");
    assertThatThrownBy(() -> SplitLists.read(root)).isInstanceOf(KilnException.class)
        .hasMessageContaining("testing_list.txt is missing; it names the dataset's test files");
    Files.writeString(root.resolve("testing_list.txt"), "yes/a_nohash_0.wav\n");
    assertThatThrownBy(() -> SplitLists.read(root)).isInstanceOf(KilnException.class)
        .hasMessageContaining("yes/a_nohash_0.wav is in both");
  }
}
