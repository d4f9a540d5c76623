package kiln.datasets.speechcommands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import kiln.api.KilnException;
import kiln.api.data.DatasetSplit;

/**
 * Speech Commands' own split: {@code validation_list.txt} and {@code testing_list.txt} name one
 * file per line relative to the dataset folder ({@code right/bb05582b_nohash_3.wav}); the files
 * they name are the validation and test samples, every other file is a training sample.
 */
final class SplitLists {
  static final String VALIDATION = "validation_list.txt";
  static final String TESTING = "testing_list.txt";

  private SplitLists() {}

  /** The split the two lists in {@code root} define. */
  static DatasetSplit read(Path root) {
    Set<String> validation = names(root.resolve(VALIDATION));
    Set<String> test = names(root.resolve(TESTING));
    for (String name : validation) {
      if (test.contains(name)) {
        throw new KilnException("dataset " + SpeechCommandsV2Provider.NAME + ": " + name + " is in both "
            + root.resolve(VALIDATION) + " and " + root.resolve(TESTING) + "; a file belongs to one subset");
      }
    }
    return new DatasetSplit(validation, test);
  }

  private static Set<String> names(Path list) {
    if (!Files.isRegularFile(list)) {
      throw new KilnException("dataset " + SpeechCommandsV2Provider.NAME + ": " + list
          + " is missing; it names the dataset's " + (list.endsWith(VALIDATION) ? "validation" : "test")
          + " files (delete the folder to download the dataset again)");
    }
    Set<String> names = new LinkedHashSet<>();
    try {
      for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
        String name = line.strip().replace('\\', '/');
        if (name.startsWith("./")) {
          name = name.substring(2);
        }
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new KilnException("dataset " + SpeechCommandsV2Provider.NAME + ": cannot read " + list + ": "
          + e.getMessage(), e);
    }
    return names;
  }
}
