package kiln.archive;

/**
 * Entry names inside a model archive {@code NAME.kiln.zip} (MLTK's names where MLTK has one):
 *
 * <pre>
 * kiln-archive.json                archive format version, model name, Kiln version
 * NAME.java                        the model specification's source
 * NAME.weights                     trained float weights ({@link WeightsFormat})
 * NAME.summary.txt                 layer summary of the float model
 * NAME.tflite                      the quantized model
 * NAME.tflite.summary.txt          its summary
 * NAME.float32.tflite              the unquantized .tflite (generate_unquantized)
 * train/log.txt                    the training log
 * train/training-history.json      per-epoch metrics, MLTK's layout ({@link TrainingHistory})
 * train/training-history.png       loss and accuracy curves
 * eval/float/...                   evaluation of the float model (eval-results.json, summary.txt, plots)
 * eval/tflite/...                  evaluation of the .tflite model
 * provenance.json                  where the model came from ({@link Provenance})
 * </pre>
 */
public final class ArchiveLayout {
  /** The archive file's suffix. */
  public static final String SUFFIX = ".kiln.zip";

  /** The archive's own description; its absence marks an archive Kiln did not write (MLTK). */
  public static final String MANIFEST = "kiln-archive.json";

  /** The format version this Kiln writes. Readers accept this one and every earlier one. */
  public static final int FORMAT_VERSION = 1;

  public static final String TRAIN_LOG = "train/log.txt";
  public static final String TRAINING_HISTORY = "train/training-history.json";
  public static final String TRAINING_HISTORY_PLOT = "train/training-history.png";
  public static final String PROVENANCE = "provenance.json";
  public static final String EVAL_FLOAT = "eval/float/";
  public static final String EVAL_TFLITE = "eval/tflite/";

  private ArchiveLayout() {}

  /** {@code NAME.kiln.zip}. */
  public static String archiveFileName(String model) {
    return model + SUFFIX;
  }

  /** The model name of an archive file name, or null when it does not end in {@code .kiln.zip}. */
  public static String modelName(String archiveFileName) {
    return archiveFileName.endsWith(SUFFIX)
        ? archiveFileName.substring(0, archiveFileName.length() - SUFFIX.length())
        : null;
  }

  public static String specSource(String model) {
    return model + ".java";
  }

  public static String weights(String model) {
    return model + ".weights";
  }

  public static String summary(String model) {
    return model + ".summary.txt";
  }

  public static String tflite(String model) {
    return model + ".tflite";
  }

  public static String tfliteSummary(String model) {
    return model + ".tflite.summary.txt";
  }

  public static String float32Tflite(String model) {
    return model + ".float32.tflite";
  }

  /** {@code eval/tflite/} or {@code eval/float/}. */
  public static String evalDir(boolean tflite) {
    return tflite ? EVAL_TFLITE : EVAL_FLOAT;
  }
}
