package kiln.nn;

import static kiln.nn.Args.kw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import kiln.api.KilnException;
import kiln.api.model.LayerGraph;
import kiln.api.model.LayerNode;
import kiln.api.model.WeightSpec;
import org.junit.jupiter.api.Test;

/** A layer applied twice (a Siamese tower) shares its weights: one set of variables, two nodes. */
class SharedLayersTest {
  static LayerGraph twoTowers() {
    Conv2D conv = new Conv2D(kw("filters", 2, "kernel_size", 3));
    Flatten flat = new Flatten();
    Tensor a = Input.of(5, 5, 1);
    Tensor b = Input.of(5, 5, 1);
    Tensor ta = flat.apply(conv.apply(a));
    Tensor tb = flat.apply(conv.apply(b));
    Tensor out = new Dense(1).apply(new Concatenate().apply(ta, tb));
    return new Model("towers", List.of(a, b), List.of(out)).toGraph();
  }

  @Test
  void reuseMakesNodesHoldingTheFirstApplicationsVariables() {
    LayerGraph g = twoTowers();
    assertThat(g.layers()).extracting(LayerNode::name).containsExactly(
        "input_1", "input_2", "conv2d", "flatten", "conv2d.1", "flatten.1", "concatenate", "dense");
    assertThat(g.inputs()).containsExactly("input_1", "input_2");
    assertThat(g.layer("conv2d.1").inputs()).containsExactly("input_2");
    assertThat(g.layer("flatten.1").inputs()).containsExactly("conv2d.1");
    assertThat(g.layer("concatenate").inputs()).containsExactly("flatten", "flatten.1");
    assertThat(g.layer("conv2d.1").weights()).extracting(WeightSpec::name)
        .containsExactly("conv2d/kernel", "conv2d/bias");
    // the variables once: conv 3*3*1*2 + 2, dense (2 * 18) + 1
    assertThat(g.weights()).extracting(WeightSpec::toString)
        .containsExactly("conv2d/kernel[3, 3, 1, 2]", "conv2d/bias[2]", "dense/kernel[36, 1]", "dense/bias[1]");
    assertThat(GraphWeights.of(g)).isEqualTo(g.weights());
    assertThat(GraphWeights.of(g, g.layer("conv2d.1"))).isEqualTo(g.layer("conv2d.1").weights());
    ModelSummary s = ModelSummary.of(g);
    assertThat(s.totalParams()).isEqualTo(20 + 37);
    // both towers compute: 2 * (3*3*2 outputs * 9 taps) + 36
    assertThat(s.totalMacs()).isEqualTo(2 * 3 * 3 * 2 * 9 + 36);
    assertThat(s.rows().get(4).params()).isZero();
  }

  @Test
  void aSharedLayerMustFitEveryInput() {
    Conv2D conv = new Conv2D(kw("filters", 2, "kernel_size", 3));
    conv.apply(Input.of(5, 5, 1));
    assertThat(conv.apply(Input.of(7, 6, 1)).shape()).containsExactly(5, 4, 2); // same weights, other size
    assertThatThrownBy(() -> conv.apply(Input.of(5, 5, 3)))
        .isInstanceOf(KilnException.class)
        .hasMessageStartingWith("(Conv2D): a shared layer's weights must fit every input; first applied with weights"
            + " [kernel[3, 3, 1, 2], bias[2]], now inputs [[5, 5, 3]] would need [kernel[3, 3, 3, 2], bias[2]]");
  }

  @Test
  void anExplicitNameTakenByAReuseIsRejected() {
    Dense d = new Dense(kw("units", 3, "name", "d"));
    Tensor x = Input.of(3);
    Tensor y = new Dense(kw("units", 3, "name", "d.1")).apply(d.apply(d.apply(x)));
    assertThatThrownBy(() -> new Model("m", x, y)).isInstanceOf(KilnException.class)
        .hasMessage("two layers are named 'd.1'; layer names must be unique");
  }
}
