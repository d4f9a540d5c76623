package kiln.keras;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kiln.api.model.LayerGraph;
import kiln.api.model.LayerNode;
import kiln.api.model.Weights;
import kiln.nn.ModelSummary;
import org.junit.jupiter.api.Test;

/** MLTK's tflite_micro_speech.h5 (Keras 2.4, Sequential) read into Kiln's graph and weights. */
class KerasModelFileTest {
  @Test
  void readsMltksH5AsKilnsLayerGraph() {
    MltkArchive a = MltkArchive.read(Fixtures.mltkArchive());
    KerasModelFile m = a.model();
    LayerGraph g = m.graph();
    System.out.println(ModelSummary.of(g).format());
    System.out.println(m.metadata());
    assertThat(g.name()).isEqualTo("tflite_micro_speech");
    assertThat(g.layers().stream().map(LayerNode::name)).containsExactly(
        "input_1", "conv2d", "batch_normalization", "activation", "dropout", "flatten", "dense");
    assertThat(g.layers().stream().map(LayerNode::type)).containsExactly(
        "InputLayer", "Conv2D", "BatchNormalization", "Activation", "Dropout", "Flatten", "Dense");
    LayerNode conv = g.layer("conv2d");
    assertThat(conv.config()).containsEntry("filters", 8).containsEntry("kernel_size", List.of(10, 8))
        .containsEntry("strides", List.of(2, 2)).containsEntry("padding", "same");
    assertThat(conv.outputShape()).containsExactly(25, 20, 8);
    assertThat(g.layer("batch_normalization").config()).containsEntry("axis", -1).containsEntry("epsilon", 0.001);
    assertThat(g.layer("dense").config()).containsEntry("units", 4).containsEntry("activation", "softmax");
    // the same table as MLTK's own summary of the .h5: 16,684 parameters, 336,000 MACs
    ModelSummary s = ModelSummary.of(g);
    assertThat(s.totalParams()).isEqualTo(16_684);
    assertThat(s.trainableParams()).isEqualTo(16_668);
    assertThat(s.totalMacs()).isEqualTo(336_000);

    Weights w = m.weights();
    assertThat(w.asMap().keySet()).containsExactly("conv2d/kernel", "conv2d/bias", "batch_normalization/gamma",
        "batch_normalization/beta", "batch_normalization/moving_mean", "batch_normalization/moving_variance",
        "dense/kernel", "dense/bias");
    assertThat(w.get("conv2d/kernel").shape()).containsExactly(10, 8, 1, 8);
    assertThat(w.get("dense/kernel").shape()).containsExactly(4000, 4);
    assertThat(m.metadata()).containsEntry("keras_version", "2.4.0").containsEntry("backend", "tensorflow")
        .containsEntry("loss", "categorical_crossentropy").containsEntry("metrics", List.of("accuracy"));
    assertThat(m.metadata().get("optimizer")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("name", "adam");
    assertThat(a.name()).isEqualTo("tflite_micro_speech");
    assertThat(a.tflite()).hasSize(21_616);
    assertThat(a.specSource()).contains("def my_model_builder");
  }
}
