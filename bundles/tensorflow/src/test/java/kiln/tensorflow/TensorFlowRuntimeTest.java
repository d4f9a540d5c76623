package kiln.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TensorFlowRuntimeTest {
  @Test
  void loadsTheNativeLibraryOfTensorFlow2_18() {
    assertThat(TensorFlowRuntime.version()).startsWith("2.18");
  }
}
