package kiln.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.model.WeightSpec;
import kiln.spec.KilnModel;
import org.junit.jupiter.api.Test;

/**
 * keyword_spotting_with_transfer_learning starts from keyword_spotting_mobilenetv2's trained weights,
 * taken by name and shape (MLTK's load_weights(by_name=True, skip_mismatch=True)): every weight but the
 * classifier's (11 classes against 12) must have a weight of the same name and shape in the base.
 */
class TransferLearningSpecTest {
  private static Map<String, WeightSpec> weights(KilnModel m) {
    Map<String, WeightSpec> out = new LinkedHashMap<>();
    for (WeightSpec w : m.buildGraph().weights()) {
      out.put(w.name(), w);
    }
    return out;
  }

  @Test
  void everyWeightButTheClassifierCarriesOverFromTheBase() {
    KilnModel tuned = ZooSpecsTest.FINDER.load("keyword_spotting_with_transfer_learning");
    KilnModel base = ZooSpecsTest.FINDER.load("keyword_spotting_mobilenetv2");
    assertThat(tuned.initialWeights).isEqualTo("keyword_spotting_mobilenetv2");
    assertThat(tuned.settings()).containsEntry("initial_weights", "keyword_spotting_mobilenetv2");
    assertThat(base.settings()).doesNotContainKey("initial_weights");
    Map<String, WeightSpec> t = weights(tuned);
    Map<String, WeightSpec> b = weights(base);
    List<String> mismatched = t.values().stream()
        .filter(w -> !b.containsKey(w.name()) || !java.util.Arrays.equals(b.get(w.name()).shape(), w.shape()))
        .map(WeightSpec::toString).toList();
    assertThat(tuned.nClasses()).isEqualTo(11);
    assertThat(base.nClasses()).isNotEqualTo(11);
    // the classifier's kernel and bias (on the last block's 384 filters), the only weights whose shape
    // depends on the class count
    assertThat(mismatched).containsExactly("dense/kernel[384, 11]", "dense/bias[11]");
    assertThat(b.get("dense/kernel").shape()).containsExactly(384, 8);
    assertThat(b.keySet()).isEqualTo(t.keySet());
  }
}
