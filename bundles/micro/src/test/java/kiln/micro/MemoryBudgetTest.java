package kiln.micro;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kiln.api.KilnException;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Test;

/** A model whose tensors would not fit is refused before the runtime allocates any of them. */
class MemoryBudgetTest {
  @Test
  void tensorsOverTheBudgetAreRefusedBeforeAllocating() {
    Subgraph g = new Subgraph();
    // each within the reader's 1 GiB per tensor, together 2^29 + 2^28 elements
    g.addTensor(new Tensor("a", TensorType.INT8, new int[] {1 << 28, 2}));
    g.addTensor(new Tensor("b", TensorType.INT8, new int[] {1 << 28}));
    g.setInputs(0).setOutputs(1);
    byte[] file = new TfliteModel().addSubgraph(g).toBytes();
    assertThatThrownBy(() -> MicroRuntime.load(file, "huge.tflite"))
        .isInstanceOf(KilnException.class)
        .hasMessage("huge.tflite: its 2 tensors hold 805306368 elements in all, expected at most "
            + "268435456 for the micro runtime");
  }
}
