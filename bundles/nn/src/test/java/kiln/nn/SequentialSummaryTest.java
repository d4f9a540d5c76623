package kiln.nn;

import kiln.api.model.WeightSpec;
import static kiln.nn.Args.kw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import kiln.api.KilnException;
import kiln.api.model.LayerGraph;
import org.junit.jupiter.api.Test;

class SequentialSummaryTest {
  /** The layout of seed 004 (tflite_micro_speech). */
  static Sequential microSpeech() {
    Sequential m = new Sequential("tflite_micro_speech");
    m.add(new InputLayer(49, 40, 1));
    m.add(new Conv2D(kw("filters", 8, "kernel_size", List.of(10, 8), "use_bias", true,
        "padding", "same", "strides", List.of(2, 2))));
    m.add(new BatchNormalization());
    m.add(new Activation("relu"));
    m.add(new Dropout(0.5));
    m.add(new Flatten());
    m.add(new Dense(4).set("use_bias", true).set("activation", "softmax"));
    return m;
  }

  @Test
  void microSpeechCountsMatchTheSeed() {
    LayerGraph g = microSpeech().toGraph();
    assertThat(g.layers()).extracting(n -> n.name()).containsExactly(
        "input_1", "conv2d", "batch_normalization", "activation", "dropout", "flatten", "dense");
    ModelSummary s = ModelSummary.of(g);
    assertThat(s.rows()).extracting(ModelSummary.Row::params).containsExactly(0L, 648L, 32L, 0L, 0L, 0L, 16004L);
    assertThat(s.rows()).extracting(ModelSummary.Row::macs).containsExactly(0L, 320000L, 0L, 0L, 0L, 0L, 16000L);
    assertThat(s.totalMacs()).isEqualTo(336_000L);
    assertThat(s.totalParams()).isEqualTo(16_684L);
    assertThat(s.trainableParams()).isEqualTo(16_668L);
    assertThat(g.layer("conv2d").outputShape()).containsExactly(25, 20, 8);
    assertThat(g.layer("flatten").outputShape()).containsExactly(4000);
    String text = s.format();
    assertThat(text).contains("Total MACs: 336,000").contains("16,004").contains("conv2d (Conv2D)");
    assertThat(GraphWeights.of(g)).extracting(WeightSpec::toString).containsExactly(
        "conv2d/kernel[10, 8, 1, 8]", "conv2d/bias[8]", "batch_normalization/gamma[4]".replace("4", "8"),
        "batch_normalization/beta[8]", "batch_normalization/moving_mean[8] (non-trainable)",
        "batch_normalization/moving_variance[8] (non-trainable)", "dense/kernel[4000, 4]", "dense/bias[4]");
  }

  @Test
  void audioExample1FirstLayerDeclaresInputShape() {
    Sequential m = new Sequential("audio_example1");
    m.add(new DepthwiseConv2D(kw("kernel_size", List.of(7, 7), "depth_multiplier", 8, "strides", 2,
        "padding", "same", "input_shape", List.of(59, 49, 1))));
    m.add(new Conv2D(24, 3).set("strides", 2));
    m.add(new MaxPooling2D(2, 2));
    m.add(new Conv2D(20, 3));
    m.add(new MaxPooling2D(2, 2));
    m.add(new Flatten());
    m.add(new Dense(6));
    ModelSummary s = ModelSummary.of(m.toGraph());
    assertThat(s.rows()).extracting(r -> java.util.Arrays.toString(r.outputShape())).containsExactly(
        "[59, 49, 1]", "[30, 25, 8]", "[14, 12, 24]", "[7, 6, 24]", "[5, 4, 20]", "[2, 2, 20]", "[80]", "[6]");
    // MLTK's profile of audio_example1: 294.0k, 290.3k, 86.4k, 480 MACs
    assertThat(s.rows()).extracting(ModelSummary.Row::macs)
        .containsExactly(0L, 294_000L, 290_304L, 0L, 86_400L, 0L, 0L, 480L);
  }

  @Test
  void residualBlockThroughTheFunctionalApi() {
    Tensor in = Input.of(8, 8, 4);
    Tensor a = new Conv2D(4, 3).set("padding", "same").apply(in);
    Tensor b = new Add().apply(in, a);
    Tensor out = new Dense(2).apply(new GlobalAveragePooling2D().apply(b));
    LayerGraph g = new Model("res", in, out).toGraph();
    assertThat(g.layers()).extracting(n -> n.name())
        .containsExactly("input_1", "conv2d", "add", "global_average_pooling2d", "dense");
    assertThat(g.layer("add").inputs()).containsExactly("input_1", "conv2d");
    assertThat(g.inputs()).containsExactly("input_1");
    assertThat(g.outputs()).containsExactly("dense");
  }

  @Test
  void shapeErrorsNameTheLayer() {
    Sequential m = new Sequential("bad");
    m.add(new InputLayer(4, 4, 1));
    assertThatThrownBy(() -> m.add(new Conv2D(8, 5)))
        .isInstanceOf(KilnException.class)
        .hasMessage("(Conv2D): kernel 5x5 does not fit the input 4x4 with padding 'valid'");
    assertThatThrownBy(() -> new Sequential("x").add(new Dense(3)))
        .hasMessage("Sequential x: the first layer (Dense) needs input_shape, or add an InputLayer first");
  }
}
