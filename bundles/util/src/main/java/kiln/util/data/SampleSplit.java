package kiln.util.data;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import kiln.api.data.Dataset;
import kiln.api.data.DatasetSplit;

/**
 * Which subset a dataset's file is in, the one rule every data generator (audio, image) uses. A
 * dataset with its own split ({@link Dataset#split()}: Speech Commands' lists, Fashion-MNIST's test
 * images) decides: listed validation files are validation samples, listed test files are in neither
 * subset, every other file is a training sample. Otherwise the Speech Commands hashing rule keeps a
 * file in the same split however many files are added: the file name with everything from
 * {@code _nohash_} on removed (so one speaker's takes stay together) is hashed with SHA-1, and
 * {@code (hash mod 2^27) * 100 / (2^27 - 1)} is the file's percentage; a file is in validation when
 * that is below {@code validation_split * 100}.
 */
public final class SampleSplit {
  /** Where a file belongs. */
  public enum Side { TRAINING, VALIDATION, TEST }

  private static final BigInteger BUCKETS = BigInteger.valueOf(1L << 27);
  private static final double MAX_NUM_WAVS_PER_CLASS = (1 << 27) - 1;

  private SampleSplit() {}

  /** The group name a file is hashed by: its name up to {@code _nohash_}. */
  public static String groupName(Path file) {
    String name = file.getFileName().toString();
    int at = name.indexOf("_nohash_");
    return at >= 0 ? name.substring(0, at) : name;
  }

  /** The file's stable percentage in [0, 100]. */
  public static double percentage(Path file) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1")
          .digest(groupName(file).getBytes(StandardCharsets.UTF_8));
      long bucket = new BigInteger(1, digest).mod(BUCKETS).longValue();
      return bucket * (100.0 / MAX_NUM_WAVS_PER_CLASS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 missing from the JDK", e);
    }
  }

  /** Whether the file belongs to the validation subset for this split fraction. */
  public static boolean isValidation(Path file, double validationSplit) {
    return validationSplit > 0 && percentage(file) < validationSplit * 100;
  }

  /** Where {@code file} of {@code dataset} belongs (see the class comment). */
  public static Side side(Dataset dataset, Path file, double validationSplit) {
    DatasetSplit own = dataset.split();
    if (own == null) {
      return isValidation(file, validationSplit) ? Side.VALIDATION : Side.TRAINING;
    }
    String name = dataset.root().relativize(file).toString().replace('\\', '/');
    if (own.validation().contains(name)) {
      return Side.VALIDATION;
    }
    return own.test().contains(name) ? Side.TEST : Side.TRAINING;
  }

  /** How the dataset is split, for messages. */
  public static String rule(Dataset dataset, double validationSplit) {
    return dataset.split() != null ? "the dataset's own split" : "validation_split " + validationSplit;
  }
}
