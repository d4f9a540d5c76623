package kiln.tensorflow.train;

import static kiln.nn.Args.kw;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import kiln.api.model.LayerGraph;
import kiln.api.model.TensorData;
import kiln.api.model.Weights;
import kiln.nn.*;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layer type's TensorFlow lowering: TensorFlow's gradients (inputs and trainable weights) of
 * the probe loss sum(output * R) agree with central finite differences.
 */
class GradientCheckTest {
  static Stream<Arguments> cases() {
    List<Arguments> a = new ArrayList<>();
    add(a, "Conv1D causal dilated", false, () -> seq(new int[] {7, 2},
        new Conv1D(kw("filters", 2, "kernel_size", 3, "padding", "causal", "dilation_rate", 2, "activation", "tanh"))));
    add(a, "Conv1D valid strided", false, () -> seq(new int[] {7, 2},
        new Conv1D(kw("filters", 3, "kernel_size", 2, "strides", 2))));
    add(a, "Conv2D same strided", false, () -> seq(new int[] {5, 5, 2},
        new Conv2D(kw("filters", 2, "kernel_size", List.of(3, 2), "strides", List.of(2, 2), "padding", "same"))));
    add(a, "Conv2D dilated sigmoid", false, () -> seq(new int[] {5, 5, 1},
        new Conv2D(kw("filters", 2, "kernel_size", 2, "dilation_rate", 2, "activation", "sigmoid"))));
    add(a, "DepthwiseConv2D", false, () -> seq(new int[] {4, 4, 2},
        new DepthwiseConv2D(kw("kernel_size", 2, "depth_multiplier", 2, "padding", "same"))));
    add(a, "SeparableConv2D", false, () -> seq(new int[] {4, 4, 2},
        new SeparableConv2D(kw("filters", 3, "kernel_size", 2))));
    add(a, "Conv2DTranspose", false, () -> seq(new int[] {3, 3, 2},
        new Conv2DTranspose(kw("filters", 2, "kernel_size", 3, "strides", 2, "padding", "same"))));
    add(a, "Dense", false, () -> seq(new int[] {4}, new Dense(kw("units", 3, "activation", "tanh"))));
    add(a, "Dense on rank 3", false, () -> seq(new int[] {2, 4}, new Dense(3)));
    add(a, "BatchNormalization training", true, () -> seq(new int[] {3, 3, 2}, new BatchNormalization()));
    add(a, "BatchNormalization training rank 2", true, () -> seq(new int[] {3}, new BatchNormalization()));
    add(a, "BatchNormalization inference", false, () -> seq(new int[] {3, 3, 2}, new BatchNormalization()));
    for (String act : List.of("linear", "relu", "relu6", "sigmoid", "tanh", "softmax", "hard_swish", "swish")) {
      add(a, "Activation " + act, false, () -> seq(new int[] {6}, new Activation(act)));
    }
    add(a, "ReLU max/slope/threshold", false, () -> seq(new int[] {6},
        new ReLU(kw("max_value", 0.6, "negative_slope", 0.1, "threshold", 0.2))));
    add(a, "LeakyReLU", false, () -> seq(new int[] {6}, new LeakyReLU(0.2)));
    add(a, "Dropout training", true, () -> seq(new int[] {8}, new Dropout(0.5)));
    add(a, "Flatten", false, () -> seq(new int[] {2, 3}, new Flatten()));
    add(a, "Reshape", false, () -> seq(new int[] {6}, new Reshape(3, -1)));
    add(a, "MaxPooling1D", false, () -> seq(new int[] {6, 2}, new MaxPooling1D(2)));
    add(a, "AveragePooling1D same strided", false, () -> seq(new int[] {5, 2},
        new AveragePooling1D(kw("pool_size", 3, "strides", 2, "padding", "same"))));
    add(a, "MaxPooling2D", false, () -> seq(new int[] {4, 4, 2}, new MaxPooling2D(2, 2)));
    add(a, "AveragePooling2D same", false, () -> seq(new int[] {5, 5, 1},
        new AveragePooling2D(kw("pool_size", 2, "padding", "same"))));
    add(a, "GlobalAveragePooling2D", false, () -> seq(new int[] {3, 3, 2}, new GlobalAveragePooling2D()));
    add(a, "ZeroPadding2D", false, () -> seq(new int[] {2, 2, 1},
        new ZeroPadding2D(kw("padding", List.of(List.of(1, 0), List.of(0, 2))))));
    add(a, "UpSampling2D nearest", false, () -> seq(new int[] {2, 2, 1}, new UpSampling2D(2, 2)));
    add(a, "UpSampling2D bilinear", false, () -> seq(new int[] {3, 3, 1},
        new UpSampling2D(kw("size", List.of(2, 2), "interpolation", "bilinear"))));
    add(a, "Add", false, () -> branches(new Add()));
    add(a, "Add broadcasting (T, 1, C) over (T, F, C)", false, () -> {
      Tensor x = Input.of(3, 4, 2);
      return new Model("t", x, new Add().apply(new ReduceMean(2, true).apply(x), x)).toGraph();
    });
    add(a, "SubSpectralNormalization training", true, () -> seq(new int[] {3, 4, 2}, new SubSpectralNormalization(2)));
    add(a, "SubSpectralNormalization inference", false, () -> seq(new int[] {3, 4, 2}, new SubSpectralNormalization(2)));
    add(a, "SpatialDropout2D training", true, () -> seq(new int[] {2, 3, 4}, new SpatialDropout2D(0.5)));
    add(a, "ReduceMean axes 1, 3", false, () -> seq(new int[] {2, 3, 4}, new ReduceMean(kw("axis", List.of(1, -1))))); 
    add(a, "LayerNormalization", false, () -> seq(new int[] {3, 4}, new LayerNormalization()));
    add(a, "LastTimeStep", false, () -> seq(new int[] {3, 4}, new LastTimeStep()));
    add(a, "LSTM return_sequences", false, () -> seq(new int[] {3, 2},
        new LSTM(kw("units", 3, "return_sequences", true))));
    add(a, "LSTM last step", false, () -> seq(new int[] {4, 3}, new LSTM(2)));
    add(a, "Concatenate", false, () -> branches(new Concatenate()));
    add(a, "EuclideanDistance", false, () -> branches(new EuclideanDistance()));
    return a.stream();
  }

  private static void add(List<Arguments> a, String name, boolean training, Supplier<LayerGraph> g) {
    a.add(Arguments.of(name, training, g));
  }

  static LayerGraph seq(int[] in, Layer layer) {
    Sequential m = new Sequential("t");
    m.add(new InputLayer(in));
    m.add(layer);
    return m.toGraph();
  }

  /** Two Dense branches of one input joined by {@code merge}. */
  static LayerGraph branches(Layer merge) {
    Tensor x = Input.of(3);
    Tensor a = new Dense(2).apply(x);
    Tensor b = new Dense(2).apply(x);
    return new Model("t", x, merge.apply(a, b)).toGraph();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gradientsMatchFiniteDifferences(String name, boolean training, Supplier<LayerGraph> graph) {
    int batch = 3;
    try (LoweringHarness h = new LoweringHarness(graph.get(), training, batch)) {
      Weights w = h.randomWeights(5);
      h.setWeights(w);
      float[] x = LoweringHarness.random(batch * h.inSize(), 9);
      float[] probe = LoweringHarness.random(batch * h.outSize(), 13);
      Map<String, float[]> analytic = h.gradients(x, probe);
      assertThat(analytic).isNotEmpty();
      double eps = 2e-3;
      int checked = 0;
      for (Map.Entry<String, float[]> e : analytic.entrySet()) {
        float[] g = e.getValue();
        int stride = Math.max(1, g.length / 12);
        for (int i = 0; i < g.length; i += stride) {
          double numeric;
          if (e.getKey().startsWith("input:")) {
            float[] plus = x.clone();
            float[] minus = x.clone();
            plus[i] += eps;
            minus[i] -= eps;
            numeric = (h.loss(plus, probe) - h.loss(minus, probe)) / (2 * eps);
          } else {
            numeric = (lossWith(h, w, e.getKey(), i, eps, x, probe) - lossWith(h, w, e.getKey(), i, -eps, x, probe))
                / (2 * eps);
            h.setWeights(w);
          }
          assertThat((double) g[i]).as("%s d/d %s[%d]", name, e.getKey(), i)
              .isCloseTo(numeric, org.assertj.core.data.Offset.offset(2e-2 + 2e-2 * Math.abs(numeric)));
          checked++;
        }
      }
      assertThat(checked).isGreaterThan(0);
    }
  }

  private static double lossWith(LoweringHarness h, Weights w, String name, int i, double delta, float[] x,
      float[] probe) {
    Weights changed = new Weights();
    for (var e : w.asMap().entrySet()) {
      float[] v = e.getValue().toFloats();
      if (e.getKey().equals(name)) {
        v[i] += (float) delta;
      }
      changed.put(e.getKey(), TensorData.ofFloat32(e.getValue().shape(), v));
    }
    h.setWeights(changed);
    return h.loss(x, probe);
  }
}
