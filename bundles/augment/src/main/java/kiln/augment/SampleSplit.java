package kiln.augment;

import java.nio.file.Path;
import kiln.api.data.Dataset;
import kiln.util.data.SampleSplit.Side;

/**
 * Which subset a dataset's file is in, for the audio generator: the rule itself is
 * {@link kiln.util.data.SampleSplit} (shared with the image generator). A dataset with its own split
 * (Speech Commands' {@code validation_list.txt} and {@code testing_list.txt}) decides; otherwise
 * the Speech Commands hashing rule with {@code validation_split}.
 */
public final class SampleSplit {
  private SampleSplit() {}

  /** The group name a file is hashed by: its name up to {@code _nohash_}. */
  public static String groupName(Path file) {
    return kiln.util.data.SampleSplit.groupName(file);
  }

  /** The file's stable percentage in [0, 100]. */
  public static double percentage(Path file) {
    return kiln.util.data.SampleSplit.percentage(file);
  }

  /** Whether the file belongs to the validation subset for this split fraction. */
  public static boolean isValidation(Path file, double validationSplit) {
    return kiln.util.data.SampleSplit.isValidation(file, validationSplit);
  }

  /** Whether {@code file} of {@code dataset} is in {@code subset}; test files are in neither subset. */
  public static boolean inSubset(Dataset dataset, Path file, double validationSplit, SampleIndex.Subset subset) {
    if (subset == SampleIndex.Subset.ALL) {
      return true;
    }
    Side side = kiln.util.data.SampleSplit.side(dataset, file, validationSplit);
    return side == (subset == SampleIndex.Subset.VALIDATION ? Side.VALIDATION : Side.TRAINING);
  }

  /** How the dataset is split, for messages. */
  public static String rule(Dataset dataset, double validationSplit) {
    return dataset.split() != null ? "the dataset's validation_list.txt and testing_list.txt"
        : "validation_split " + validationSplit;
  }
}
