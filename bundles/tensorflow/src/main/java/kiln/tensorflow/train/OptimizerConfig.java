package kiln.tensorflow.train;

import java.util.Locale;
import java.util.Map;
import kiln.api.KilnException;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.TFloat32;

/**
 * The spec's {@code optimizer} setting: {@code "adam"}, {@code "sgd"}, {@code "rmsprop"}, or a map
 * {@code {"name": ..., "learning_rate": ..., ...}} with Keras' argument names and defaults. The
 * learning rate is fed each step so callbacks can change it.
 */
public record OptimizerConfig(String name, double learningRate, double beta1, double beta2, double epsilon,
    double momentum, boolean nesterov, double rho, boolean centered) {

  /**
   * Parses the setting.
   *
   * @throws KilnException naming the optimizer setting and what was expected
   */
  public static OptimizerConfig parse(Object setting) {
    Map<?, ?> m = setting instanceof Map<?, ?> map ? map : Map.of();
    Object rawName = setting instanceof Map<?, ?> ? m.get("name") : setting;
    if (rawName == null) {
      throw new KilnException("optimizer: expected \"adam\", \"sgd\", \"rmsprop\" or a map with \"name\", got " + setting);
    }
    String name = rawName.toString().toLowerCase(Locale.ROOT);
    for (Object k : m.keySet()) {
      if (!java.util.List.of("name", "learning_rate", "lr", "beta_1", "beta_2", "epsilon", "momentum", "nesterov",
          "rho", "centered", "amsgrad").contains(k.toString())) {
        throw new KilnException("optimizer: unknown argument '" + k + "'; expected name, learning_rate, beta_1, "
            + "beta_2, epsilon (adam), momentum, nesterov (sgd), rho, momentum, epsilon, centered (rmsprop)");
      }
    }
    if (Boolean.TRUE.equals(m.get("amsgrad"))) {
      throw new KilnException("optimizer: amsgrad is not supported by the TensorFlow trainer");
    }
    double lrDefault = name.equals("sgd") ? 0.01 : 0.001;
    double lr = num(m, "learning_rate", num(m, "lr", lrDefault));
    return switch (name) {
      case "adam" -> new OptimizerConfig("adam", lr, num(m, "beta_1", 0.9), num(m, "beta_2", 0.999),
          num(m, "epsilon", 1e-7), 0, false, 0, false);
      case "sgd" -> new OptimizerConfig("sgd", lr, 0, 0, 0, num(m, "momentum", 0.0),
          Boolean.TRUE.equals(m.get("nesterov")), 0, false);
      case "rmsprop" -> new OptimizerConfig("rmsprop", lr, 0, 0, num(m, "epsilon", 1e-7), num(m, "momentum", 0.0),
          false, num(m, "rho", 0.9), Boolean.TRUE.equals(m.get("centered")));
      default -> throw new KilnException("optimizer: '" + rawName + "' is not supported; expected adam, sgd or rmsprop");
    };
  }

  private static double num(Map<?, ?> m, String key, double dflt) {
    Object v = m.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n && n.doubleValue() >= 0) {
      return n.doubleValue();
    }
    throw new KilnException("optimizer: " + key + " expected a non-negative number, got " + v);
  }

  /** Makes a variable's optimizer slot (zero-initialized, the shape of the variable) by its Keras name. */
  @FunctionalInterface
  interface Slots {
    Variable<TFloat32> slot(String name);
  }

  /**
   * The update op of one variable; its slots (Adam's {@code m} and {@code v}, SGD's {@code momentum},
   * RMSprop's {@code rms}, {@code momentum} and {@code mg}) come from {@code slots}, so the session can
   * save and restore them.
   *
   * @param beta1Power beta_1 to the power of the step (adam), fed per step
   */
  Op apply(Ops tf, Variable<TFloat32> var, Operand<TFloat32> grad, Operand<TFloat32> lr,
      Operand<TFloat32> beta1Power, Operand<TFloat32> beta2Power, Slots slots) {
    return switch (name) {
      case "adam" -> tf.train.applyAdam(var, slots.slot("m"), slots.slot("v"), beta1Power, beta2Power, lr,
          tf.constant((float) beta1), tf.constant((float) beta2), tf.constant((float) epsilon), grad);
      case "sgd" -> momentum == 0
          ? tf.train.applyGradientDescent(var, lr, grad)
          : tf.train.applyMomentum(var, slots.slot("momentum"), lr, grad, tf.constant((float) momentum),
              ApplyMomentum.useNesterov(nesterov));
      case "rmsprop" -> centered
          ? tf.train.applyCenteredRmsProp(var, slots.slot("mg"), slots.slot("rms"), slots.slot("momentum"), lr,
              tf.constant((float) rho), tf.constant((float) momentum), tf.constant((float) epsilon), grad)
          : tf.train.applyRmsProp(var, slots.slot("rms"), slots.slot("momentum"), lr, tf.constant((float) rho),
              tf.constant((float) momentum), tf.constant((float) epsilon), grad);
      default -> throw new IllegalStateException(name);
    };
  }
}
