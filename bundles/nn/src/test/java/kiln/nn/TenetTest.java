package kiln.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import kiln.api.KilnException;
import org.junit.jupiter.api.Test;

/** MLTK's TENet built from Kiln layers: shapes worked out by hand, and its input checks. */
class TenetTest {
  @Test
  void stridedBlocksHalveTimeAndTheHeadClassifies() {
    // 16 steps: blocks of depth 2 stride by 2 at their first layer -> 8 -> 4 steps
    Tensor in = Input.of(16, 1, 5);
    Tensor trunk = Tenet.tenet(in, 3, 6, 2, 2, List.of(9), false, 0.1);
    assertThat(trunk.shape()).containsExactly(4, 1, 6);
    Tensor out = Tenet.tenet(Input.of(16, 1, 5), 3, 6, 2, 2, List.of(9), true, 0.1);
    assertThat(out.shape()).containsExactly(3);
    // the first block: 1x1 expand to 18 channels (5 * 18 weights), depthwise 9x1 (9 * 18), contract to 6 (18 * 6)
    Tensor one = Input.of(16, 1, 5);
    ModelSummary s = ModelSummary.of(new Model("t", one, Tenet.invertedBottleneck(one, 6, 2, 3, List.of(9))).toGraph());
    assertThat(s.rows()).filteredOn(r -> r.type().equals("DepthwiseConv2D")).extracting(ModelSummary.Row::params)
        .containsExactly(9L * 18);
  }

  @Test
  void multiScaleTemporalConvolutionSumsItsBranches() {
    Tensor in = Input.of(8, 1, 4);
    ModelSummary s = ModelSummary.of(new Model("t", in, Tenet.invertedBottleneck(in, 4, 1, 3, List.of(3, 5))).toGraph());
    assertThat(s.rows()).filteredOn(r -> r.type().equals("DepthwiseConv2D")).extracting(ModelSummary.Row::params)
        .containsExactly(3L * 12, 5L * 12);
    assertThat(s.rows()).filteredOn(r -> r.type().equals("Add")).hasSize(2);
  }

  @Test
  void rejectsInputsItCannotRead() {
    assertThatThrownBy(() -> Tenet.tenet12(Input.of(98, 104, 1), 3, 40, 6)).isInstanceOf(KilnException.class)
        .hasMessage("TENet: expected an input of shape (T, 1, C), got [98, 104, 1]");
    assertThatThrownBy(() -> Tenet.tenet(Input.of(8, 1, 4), 3, 4, 1, 1, List.of(4), true, 0.1))
        .hasMessage("TENet: expected odd temporal scales >= 3, got [4]");
    Tensor in = Input.of(8, 1, 4);
    assertThatThrownBy(() -> Tenet.invertedBottleneck(in, 6, 1, 3, List.of(9)))
        .hasMessage("TENet: a block of stride 1 keeps its channels: input has 4, block has 6");
  }
}
