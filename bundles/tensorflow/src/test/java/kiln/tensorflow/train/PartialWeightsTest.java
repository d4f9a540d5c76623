package kiln.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import kiln.api.KilnException;
import kiln.api.model.LayerGraph;
import kiln.api.model.TensorData;
import kiln.api.model.WeightSpec;
import kiln.api.model.Weights;
import org.junit.jupiter.api.Test;

/**
 * Initial weights marked {@link Weights#partial()} (transfer learning): the variables they name start
 * with exactly their values, every other variable as a session without initial weights starts it (its
 * initializer, same seed); unmarked weights (a checkpoint) must still name every variable.
 */
class PartialWeightsTest {
  private static ModelSession session(LayerGraph g, Weights initial) {
    return ModelSession.forTraining(g, initial, 7, OptimizerConfig.parse("adam"),
        LossConfig.CATEGORICAL_CROSSENTROPY, "cpu");
  }

  /** 1, 2, 3, ... in the variable's shape: values no initializer makes. */
  private static TensorData counting(WeightSpec w) {
    float[] v = new float[(int) w.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = i + 1;
    }
    return TensorData.ofFloat32(w.shape(), v);
  }

  @Test
  void namedVariablesTakeTheirValuesAndTheRestTheirInitializers() {
    LayerGraph g = TrainerTest.model();
    List<WeightSpec> specs = g.weights();
    WeightSpec given = specs.stream().filter(w -> w.name().endsWith("/kernel")).findFirst().orElseThrow();
    Weights fresh;
    try (ModelSession s = session(g, null)) {
      fresh = s.weights();
    }
    Weights partial;
    try (ModelSession s = session(g, new Weights().partial().put(given.name(), counting(given)))) {
      partial = s.weights();
    }
    assertThat(partial.size()).isEqualTo(specs.size());
    for (WeightSpec w : specs) {
      float[] want = w.equals(given) ? counting(w).toFloats() : fresh.get(w.name()).toFloats();
      assertThat(partial.get(w.name()).toFloats()).as(w.name()).isEqualTo(want);
    }
  }

  @Test
  void unmarkedWeightsMustNameEveryVariable() {
    LayerGraph g = TrainerTest.model();
    WeightSpec first = g.weights().get(0);
    assertThatThrownBy(() -> session(g, new Weights().put(first.name(), counting(first))))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("weights of synthetic: no value for " + g.weights().get(1).name());
  }
}
