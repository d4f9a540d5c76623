package kiln.api.data;

import java.util.Objects;
import java.util.Set;

/**
 * A dataset's own split, as Speech Commands defines it with {@code validation_list.txt} and
 * {@code testing_list.txt}: the files named as validation samples and as test samples; every other
 * file is a training sample. Files are named relative to the dataset's root with {@code /}
 * separators ({@code yes/0a7c2a8d_nohash_0.wav}).
 *
 * @param validation the validation samples
 * @param test the test samples
 */
public record DatasetSplit(Set<String> validation, Set<String> test) {
  public DatasetSplit {
    validation = Set.copyOf(Objects.requireNonNull(validation, "validation"));
    test = Set.copyOf(Objects.requireNonNull(test, "test"));
  }
}
