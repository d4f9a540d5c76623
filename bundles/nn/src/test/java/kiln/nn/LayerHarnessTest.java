package kiln.nn;

import kiln.api.model.WeightSpec;
import static kiln.nn.Args.kw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import kiln.api.KilnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One harness for every layer: output shape, weights (names, Keras layouts, counts), MACs, config
 * round trip, and rejection of an unknown argument, bad argument values and bad input shapes.
 */
class LayerHarnessTest {
  /** A bad argument value and the message that must reject it. */
  record Bad(String key, Object value, String message) {}

  record Case(
      String className,
      Supplier<Layer> make,
      List<int[]> inputs,
      int[] output,
      List<String> weights,
      long macs,
      List<Bad> bad,
      int[] badInput,
      String badInputMessage) {
    @Override
    public String toString() {
      return className;
    }
  }

  static List<int[]> in(int[]... shapes) {
    return List.of(shapes);
  }

  static int[] s(int... d) {
    return d;
  }

  static Bad bad(String key, Object value, String message) {
    return new Bad(key, value, message);
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("InputLayer", () -> new InputLayer(49, 40, 1), in(), s(49, 40, 1), List.of(), 0,
            List.of(bad("input_shape", List.of(4, 0), "InputLayer: argument 'input_shape' expected a shape of positive integers, got [4, 0]")),
            s(3), "(InputLayer): an input layer reads no other layer, got 1 inputs"),
        new Case("Conv1D", () -> new Conv1D(kw("filters", 6, "kernel_size", 3, "strides", 2)), in(s(16, 4)), s(7, 6),
            List.of("kernel[3, 4, 6]", "bias[6]"), 7 * 6 * 3 * 4,
            List.of(bad("padding", "full", "Conv1D: argument 'padding' expected one of valid, same, causal, got 'full'"),
                bad("kernel_size", List.of(3, 3), "Conv1D: argument 'kernel_size' expected 1 positive integers, got [3, 3]")),
            s(16, 4, 1), "(Conv1D): expected an input of rank 2 (steps, channels), got [16, 4, 1]"),
        new Case("Conv2D", () -> new Conv2D(kw("filters", 8, "kernel_size", List.of(10, 8), "padding", "same", "strides", 2)),
            in(s(49, 40, 1)), s(25, 20, 8), List.of("kernel[10, 8, 1, 8]", "bias[8]"), 320_000,
            List.of(bad("filters", 0, "Conv2D: argument 'filters' expected a positive integer, got 0 (Integer)"),
                bad("strides", List.of(0, 1), "Conv2D: argument 'strides' expected 2 positive integers, got [0, 1]"),
                bad("activation", "gelu", "Conv2D: argument 'activation' expected one of linear, relu, relu6, sigmoid, tanh, softmax, hard_swish, swish, got 'gelu'"),
                bad("kernel_initializer", "magic", "Conv2D: argument 'kernel_initializer' expected an initializer name (glorot_uniform, glorot_normal, he_normal, he_uniform, lecun_normal, lecun_uniform, random_normal, random_uniform, truncated_normal, zeros, ones, orthogonal), got 'magic'"),
                bad("kernel_regularizer", Map.of("l3", 0.1), "Conv2D: argument 'kernel_regularizer' expected a regularizer such as Regularizers.l2(0.01) ({l1|l2: factor >= 0}), got {l3=0.1}"),
                bad("use_bias", "yes", "Conv2D: argument 'use_bias' expected true or false, got 'yes'")),
            s(49, 40), "(Conv2D): expected an input of rank 3 (height, width, channels), got [49, 40]"),
        new Case("DepthwiseConv2D", () -> new DepthwiseConv2D(kw("kernel_size", List.of(7, 7), "depth_multiplier", 8, "strides", 2, "padding", "same")),
            in(s(59, 49, 1)), s(30, 25, 8), List.of("depthwise_kernel[7, 7, 1, 8]", "bias[8]"), 294_000,
            List.of(bad("depth_multiplier", -1, "DepthwiseConv2D: argument 'depth_multiplier' expected a positive integer, got -1 (Integer)")),
            s(59, 49), "(DepthwiseConv2D): expected an input of rank 3 (height, width, channels), got [59, 49]"),
        new Case("SeparableConv2D", () -> new SeparableConv2D(16, 3, 3).set("padding", "same"),
            in(s(8, 8, 4)), s(8, 8, 16), List.of("depthwise_kernel[3, 3, 4, 1]", "pointwise_kernel[1, 1, 4, 16]", "bias[16]"),
            64 * 4 * 9 + 64 * 4 * 16,
            List.of(bad("dilation_rate", 0, "SeparableConv2D: argument 'dilation_rate' expected 2 positive integers, got 0 (Integer)")),
            s(8, 8), "(SeparableConv2D): expected an input of rank 3 (height, width, channels), got [8, 8]"),
        new Case("Conv2DTranspose", () -> new Conv2DTranspose(3, 3, 3).set("strides", 2).set("padding", "same"),
            in(s(4, 5, 8)), s(8, 10, 3), List.of("kernel[3, 3, 3, 8]", "bias[3]"), 4 * 5 * 8 * 9 * 3,
            List.of(bad("output_padding", List.of(1), "Conv2DTranspose: argument 'output_padding' expected 2 positive integers, got [1]")),
            s(4, 5), "(Conv2DTranspose): expected an input of rank 3 (height, width, channels), got [4, 5]"),
        new Case("Dense", () -> new Dense(4).set("use_bias", true), in(s(4000)), s(4), List.of("kernel[4000, 4]", "bias[4]"), 16_000,
            List.of(bad("units", 2.5, "Dense: argument 'units' expected a positive integer, got 2.5 (Double)")),
            null, null),
        new Case("BatchNormalization", BatchNormalization::new, in(s(25, 20, 8)), s(25, 20, 8),
            List.of("gamma[8]", "beta[8]", "moving_mean[8] (non-trainable)", "moving_variance[8] (non-trainable)"), 0,
            List.of(bad("momentum", 1.5, "BatchNormalization: argument 'momentum' expected a number in [0, 1], got 1.5 (Double)"),
                bad("epsilon", 0, "BatchNormalization: argument 'epsilon' expected a number > 0, got 0 (Integer)")),
            null, null),
        // BC-ResNet's first transition block: (98, 20, 8) viewed as (98, 4, 40), 40 statistics each
        new Case("SubSpectralNormalization", () -> new SubSpectralNormalization(5), in(s(98, 20, 8)), s(98, 20, 8),
            List.of("gamma[40]", "beta[40]", "moving_mean[40] (non-trainable)", "moving_variance[40] (non-trainable)"), 0,
            List.of(bad("sub_groups", 0, "SubSpectralNormalization: argument 'sub_groups' expected a positive integer, got 0 (Integer)")),
            s(98, 21, 8), "(SubSpectralNormalization): the frequency axis (21) must be divisible by sub_groups 5"),
        // keyword_spotting_numbers: after the TENet trunk (T, 1, 40), gamma and beta per last-axis channel
        new Case("LayerNormalization", LayerNormalization::new, in(s(49, 1, 40)), s(49, 1, 40),
            List.of("gamma[40]", "beta[40]"), 0,
            List.of(bad("epsilon", 0, "LayerNormalization: argument 'epsilon' expected a number > 0, got 0 (Integer)"),
                bad("center", "no", "LayerNormalization: argument 'center' expected true or false, got 'no'")),
            null, null),
        new Case("Activation", () -> new Activation("swish"), in(s(5, 2)), s(5, 2), List.of(), 0,
            List.of(bad("activation", "gelu", "Activation: argument 'activation' expected one of linear, relu, relu6, sigmoid, tanh, softmax, hard_swish, swish, got 'gelu'")),
            null, null),
        new Case("ReLU", () -> new ReLU(kw("max_value", 6.0)), in(s(3)), s(3), List.of(), 0,
            List.of(bad("max_value", -1, "ReLU: argument 'max_value' expected a number >= 0, got -1 (Integer)")),
            null, null),
        new Case("LeakyReLU", () -> new LeakyReLU(0.1), in(s(3, 3)), s(3, 3), List.of(), 0,
            List.of(bad("alpha", "x", "LeakyReLU: argument 'alpha' expected a number, got 'x'")), null, null),
        new Case("Dropout", () -> new Dropout(0.5), in(s(25, 20, 8)), s(25, 20, 8), List.of(), 0,
            List.of(bad("rate", 1.0, "Dropout: argument 'rate' expected a number in [0, 1), got 1.0 (Double)")), null, null),
        new Case("SpatialDropout2D", () -> new SpatialDropout2D(0.1), in(s(98, 1, 8)), s(98, 1, 8), List.of(), 0,
            List.of(bad("rate", -0.1, "SpatialDropout2D: argument 'rate' expected a number in [0, 1), got -0.1 (Double)")),
            s(98, 8), "(SpatialDropout2D): expected an input of rank 3 (height, width, channels), got [98, 8]"),
        // keyword_spotting_numbers' LSTM: 7 steps of 40 features, 40 units; Keras' counts
        // 40 * 160 + 40 * 160 + 160 = 12,960 parameters; MACs 0 as MLTK's profiler counts the op
        new Case("LSTM", () -> new LSTM(40).set("return_sequences", true), in(s(7, 40)), s(7, 40),
            List.of("kernel[40, 160]", "recurrent_kernel[40, 160]", "bias[160]"), 0,
            List.of(bad("activation", "relu", "LSTM: argument 'activation' expected one of tanh, got 'relu'"),
                bad("units", 0, "LSTM: argument 'units' expected a positive integer, got 0 (Integer)")),
            s(7, 1, 40), "(LSTM): expected an input of rank 2 (time steps, features), got [7, 1, 40]"),
        // keyword_spotting_numbers: the LSTM's (T, 40) sequence to its last step (40)
        new Case("LastTimeStep", LastTimeStep::new, in(s(49, 40)), s(40), List.of(), 0, List.of(),
            s(49, 1, 40), "(LastTimeStep): expected an input of rank 2 (time steps, features), got [49, 1, 40]"),
        new Case("Flatten", Flatten::new, in(s(25, 20, 8)), s(4000), List.of(), 0, List.of(), null, null),
        new Case("Reshape", () -> new Reshape(-1, 8), in(s(25, 20, 8)), s(500, 8), List.of(), 0,
            List.of(bad("target_shape", List.of(-1, -1), "Reshape: argument 'target_shape' expected a shape of positive integers (at most one -1), got [-1, -1]")),
            s(3, 3), "(Reshape): target_shape [-1, 8] does not hold the input's 9 values (input [3, 3])"),
        // conv1d_example's pooling: 900 steps of 16 channels to 450 (MLTK's summary: max_pool_2d 900x1x16 -> 450x1x16)
        new Case("MaxPooling1D", () -> new MaxPooling1D(2), in(s(900, 16)), s(450, 16), List.of(), 0,
            List.of(bad("pool_size", List.of(2, 2), "MaxPooling1D: argument 'pool_size' expected 1 positive integers, got [2, 2]")),
            s(900, 16, 1), "(MaxPooling1D): expected an input of rank 2 (steps, channels), got [900, 16, 1]"),
        new Case("AveragePooling1D", () -> new AveragePooling1D(kw("pool_size", 3, "strides", 2, "padding", "same")),
            in(s(7, 2)), s(4, 2), List.of(), 0,
            List.of(bad("padding", "causal", "AveragePooling1D: argument 'padding' expected one of valid, same, got 'causal'")),
            s(7), "(AveragePooling1D): expected an input of rank 2 (steps, channels), got [7]"),
        new Case("MaxPooling2D", () -> new MaxPooling2D(2, 2), in(s(14, 12, 24)), s(7, 6, 24), List.of(), 0,
            List.of(bad("pool_size", "2", "MaxPooling2D: argument 'pool_size' expected 2 positive integers, got '2'")),
            s(1, 1, 3), "(MaxPooling2D): pool_size 2x2 does not fit the input 1x1 with padding 'valid'"),
        new Case("AveragePooling2D", () -> new AveragePooling2D(kw("pool_size", 3, "strides", 1, "padding", "same")),
            in(s(5, 4, 2)), s(5, 4, 2), List.of(), 0,
            List.of(bad("padding", "causal", "AveragePooling2D: argument 'padding' expected one of valid, same, got 'causal'")),
            s(5, 4), "(AveragePooling2D): expected an input of rank 3 (height, width, channels), got [5, 4]"),
        new Case("GlobalAveragePooling2D", GlobalAveragePooling2D::new, in(s(5, 4, 20)), s(20), List.of(), 0,
            List.of(bad("keepdims", 1, "GlobalAveragePooling2D: argument 'keepdims' expected true or false, got 1 (Integer)")),
            s(20), "(GlobalAveragePooling2D): expected an input of rank 3 (height, width, channels), got [20]"),
        // tf.keras.backend.mean(x, axis=2, keepdims=True) over (T, F, C)
        new Case("ReduceMean", () -> new ReduceMean(2, true), in(s(98, 20, 8)), s(98, 1, 8), List.of(), 0,
            List.of(bad("axis", 0, "ReduceMean: argument 'axis' expected an axis or a list of distinct axes other than 0 (the batch), got 0 (Integer)"),
                bad("axis", List.of(1, 1), "ReduceMean: argument 'axis' expected an axis or a list of distinct axes other than 0 (the batch), got [1, 1]")),
            s(98), "(ReduceMean): axis 2 is outside the input of shape (None, 98) or is the batch axis"),
        new Case("ZeroPadding2D", () -> new ZeroPadding2D(kw("padding", List.of(List.of(1, 2), List.of(0, 3)))),
            in(s(5, 4, 2)), s(8, 7, 2), List.of(), 0,
            List.of(bad("padding", -1, "ZeroPadding2D: argument 'padding' expected an int, (h, w) or ((top, bottom), (left, right)) of integers >= 0, got -1 (Integer)")),
            null, null),
        new Case("UpSampling2D", () -> new UpSampling2D(2, 3), in(s(5, 4, 2)), s(10, 12, 2), List.of(), 0,
            List.of(bad("interpolation", "cubic", "UpSampling2D: argument 'interpolation' expected one of nearest, bilinear, got 'cubic'")),
            null, null),
        new Case("Add", Add::new, in(s(4, 4, 8), s(4, 4, 8)), s(4, 4, 8), List.of(), 0, List.of(),
            s(4, 4, 8), "(Add): expected at least 2 inputs, got 1"),
        new Case("Concatenate", Concatenate::new, in(s(4, 4, 8), s(4, 4, 2)), s(4, 4, 10), List.of(), 0,
            List.of(bad("axis", "last", "Concatenate: argument 'axis' expected an integer, got 'last'")),
            s(4, 4, 8), "(Concatenate): expected at least 2 inputs, got 1"),
        // no weights, so no MACs by ModelSummary's rule (multiply-accumulates by weights)
        new Case("EuclideanDistance", EuclideanDistance::new, in(s(16), s(16)), s(1), List.of(), 0,
            List.of(bad("epsilon", 0, "EuclideanDistance: argument 'epsilon' expected a number > 0, got 0 (Integer)")),
            s(16), "(EuclideanDistance): expected 2 inputs (the two vectors), got 1"));
  }

  /** Two vectors of one rank-1 shape; (16) and (8), or (4, 4) twice, are refused naming both shapes. */
  @Test
  void euclideanDistanceWantsTwoVectorsOfOneLength() {
    assertThatThrownBy(() -> new EuclideanDistance().outputShape(List.of(s(16), s(8))))
        .isInstanceOf(KilnException.class)
        .hasMessage("(EuclideanDistance): expected two inputs of one rank-1 shape (n), as MLTK sums axis 1; got [16] and [8]");
    assertThatThrownBy(() -> new EuclideanDistance().outputShape(List.of(s(4, 4), s(4, 4))))
        .hasMessageEndingWith("got [4, 4] and [4, 4]");
  }

  @Test
  void everyLayerClassHasACase() {
    assertThat(cases().map(Case::className)).containsExactlyInAnyOrderElementsOf(Layers.classNames());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void outputShapeWeightsAndMacs(Case c) {
    Layer l = c.make().get();
    assertThat(l.className()).isEqualTo(c.className());
    int[] out = l.outputShape(c.inputs());
    assertThat(out).containsExactly(c.output());
    assertThat(l.weights(c.inputs())).extracting(WeightSpec::toString).containsExactlyElementsOf(c.weights());
    assertThat(l.macs(c.inputs(), out)).isEqualTo(c.macs());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void configRoundTrips(Case c) {
    Layer l = c.make().get();
    Layer copy = Layers.fromConfig(c.className(), l.config());
    assertThat(copy.config()).isEqualTo(l.config());
    assertThat(copy.outputShape(c.inputs())).containsExactly(l.outputShape(c.inputs()));
    assertThat(copy.weights(c.inputs())).isEqualTo(l.weights(c.inputs()));
    // configs hold only canonical, null-free values (LayerNode copies them with Map.copyOf)
    assertThat(l.config().values()).doesNotContainNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectsUnknownArgumentsAndBadValues(Case c) {
    Layer l = c.make().get();
    assertThatThrownBy(() -> l.set("no_such_argument", 1))
        .isInstanceOf(KilnException.class)
        .hasMessage(c.className() + ": unknown argument 'no_such_argument'; expected one of "
            + String.join(", ", l.argumentNames()));
    for (Bad b : c.bad()) {
      assertThatThrownBy(() -> c.make().get().set(b.key(), b.value()))
          .as(b.key() + "=" + b.value())
          .isInstanceOf(KilnException.class)
          .hasMessage(b.message());
      Map<String, Object> config = new LinkedHashMap<>(l.config());
      config.put(b.key(), b.value());
      assertThatThrownBy(() -> Layers.fromConfig(c.className(), config)).hasMessage(b.message());
    }
    if (c.badInput() != null) {
      List<int[]> inputs = new ArrayList<>(List.of(c.badInput()));
      assertThatThrownBy(() -> l.outputShape(inputs)).as(Arrays.toString(c.badInput()))
          .isInstanceOf(KilnException.class).hasMessage(c.badInputMessage());
    }
  }

  /** A 1-D pool that does not fit a valid input names the length. */
  @Test
  void pooling1dTooLongForTheInput() {
    assertThatThrownBy(() -> new MaxPooling1D(4).outputShape(List.of(s(3, 2))))
        .isInstanceOf(KilnException.class).hasMessageEndingWith("pool_size 4 does not fit the input length 3 with padding 'valid'");
  }

  /** BC-ResNet's residual: (T, 1, C) + (T, F, C) + (T, F, C) broadcasts to (T, F, C); 3 does not broadcast to 5. */
  @Test
  void addBroadcastsDimensionsOfOne() {
    assertThat(new Add().outputShape(List.of(s(98, 1, 8), s(98, 20, 8), s(98, 20, 8)))).containsExactly(98, 20, 8);
    assertThat(new Add().outputShape(List.of(s(4, 5, 1), s(1, 5, 3)))).containsExactly(4, 5, 3);
    assertThatThrownBy(() -> new Add().outputShape(List.of(s(4, 3, 8), s(4, 5, 8))))
        .hasMessage("(Add): inputs must have one shape or broadcast (dimensions equal or 1), got [4, 3, 8] and [4, 5, 8]");
    assertThatThrownBy(() -> new Add().outputShape(List.of(s(4, 8), s(4, 1, 8))))
        .hasMessage("(Add): inputs must have one rank, got [4, 8] and [4, 1, 8]");
  }

  /** Axes count the batch as 0 and may be negative; without keepdims the reduced axes go. */
  @Test
  void reduceMeanAxes() {
    assertThat(new ReduceMean(kw("axis", List.of(1, -2))).outputShape(List.of(s(6, 5, 4)))).containsExactly(4);
    assertThat(new ReduceMean(-1, false).outputShape(List.of(s(6, 5, 4)))).containsExactly(6, 5);
    assertThat(new ReduceMean(kw("axis", List.of(1, 2), "keepdims", true)).outputShape(List.of(s(6, 5, 4))))
        .containsExactly(1, 1, 4);
    assertThatThrownBy(() -> new ReduceMean(kw("axis", List.of(1, -2))).outputShape(List.of(s(6, 5))))
        .hasMessage("(ReduceMean): axis [1, -2] names one axis twice");
    assertThatThrownBy(() -> new ReduceMean(1, false).outputShape(List.of(s(6))))
        .hasMessageStartingWith("(ReduceMean): reducing every axis of [6] without keepdims");
  }

  /** Only the last axis is normalized; another axis is refused naming the shape. */
  @Test
  void layerNormalizationWantsTheLastAxis() {
    assertThat(new LayerNormalization(kw("axis", 2)).outputShape(List.of(s(6, 4)))).containsExactly(6, 4);
    assertThatThrownBy(() -> new LayerNormalization(kw("axis", 1)).outputShape(List.of(s(6, 4))))
        .isInstanceOf(KilnException.class)
        .hasMessage("(LayerNormalization): axis 1 is not supported for an input of shape (None, 6, 4); expected the"
            + " last axis (-1 or 2)");
  }

  /** Without return_sequences the last step's (units); Keras' initializers for the bias and recurrent kernel. */
  @Test
  void lstmLastStepAndKerasInitializers() {
    LSTM l = new LSTM(3);
    assertThat(l.outputShape(List.of(s(5, 2)))).containsExactly(3);
    List<kiln.api.model.WeightSpec> w = l.weights(List.of(s(5, 2)));
    assertThat(w.get(1).initializer()).isEqualTo("orthogonal");
    assertThat(w.get(2).initializer()).isEqualTo("unit_forget_bias");
    assertThat(new LSTM(3).set("unit_forget_bias", false).weights(List.of(s(5, 2))).get(2).initializer())
        .isEqualTo("zeros");
    assertThatThrownBy(() -> new LSTM(3).set("bias_initializer", "ones").weights(List.of(s(5, 2))))
        .hasMessageContaining("unit_forget_bias with bias_initializer 'ones' is not supported");
    // 5 steps x 4 gates x 3 units x (2 + 3)
    assertThat(LSTM.weightMacs(s(5, 2), 3)).isEqualTo(300);
  }

  @Test
  void unknownLayerClass() {
    assertThatThrownBy(() -> Layers.fromConfig("Conv3D", Map.of()))
        .hasMessageStartingWith("unknown layer class 'Conv3D'; expected one of Activation, Add, AveragePooling1D, AveragePooling2D");
  }
}
