package kiln.tensorflow.train;

import java.util.Locale;
import kiln.api.KilnException;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The spec's {@code loss}: categorical_crossentropy, binary_crossentropy, mean_squared_error,
 * mean_absolute_error or contrastive on one-hot (or target) labels, per sample. When the output
 * layer ends in softmax (or sigmoid) the cross-entropies are computed from its logits, as Keras
 * does, for numerical stability.
 */
public enum LossConfig {
  CATEGORICAL_CROSSENTROPY,
  BINARY_CROSSENTROPY,
  MEAN_SQUARED_ERROR,
  MEAN_ABSOLUTE_ERROR,
  /**
   * The contrastive loss of MLTK's siamese_contrastive example with margin 1: for a predicted
   * distance p and a label y (1: similar), {@code (1 - y) p^2 + y max(1 - p, 0)^2}.
   */
  CONTRASTIVE;

  private static final String SUPPORTED = "categorical_crossentropy, binary_crossentropy, mean_squared_error,"
      + " mean_absolute_error or contrastive";

  /** Keras clips probabilities to [eps, 1 - eps] with this epsilon. */
  private static final float EPSILON = 1e-7f;

  /**
   * Parses the loss setting.
   *
   * @throws KilnException naming the loss setting when it is not supported
   */
  public static LossConfig parse(Object setting) {
    String s = setting == null ? "" : setting.toString().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "categorical_crossentropy" -> CATEGORICAL_CROSSENTROPY;
      case "binary_crossentropy" -> BINARY_CROSSENTROPY;
      case "mean_squared_error", "mse" -> MEAN_SQUARED_ERROR;
      case "mean_absolute_error", "mae" -> MEAN_ABSOLUTE_ERROR;
      case "contrastive" -> CONTRASTIVE;
      case "sparse_categorical_crossentropy" -> throw new KilnException("loss: 'sparse_categorical_crossentropy' is"
          + " not supported (TensorFlow has no gradient for the sparse op); use 'categorical_crossentropy' with"
          + " class_mode 'categorical' (one-hot labels)");
      default -> throw new KilnException("loss: '" + setting + "' is not supported; expected " + SUPPORTED);
    };
  }

  /**
   * The loss of each sample, shape [N].
   *
   * @param output the output layer's values
   * @param logits its values before softmax/sigmoid, or null
   * @param activation "softmax", "sigmoid" or null
   * @param rank the output's rank including the batch dimension
   */
  Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> output, Operand<TFloat32> logits, String activation,
      Operand<TFloat32> labels, int rank) {
    Operand<TFloat32> elementwise;
    switch (this) {
      case CATEGORICAL_CROSSENTROPY -> {
        if (rank == 2 && "softmax".equals(activation)) {
          return tf.nn.softmaxCrossEntropyWithLogits(logits, labels).loss();
        }
        Operand<TFloat32> p = tf.math.div(output, tf.sum(output, tf.constant(-1),
            org.tensorflow.op.core.Sum.keepDims(true)));
        p = tf.clipByValue(p, tf.constant(EPSILON), tf.constant(1 - EPSILON));
        Operand<TFloat32> ce = tf.math.neg(tf.sum(tf.math.mul(labels, tf.math.log(p)), tf.constant(-1)));
        return rank == 2 ? ce : tf.math.mean(ce, axes(tf, rank - 1));
      }
      case BINARY_CROSSENTROPY -> {
        if ("sigmoid".equals(activation)) {
          // max(x, 0) - x * z + log(1 + exp(-|x|))
          elementwise = tf.math.add(tf.math.sub(tf.nn.relu(logits), tf.math.mul(logits, labels)),
              tf.math.softplus(tf.math.neg(tf.math.abs(logits))));
        } else {
          Operand<TFloat32> p = tf.clipByValue(output, tf.constant(EPSILON), tf.constant(1 - EPSILON));
          Operand<TFloat32> one = tf.constant(1f);
          elementwise = tf.math.neg(tf.math.add(tf.math.mul(labels, tf.math.log(p)),
              tf.math.mul(tf.math.sub(one, labels), tf.math.log(tf.math.sub(one, p)))));
        }
      }
      case MEAN_SQUARED_ERROR -> elementwise = tf.math.square(tf.math.sub(labels, output));
      case MEAN_ABSOLUTE_ERROR -> elementwise = tf.math.abs(tf.math.sub(labels, output));
      case CONTRASTIVE -> {
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> far = tf.math.square(tf.math.maximum(tf.math.sub(one, output), tf.constant(0f)));
        elementwise = tf.math.add(tf.math.mul(tf.math.sub(one, labels), tf.math.square(output)),
            tf.math.mul(labels, far));
      }
      default -> throw new IllegalStateException(name());
    }
    return tf.math.mean(elementwise, axes(tf, rank));
  }

  /** The axes 1 .. rank-1 (everything but the batch). */
  private static Operand<org.tensorflow.types.TInt32> axes(Ops tf, int rank) {
    int[] a = new int[rank - 1];
    for (int i = 0; i < a.length; i++) {
      a[i] = i + 1;
    }
    return tf.constant(a);
  }

  /** The Keras name. */
  public String kerasName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
