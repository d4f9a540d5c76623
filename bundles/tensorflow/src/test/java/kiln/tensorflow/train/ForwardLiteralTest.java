package kiln.tensorflow.train;

import static kiln.nn.Args.kw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import kiln.api.model.LayerGraph;
import kiln.api.model.TensorData;
import kiln.api.model.Weights;
import kiln.nn.*;
import org.junit.jupiter.api.Test;

/** Each layer's inference lowering on a tiny input gives a result worked out by hand. */
class ForwardLiteralTest {
  private static float[] run(LayerGraph g, Weights w, float... x) {
    try (ModelSession s = ModelSession.forInference(g, w)) {
      return s.predict(List.of(x), List.of()).values().iterator().next().get(0);
    }
  }

  private static Weights w(Object... nameShapeValues) {
    Weights w = new Weights();
    for (int i = 0; i < nameShapeValues.length; i += 3) {
      w.put((String) nameShapeValues[i], TensorData.ofFloat32((int[]) nameShapeValues[i + 1], (float[]) nameShapeValues[i + 2]));
    }
    return w;
  }

  private static LayerGraph seq(int[] in, Layer l) {
    return GradientCheckTest.seq(in, l);
  }

  private static void expect(float[] got, float... want) {
    assertThat(got).hasSize(want.length);
    for (int i = 0; i < want.length; i++) {
      assertThat(got[i]).as("element %d of %s", i, java.util.Arrays.toString(got)).isCloseTo(want[i], within(1e-4f));
    }
  }

  private static final float[] NONE = {};

  @Test
  void conv2d() {
    LayerGraph g = seq(new int[] {3, 3, 1}, new Conv2D(2, 2));
    // filter 0: x[i,j] - x[i+1,j+1] + 0.5; filter 1: x[i,j+1] (bias 0); kernel [kh, kw, in, out]
    float[] k = {1, 0, 0, 1, 0, 0, -1, 0};
    expect(run(g, w("conv2d/kernel", new int[] {2, 2, 1, 2}, k, "conv2d/bias", new int[] {2}, new float[] {0.5f, 0}),
        1, 2, 3, 4, 5, 6, 7, 8, 9), -3.5f, 2, -3.5f, 3, -3.5f, 5, -3.5f, 6);
  }

  @Test
  void conv1dCausal() {
    LayerGraph g = seq(new int[] {4, 1}, new Conv1D(kw("filters", 1, "kernel_size", 2, "padding", "causal", "use_bias", false)));
    expect(run(g, w("conv1d/kernel", new int[] {2, 1, 1}, new float[] {1, 2}), 1, 2, 3, 4), 2, 5, 8, 11);
  }

  @Test
  void depthwiseAndSeparable() {
    float[] x = {1, 5, 2, 6, 3, 7, 4, 8}; // 2x2x2, channel 0 = 1..4, channel 1 = 5..8
    float[] dk = {1, 2, 1, 2, 1, 2, 1, 2}; // [2, 2, 2, 1]: ones on channel 0, twos on channel 1
    expect(run(seq(new int[] {2, 2, 2}, new DepthwiseConv2D(kw("kernel_size", 2, "use_bias", false))),
        w("depthwise_conv2d/depthwise_kernel", new int[] {2, 2, 2, 1}, dk), x), 10, 52);
    expect(run(seq(new int[] {2, 2, 2}, new SeparableConv2D(1, 2, 2)),
        w("separable_conv2d/depthwise_kernel", new int[] {2, 2, 2, 1}, dk,
            "separable_conv2d/pointwise_kernel", new int[] {1, 1, 2, 1}, new float[] {1, -1},
            "separable_conv2d/bias", new int[] {1}, new float[] {1}), x), -41);
  }

  @Test
  void conv2dTranspose() {
    LayerGraph g = seq(new int[] {1, 1, 1}, new Conv2DTranspose(kw("filters", 1, "kernel_size", 2, "use_bias", false)));
    expect(run(g, w("conv2d_transpose/kernel", new int[] {2, 2, 1, 1}, new float[] {1, 2, 3, 4}), 2), 2, 4, 6, 8);
  }

  @Test
  void dense() {
    LayerGraph g = seq(new int[] {2}, new Dense(3));
    expect(run(g, w("dense/kernel", new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6},
        "dense/bias", new int[] {3}, new float[] {0.5f, 0, -1}), 1, 2), 9.5f, 12, 14);
  }

  @Test
  void batchNormalizationUsesMovingStatisticsInInference() {
    LayerGraph g = seq(new int[] {2}, new BatchNormalization());
    expect(run(g, w("batch_normalization/gamma", new int[] {2}, new float[] {2, 1},
        "batch_normalization/beta", new int[] {2}, new float[] {0, 1},
        "batch_normalization/moving_mean", new int[] {2}, new float[] {1, 0},
        "batch_normalization/moving_variance", new int[] {2}, new float[] {4, 1}), 1, 2), 0, 2.9990008f);
  }

  @Test
  void batchNormalizationUsesBatchStatisticsInTraining() {
    try (LoweringHarness h = new LoweringHarness(seq(new int[] {1}, new BatchNormalization()), true, 2)) {
      h.setWeights(w("batch_normalization/gamma", new int[] {1}, new float[] {1},
          "batch_normalization/beta", new int[] {1}, new float[] {0},
          "batch_normalization/moving_mean", new int[] {1}, new float[] {0},
          "batch_normalization/moving_variance", new int[] {1}, new float[] {1}));
      // batch mean 2, biased variance 1
      expect(h.forward(new float[] {1, 3}), -0.9995003f, 0.9995003f);
    }
  }

  @Test
  void activations() {
    float[] x = {-2, -0.5f, 0, 1, 7};
    expect(run(seq(new int[] {5}, new Activation("linear")), new Weights(), x), x);
    expect(run(seq(new int[] {5}, new Activation("relu")), new Weights(), x), 0, 0, 0, 1, 7);
    expect(run(seq(new int[] {5}, new Activation("relu6")), new Weights(), x), 0, 0, 0, 1, 6);
    expect(run(seq(new int[] {5}, new Activation("sigmoid")), new Weights(), x), 0.119203f, 0.377541f, 0.5f, 0.731059f, 0.999089f);
    expect(run(seq(new int[] {5}, new Activation("tanh")), new Weights(), x), -0.964028f, -0.462117f, 0, 0.761594f, 0.999998f);
    expect(run(seq(new int[] {5}, new Activation("softmax")), new Weights(), x), 0.000123f, 0.000551f, 0.000908f, 0.002469f, 0.995949f);
    expect(run(seq(new int[] {5}, new Activation("hard_swish")), new Weights(), x), -1f / 3, -0.2083333f, 0, 2f / 3, 7);
  }

  @Test
  void reluVariantsAndDropout() {
    expect(run(seq(new int[] {4}, new ReLU(kw("max_value", 6.0, "negative_slope", 0.1, "threshold", 0.5))), new Weights(),
        -2, 0.2f, 1, 7), -0.25f, -0.03f, 1, 6);
    expect(run(seq(new int[] {2}, new LeakyReLU(0.2)), new Weights(), -2, 3), -0.4f, 3);
    expect(run(seq(new int[] {3}, new Dropout(0.5)), new Weights(), 1, 2, 3), 1, 2, 3);
  }

  @Test
  void dropoutInTrainingZeroesOrScales() {
    try (LoweringHarness h = new LoweringHarness(seq(new int[] {64}, new Dropout(0.5)), true, 1)) {
      float[] x = new float[64];
      java.util.Arrays.fill(x, 3);
      float[] y = h.forward(x);
      assertThat(y).containsOnly(0f, 6f).contains(0f, 6f);
    }
  }

  @Test
  void reshapingAndPooling() {
    float[] x16 = new float[16];
    for (int i = 0; i < 16; i++) {
      x16[i] = i;
    }
    expect(run(seq(new int[] {2, 2, 1}, new Flatten()), new Weights(), 1, 2, 3, 4), 1, 2, 3, 4);
    expect(run(seq(new int[] {4}, new Reshape(2, 2)), new Weights(), 1, 2, 3, 4), 1, 2, 3, 4);
    expect(run(seq(new int[] {4, 4, 1}, new MaxPooling2D(2, 2)), new Weights(), x16), 5, 7, 13, 15);
    // 4 steps x 2 channels (1, 8), (3, 2), (5, 6), (7, 4): pairs of steps
    float[] steps = {1, 8, 3, 2, 5, 6, 7, 4};
    expect(run(seq(new int[] {4, 2}, new MaxPooling1D(2)), new Weights(), steps), 3, 8, 7, 6);
    expect(run(seq(new int[] {4, 2}, new AveragePooling1D(2)), new Weights(), steps), 2, 5, 6, 5);
    // same padding, window 3, stride 2: steps 0-2, then 2-3 (the padded step is not counted)
    expect(run(seq(new int[] {4, 2}, new AveragePooling1D(kw("pool_size", 3, "strides", 2, "padding", "same"))),
        new Weights(), steps), 3, 16 / 3f, 6, 5);
    expect(run(seq(new int[] {4, 4, 1}, new AveragePooling2D(2, 2)), new Weights(), x16), 2.5f, 4.5f, 10.5f, 12.5f);
    expect(run(seq(new int[] {2, 2, 2}, new GlobalAveragePooling2D()), new Weights(), 1, 5, 2, 6, 3, 7, 4, 8), 2.5f, 6.5f);
    expect(run(seq(new int[] {1, 1, 1}, new ZeroPadding2D(kw("padding", List.of(List.of(1, 0), List.of(0, 1))))),
        new Weights(), 5), 0, 0, 5, 0);
    expect(run(seq(new int[] {1, 2, 1}, new UpSampling2D(2, 2)), new Weights(), 1, 2), 1, 1, 2, 2, 1, 1, 2, 2);
    expect(run(seq(new int[] {1, 2, 1}, new UpSampling2D(kw("size", List.of(2, 2), "interpolation", "bilinear"))),
        new Weights(), 0, 4), 0, 1, 3, 4, 0, 1, 3, 4);
  }

  @Test
  void addAndConcatenate() {
    Weights w = w("dense/kernel", new int[] {2, 2}, new float[] {1, 0, 0, 1}, "dense/bias", new int[] {2}, new float[2],
        "dense_1/kernel", new int[] {2, 2}, new float[] {2, 0, 0, 3}, "dense_1/bias", new int[] {2}, new float[2]);
    expect(run(branches(new Add()), w, 1, 2), 3, 8);
    expect(run(branches(new Concatenate()), w, 1, 2), 1, 2, 2, 6);
  }

  private static LayerGraph branches(Layer merge) {
    Tensor x = Input.of(2);
    return new Model("t", x, merge.apply(new Dense(2).apply(x), new Dense(2).apply(x))).toGraph();
  }

  /**
   * Two inputs of (2) or (3), fed packed (first vector, then second): |(3, 4) - (0, 0)| = 5,
   * |(1, 2, 3) - (1, 0, 1)| = sqrt(8) = 2.8284271; equal vectors give sqrt(1e-7) = 3.1622777e-4
   * (MLTK's floor, Keras' epsilon), not 0.
   */
  @Test
  void euclideanDistance() {
    expect(run(pair(2), new Weights(), 3, 4, 0, 0), 5);
    expect(run(pair(3), new Weights(), 1, 2, 3, 1, 0, 1), 2.8284271f);
    float[] same = run(pair(2), new Weights(), 7, -1, 7, -1);
    assertThat(same).hasSize(1);
    assertThat(same[0]).isCloseTo(3.1622777e-4f, within(1e-9f));
  }

  private static LayerGraph pair(int n) {
    Tensor a = Input.of(n);
    Tensor b = Input.of(n);
    return new Model("t", List.of(a, b), List.of(new EuclideanDistance().apply(a, b))).toGraph();
  }

  /**
   * Layer normalization of each sample's last axis: (1, 2, 3) has mean 2 and variance 2/3, so with
   * epsilon 0.001 it becomes (-1, 0, 1) / sqrt(0.6676667) = (-1.2238273, 0, 1.2238273), then times
   * gamma (1, 2, 0.5) plus beta (0, 1, -1). Without gamma and beta, rows (0, 4) and (1, 1) of a
   * (2, 2) input are normalized separately: +-2 / sqrt(4.001) = +-0.9998750 and (0, 0).
   */
  @Test
  void layerNormalization() {
    expect(run(seq(new int[] {3}, new LayerNormalization()),
        w("layer_normalization/gamma", new int[] {3}, new float[] {1, 2, 0.5f},
            "layer_normalization/beta", new int[] {3}, new float[] {0, 1, -1}), 1, 2, 3),
        -1.2238273f, 1, -0.3880863f);
    expect(run(seq(new int[] {2, 2}, new LayerNormalization(kw("center", false, "scale", false))), new Weights(),
        0, 4, 1, 1), -0.9998750f, 0.9998750f, 0, 0);
  }

  /** (T=3, C=2) rows (1, 2), (3, 4), (5, 6): the last step is (5, 6). */
  @Test
  void lastTimeStep() {
    expect(run(seq(new int[] {3, 2}, new LastTimeStep()), new Weights(), 1, 2, 3, 4, 5, 6), 5, 6);
  }

  /**
   * One unit, one feature, inputs 1 then 2; kernel (i, f, c, o) = (0.5, -1, 1, 2), recurrent
   * (1, 0.5, -0.5, 0), bias (0, 1, 0, -1). Step 1 from zero states: z = (0.5, 0, 1, 1), c =
   * sigmoid(0.5) tanh(1) = 0.6224593 * 0.7615942 = 0.4740614, h = sigmoid(1) tanh(c) = 0.7310586 *
   * 0.4414761 = 0.3227441. Step 2: z = 2 W + h U + b = (1.3227441, -0.8386280, 1.8386280, 3), c =
   * sigmoid(-0.8386280) c + sigmoid(1.3227441) tanh(1.8386280) = 0.8937628, h = sigmoid(3) tanh(c)
   * = 0.6794209.
   */
  @Test
  void lstmOverTwoSteps() {
    Weights w = w("lstm/kernel", new int[] {1, 4}, new float[] {0.5f, -1, 1, 2},
        "lstm/recurrent_kernel", new int[] {1, 4}, new float[] {1, 0.5f, -0.5f, 0},
        "lstm/bias", new int[] {4}, new float[] {0, 1, 0, -1});
    expect(run(seq(new int[] {2, 1}, new LSTM(kw("units", 1, "return_sequences", true))), w, 1, 2),
        0.3227441f, 0.6794209f);
    expect(run(seq(new int[] {2, 1}, new LSTM(1)), w, 1, 2), 0.6794209f);
  }

  /**
   * Two units, one step of x = 1, no bias: the kernel's 8 columns are gate-major (i0, i1, f0, f1,
   * c0, c1, o0, o1) = (1, -1, 0, 0, 2, 0.5, 0, 3), so h_k = sigmoid(o_k) tanh(sigmoid(i_k)
   * tanh(c_k)): h = (0.5 tanh(0.7310586 * 0.9640276), 0.9525741 tanh(0.2689414 * 0.4621172)) =
   * (0.3036904, 0.1177824).
   */
  @Test
  void lstmGatesAreGateMajor() {
    Weights w = w("lstm/kernel", new int[] {1, 8}, new float[] {1, -1, 0, 0, 2, 0.5f, 0, 3},
        "lstm/recurrent_kernel", new int[] {2, 8}, new float[16]);
    expect(run(seq(new int[] {1, 1}, new LSTM(kw("units", 2, "use_bias", false))), w, 1),
        0.3036904f, 0.1177824f);
  }

  /** swish(x) = x * sigmoid(x): swish(1) = 0.7310586, swish(-2) = -2 / (1 + e^2) = -0.2384058. */
  @Test
  void swish() {
    expect(run(seq(new int[] {3}, new Activation("swish")), new Weights(), 1, -2, 0), 0.7310586f, -0.2384058f, 0);
  }

  /** Mean over the middle axis kept as 1, then added back to every row (BC-ResNet's broadcast residual). */
  @Test
  void reduceMeanAndBroadcastingAdd() {
    Tensor x = Input.of(1, 2, 2);
    LayerGraph g = new Model("t", x, new Add().apply(new ReduceMean(2, true).apply(x), x)).toGraph();
    // rows (1, 10) and (3, 20): mean (2, 15); plus each row
    expect(run(g, new Weights(), 1, 10, 3, 20), 3, 25, 5, 35);
    expect(run(seq(new int[] {2, 2, 1}, new ReduceMean(kw("axis", List.of(1, 2)))), new Weights(), 1, 2, 3, 6), 3);
  }

  /**
   * (T=1, F=2, C=1) with two groups is viewed as (1, 1, 2): each frequency gets its own statistics
   * (F mod 2), here moving means 1, 2, variances 4, 1, gamma 2, 1, beta 0, 1; epsilon 0.001.
   */
  @Test
  void subSpectralNormalizationUsesOneStatisticPerSubBand() {
    LayerGraph g = seq(new int[] {1, 2, 1}, new SubSpectralNormalization(2));
    expect(run(g, w("sub_spectral_normalization/gamma", new int[] {2}, new float[] {2, 1},
        "sub_spectral_normalization/beta", new int[] {2}, new float[] {0, 1},
        "sub_spectral_normalization/moving_mean", new int[] {2}, new float[] {1, 0},
        "sub_spectral_normalization/moving_variance", new int[] {2}, new float[] {4, 1}), 1, 2),
        0, 2.9990008f);
  }

  /** SpatialDropout2D drops whole channels: every pixel of a channel is 0 or x / (1 - rate) together. */
  @Test
  void spatialDropoutDropsWholeChannelsInTraining() {
    try (LoweringHarness h = new LoweringHarness(seq(new int[] {4, 4, 8}, new SpatialDropout2D(0.5)), true, 2)) {
      float[] x = new float[2 * 4 * 4 * 8];
      java.util.Arrays.fill(x, 1f);
      float[] y = h.forward(x);
      int kept = 0;
      for (int n = 0; n < 2; n++) {
        for (int c = 0; c < 8; c++) {
          float first = y[n * 128 + c];
          assertThat(first).isIn(0f, 2f);
          kept += first == 2f ? 1 : 0;
          for (int p = 0; p < 16; p++) {
            assertThat(y[n * 128 + p * 8 + c]).isEqualTo(first);
          }
        }
      }
      assertThat(kept).isBetween(1, 15);
    }
    expect(run(seq(new int[] {1, 1, 2}, new SpatialDropout2D(0.5)), new Weights(), 3, 4), 3, 4);
  }
}
