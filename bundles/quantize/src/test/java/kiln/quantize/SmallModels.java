package kiln.quantize;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.api.model.LayerGraph;
import kiln.nn.Activation;
import kiln.nn.Add;
import kiln.nn.AveragePooling1D;
import kiln.nn.AveragePooling2D;
import kiln.nn.BatchNormalization;
import kiln.nn.Concatenate;
import kiln.nn.Conv1D;
import kiln.nn.Conv2D;
import kiln.nn.Conv2DTranspose;
import kiln.nn.Dense;
import kiln.nn.DepthwiseConv2D;
import kiln.nn.Dropout;
import kiln.nn.Flatten;
import kiln.nn.GlobalAveragePooling2D;
import kiln.nn.Input;
import kiln.nn.LastTimeStep;
import kiln.nn.LayerNormalization;
import kiln.nn.LeakyReLU;
import kiln.nn.MaxPooling1D;
import kiln.nn.MaxPooling2D;
import kiln.nn.Model;
import kiln.nn.ReLU;
import kiln.nn.ReduceMean;
import kiln.nn.Reshape;
import kiln.nn.SeparableConv2D;
import kiln.nn.SpatialDropout2D;
import kiln.nn.SubSpectralNormalization;
import kiln.nn.Tensor;
import kiln.nn.UpSampling2D;
import kiln.nn.ZeroPadding2D;

/** Small layer graphs covering every layer type the quantizer converts. */
final class SmallModels {
  private SmallModels() {}

  /** Residual CNN classifier: padding, conv+BN+ReLU6, depthwise, add, pools, concat, separable, GAP, dense. */
  static LayerGraph residual() {
    Tensor x = Input.of(16, 16, 3);
    Tensor y = new ZeroPadding2D(1).apply(x);
    y = new Conv2D(kw("filters", 8, "kernel_size", List.of(3, 3), "strides", List.of(2, 2))).apply(y);
    y = new BatchNormalization().apply(y);
    y = new Activation("relu6").apply(y);
    Tensor d = new DepthwiseConv2D(kw("kernel_size", List.of(3, 3), "padding", "same")).apply(y);
    d = new BatchNormalization().apply(d);
    d = new ReLU().apply(d);
    d = new Conv2D(8, 1).apply(d);
    Tensor s = new Add().apply(d, y);
    s = new ReLU().apply(s);
    Tensor p1 = new MaxPooling2D().apply(s);
    Tensor p2 = new AveragePooling2D().apply(s);
    Tensor c = new Concatenate().apply(p1, p2);
    c = new SeparableConv2D(kw("filters", 8, "kernel_size", List.of(3, 3), "padding", "same", "activation", "relu")).apply(c);
    c = new GlobalAveragePooling2D().apply(c);
    c = new Dense(kw("units", 16, "activation", "relu")).apply(c);
    c = new Dropout(0.3).apply(c);
    Tensor out = new Dense(kw("units", 4, "activation", "softmax")).apply(c);
    return new Model("residual", x, out).toGraph();
  }

  /** Conv1D over a sequence, standalone BatchNormalization, LeakyReLU, sigmoid output. */
  static LayerGraph sequence() {
    Tensor x = Input.of(32, 4);
    Tensor y = new BatchNormalization().apply(x);
    y = new Conv1D(kw("filters", 8, "kernel_size", 3, "padding", "same", "activation", "relu")).apply(y);
    y = new LeakyReLU(0.2).apply(y);
    y = new Flatten().apply(y);
    Tensor out = new Dense(kw("units", 3, "activation", "sigmoid")).apply(y);
    return new Model("sequence", x, out).toGraph();
  }

  /** conv1d_example's pattern: Conv1D, MaxPooling1D, a strided same AveragePooling1D, dense softmax. */
  static LayerGraph pooled1d() {
    Tensor x = Input.of(16, 3);
    Tensor y = new Conv1D(kw("filters", 4, "kernel_size", 3, "padding", "same", "activation", "relu")).apply(x);
    y = new MaxPooling1D(2).apply(y);
    y = new AveragePooling1D(kw("pool_size", 3, "strides", 2, "padding", "same")).apply(y);
    y = new Flatten().apply(y);
    Tensor out = new Dense(kw("units", 3, "activation", "softmax")).apply(y);
    return new Model("pooled1d", x, out).toGraph();
  }

  /** Decoder-like: conv, upsampling, transposed conv, tanh, reshape. */
  static LayerGraph decoder() {
    Tensor x = Input.of(6, 6, 2);
    Tensor y = new Conv2D(kw("filters", 4, "kernel_size", List.of(3, 3), "padding", "same", "activation", "relu")).apply(x);
    y = new UpSampling2D(2, 2).apply(y);
    y = new Conv2DTranspose(kw("filters", 3, "kernel_size", List.of(3, 3), "strides", List.of(2, 2), "padding", "same")).apply(y);
    y = new Activation("tanh").apply(y);
    Tensor out = new Reshape(24 * 24 * 3).apply(y);
    return new Model("decoder", x, out).toGraph();
  }

  /**
   * One BC-ResNet normal block (kws_streaming's bc_resnet): frequency depthwise conv, sub-spectral
   * normalization, mean over frequency kept as 1, temporal depthwise conv, batch norm, swish, 1x1
   * conv, spatial dropout, the (T, 1, C) branch added to the identity and the (T, F, C) residual.
   */
  static LayerGraph broadcastResidual() {
    Tensor x = Input.of(6, 10, 4);
    Tensor f = new DepthwiseConv2D(kw("kernel_size", List.of(1, 3), "padding", "same", "use_bias", false)).apply(x);
    Tensor residual = new SubSpectralNormalization(5).apply(f);
    Tensor y = new ReduceMean(2, true).apply(residual);
    y = new DepthwiseConv2D(kw("kernel_size", List.of(3, 1), "padding", "same", "use_bias", false,
        "dilation_rate", List.of(2, 1))).apply(y);
    y = new BatchNormalization().apply(y);
    y = new Activation("swish").apply(y);
    y = new Conv2D(kw("filters", 4, "kernel_size", 1, "use_bias", false)).apply(y);
    y = new SpatialDropout2D(0.1).apply(y);
    y = new Add().apply(y, x, residual);
    y = new Activation("relu").apply(y);
    y = new GlobalAveragePooling2D().apply(y);
    Tensor out = new Dense(kw("units", 3, "activation", "softmax")).apply(y);
    return new Model("broadcast_residual", x, out).toGraph();
  }

  /** keyword_spotting_numbers' normalization: (T, C) rows each layer-normalized, then a dense softmax. */
  static LayerGraph layerNormed() {
    Tensor x = Input.of(6, 8);
    Tensor y = new LayerNormalization().apply(x);
    Tensor out = new Dense(kw("units", 3, "activation", "softmax")).apply(new Flatten().apply(y));
    return new Model("layer_normed", x, out).toGraph();
  }

  /** LayerNormalization alone, to compare its float32 file with the formula. */
  static LayerGraph layerNormOnly() {
    Tensor x = Input.of(4, 8);
    return new Model("layer_norm_only", x, new LayerNormalization().apply(x)).toGraph();
  }

  /** keyword_spotting_numbers' head without the LSTM: normalized (T, C), its last step, a dense softmax. */
  static LayerGraph lastStep() {
    Tensor x = Input.of(5, 4);
    Tensor y = new LastTimeStep().apply(new LayerNormalization().apply(x));
    return new Model("last_step", x, new Dense(kw("units", 3, "activation", "softmax")).apply(y)).toGraph();
  }
}
