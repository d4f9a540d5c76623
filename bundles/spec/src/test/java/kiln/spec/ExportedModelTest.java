package kiln.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import kiln.api.model.LayerGraph;
import kiln.api.model.TensorData;
import kiln.api.model.Weights;
import kiln.nn.Dense;
import kiln.nn.Input;
import kiln.nn.InputLayer;
import kiln.nn.Model;
import kiln.nn.Network;
import kiln.nn.Sequential;
import kiln.nn.Tensor;
import org.junit.jupiter.api.Test;

/** The export hook: the default hands back what it was given; a sub-network takes its weights by name. */
class ExportedModelTest {
  /** Two dense layers; exports the first one alone when {@code exportFirst}. */
  static class TwoDense extends KilnModel {
    boolean exportFirst;
    String firstName = "first";

    TwoDense() {
      inputShape = new int[] {4};
    }

    private Dense first() {
      Dense d = new Dense(3);
      d.set("name", firstName);
      return d;
    }

    @Override
    public Network buildModel() {
      Dense second = new Dense(2);
      second.set("name", "second");
      return new Sequential(name()).add(new InputLayer(inputShape())).add(first()).add(second);
    }

    @Override
    public Network exportModel() {
      if (!exportFirst) {
        return null;
      }
      Tensor in = Input.of(inputShape());
      return new Model("first_only", in, first().apply(in));
    }

    @Override
    public List<float[]> exportSamples(float[] sample) {
      // the sample and its mirror image
      float[] mirror = new float[sample.length];
      for (int i = 0; i < sample.length; i++) {
        mirror[i] = sample[sample.length - 1 - i];
      }
      return List.of(sample, mirror);
    }
  }

  static Weights weights(LayerGraph g) {
    Weights w = new Weights();
    g.weights().forEach(s -> w.put(s.name(), TensorData.ofFloat32(s.shape(), new float[(int) TensorData.elementCount(s.shape())])));
    return w;
  }

  @Test
  void theDefaultIsTheTrainedModelAndItsOwnSamples() {
    TwoDense m = new TwoDense();
    LayerGraph g = m.buildGraph();
    ExportedModel e = ExportedModel.of(m, g);
    assertThat(e.isTrainedModel()).isTrue();
    assertThat(e.graph()).isSameAs(g);
    Weights w = weights(g);
    assertThat(e.weights(w)).isSameAs(w);
    List<float[]> samples = List.of(new float[] {1, 2, 3, 4});
    ExportedModel.Split s = e.split(samples);
    assertThat(s.x()).isSameAs(samples);
    List<float[]> outputs = List.of(new float[] {5, 6});
    assertThat(s.scores(outputs)).isSameAs(outputs);
  }

  @Test
  void aSubNetworkTakesTheTrainedWeightsByNameAndItsOwnSamples() {
    TwoDense m = new TwoDense();
    m.exportFirst = true;
    LayerGraph g = m.buildGraph();
    ExportedModel e = ExportedModel.of(m, g);
    assertThat(e.isTrainedModel()).isFalse();
    assertThat(e.graph().name()).isEqualTo("first_only");
    Weights w = weights(g);
    assertThat(e.weights(w).asMap().keySet()).containsExactlyInAnyOrder("first/kernel", "first/bias");
    ExportedModel.Split s = e.split(List.of(new float[] {1, 2, 3, 4}, new float[] {5, 6, 7, 8}));
    assertThat(s.x()).containsExactly(new float[] {1, 2, 3, 4}, new float[] {4, 3, 2, 1}, new float[] {5, 6, 7, 8},
        new float[] {8, 7, 6, 5});
    assertThat(s.counts()).containsExactly(2, 2);
    // the default score needs one output per sample: this spec makes two
    assertThatThrownBy(() -> s.scores(List.of(new float[] {0}, new float[] {1}, new float[] {2}, new float[] {3})))
        .hasMessageContaining("exportScore").hasMessageContaining("2 inputs made from one sample");
  }

  @Test
  void aWeightTheTrainedModelLacksIsNamed() {
    TwoDense m = new TwoDense();
    LayerGraph g = m.buildGraph();
    m.exportFirst = true;
    m.firstName = "renamed";
    assertThatThrownBy(() -> ExportedModel.of(m, g).weights(weights(g)))
        .hasMessageContaining("renamed/kernel").hasMessageContaining("names they have in buildModel()");
  }
}
