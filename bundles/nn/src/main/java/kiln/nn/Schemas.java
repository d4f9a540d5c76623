package kiln.nn;

import java.util.List;
import java.util.Map;

/** The Keras arguments and defaults of every layer class, in one place. */
final class Schemas {
  static final Map<String, Schema> ALL;

  static {
    Arg pad = Arg.oneOf("valid", "same");
    ALL = Map.ofEntries(
        entry(new Schema("InputLayer").required("input_shape", Arg.shape(false))),
        entry(conv(new Schema("Conv1D"), 1, Arg.oneOf("valid", "same", "causal"), "kernel")),
        entry(conv(new Schema("Conv2D"), 2, pad, "kernel")),
        entry(conv(new Schema("Conv2DTranspose"), 2, pad, "kernel")
            .add("output_padding", null, Arg.tuple(2))),
        entry(depthwise(new Schema("DepthwiseConv2D"), pad, false)),
        entry(depthwise(new Schema("SeparableConv2D"), pad, true)),
        entry(new Schema("Dense")
            .required("units", Arg.positiveInt())
            .add("activation", "linear", Arg.activation())
            .add("use_bias", true, Arg.bool())
            .add("kernel_initializer", "glorot_uniform", Arg.initializer())
            .add("bias_initializer", "zeros", Arg.initializer())
            .add("kernel_regularizer", null, Arg.regularizer())
            .add("bias_regularizer", null, Arg.regularizer())),
        entry(new Schema("LSTM")
            .required("units", Arg.positiveInt())
            .add("activation", "tanh", Arg.oneOf("tanh"))
            .add("recurrent_activation", "sigmoid", Arg.oneOf("sigmoid"))
            .add("use_bias", true, Arg.bool())
            .add("kernel_initializer", "glorot_uniform", Arg.initializer())
            .add("recurrent_initializer", "orthogonal", Arg.initializer())
            .add("bias_initializer", "zeros", Arg.initializer())
            .add("unit_forget_bias", true, Arg.bool())
            .add("kernel_regularizer", null, Arg.regularizer())
            .add("recurrent_regularizer", null, Arg.regularizer())
            .add("bias_regularizer", null, Arg.regularizer())
            .add("return_sequences", false, Arg.bool())),
        entry(new Schema("BatchNormalization")
            .add("axis", -1, Arg.anyInt())
            .add("momentum", 0.99, Arg.number(0, 1, false))
            .add("epsilon", 0.001, Arg.positiveNumber())
            .add("center", true, Arg.bool())
            .add("scale", true, Arg.bool())
            .add("beta_initializer", "zeros", Arg.initializer())
            .add("gamma_initializer", "ones", Arg.initializer())
            .add("moving_mean_initializer", "zeros", Arg.initializer())
            .add("moving_variance_initializer", "ones", Arg.initializer())
            .add("beta_regularizer", null, Arg.regularizer())
            .add("gamma_regularizer", null, Arg.regularizer())),
        entry(new Schema("SubSpectralNormalization")
            .required("sub_groups", Arg.positiveInt())
            .add("momentum", 0.99, Arg.number(0, 1, false))
            .add("epsilon", 0.001, Arg.positiveNumber())
            .add("center", true, Arg.bool())
            .add("scale", true, Arg.bool())
            .add("beta_initializer", "zeros", Arg.initializer())
            .add("gamma_initializer", "ones", Arg.initializer())
            .add("moving_mean_initializer", "zeros", Arg.initializer())
            .add("moving_variance_initializer", "ones", Arg.initializer())
            .add("beta_regularizer", null, Arg.regularizer())
            .add("gamma_regularizer", null, Arg.regularizer())),
        entry(new Schema("LayerNormalization")
            .add("axis", -1, Arg.anyInt())
            .add("epsilon", 0.001, Arg.positiveNumber())
            .add("center", true, Arg.bool())
            .add("scale", true, Arg.bool())
            .add("beta_initializer", "zeros", Arg.initializer())
            .add("gamma_initializer", "ones", Arg.initializer())
            .add("beta_regularizer", null, Arg.regularizer())
            .add("gamma_regularizer", null, Arg.regularizer())),
        entry(new Schema("Activation").required("activation", Arg.activation())),
        entry(new Schema("ReLU")
            .add("max_value", null, Arg.number(0, Double.MAX_VALUE, false))
            .add("negative_slope", 0.0, Arg.number(0, Double.MAX_VALUE, false))
            .add("threshold", 0.0, Arg.number(-Double.MAX_VALUE, Double.MAX_VALUE, false))),
        entry(new Schema("LeakyReLU").add("alpha", 0.3, Arg.number(0, Double.MAX_VALUE, false))),
        entry(new Schema("Dropout")
            .required("rate", Arg.number(0, 1, true))
            .add("seed", null, Arg.anyInt())),
        entry(new Schema("SpatialDropout2D")
            .required("rate", Arg.number(0, 1, true))
            .add("seed", null, Arg.anyInt())),
        entry(new Schema("Flatten")),
        entry(new Schema("LastTimeStep")),
        entry(new Schema("Reshape").required("target_shape", Arg.shape(true)).add("dynamic_batch", false, Arg.bool())),
        entry(pool1d(new Schema("MaxPooling1D"))),
        entry(pool1d(new Schema("AveragePooling1D"))),
        entry(pool(new Schema("MaxPooling2D"))),
        entry(pool(new Schema("AveragePooling2D"))),
        entry(new Schema("GlobalAveragePooling2D").add("keepdims", false, Arg.bool())),
        entry(new Schema("ReduceMean")
            .required("axis", Arg.axes())
            .add("keepdims", false, Arg.bool())),
        entry(new Schema("ZeroPadding2D").add("padding", 1, Arg.padding2d())),
        entry(new Schema("UpSampling2D")
            .add("size", List.of(2, 2), Arg.tuple(2))
            .add("interpolation", "nearest", Arg.oneOf("nearest", "bilinear"))),
        entry(new Schema("Add")),
        entry(new Schema("Concatenate").add("axis", -1, Arg.anyInt())),
        entry(new Schema("EuclideanDistance").add("epsilon", 1e-7, Arg.positiveNumber())));
  }

  private Schemas() {}

  private static Schema conv(Schema s, int rank, Arg padding, String kernel) {
    return s.required("filters", Arg.positiveInt())
        .required("kernel_size", Arg.tuple(rank))
        .add("strides", ones(rank), Arg.tuple(rank))
        .add("padding", "valid", padding)
        .add("dilation_rate", ones(rank), Arg.tuple(rank))
        .add("activation", "linear", Arg.activation())
        .add("use_bias", true, Arg.bool())
        .add(kernel + "_initializer", "glorot_uniform", Arg.initializer())
        .add("bias_initializer", "zeros", Arg.initializer())
        .add(kernel + "_regularizer", null, Arg.regularizer())
        .add("bias_regularizer", null, Arg.regularizer());
  }

  /** DepthwiseConv2D's arguments; SeparableConv2D adds filters and the pointwise kernel's, in Keras order. */
  private static Schema depthwise(Schema s, Arg padding, boolean separable) {
    if (separable) {
      s.required("filters", Arg.positiveInt());
    }
    s.required("kernel_size", Arg.tuple(2))
        .add("strides", ones(2), Arg.tuple(2))
        .add("padding", "valid", padding)
        .add("depth_multiplier", 1, Arg.positiveInt())
        .add("dilation_rate", ones(2), Arg.tuple(2))
        .add("activation", "linear", Arg.activation())
        .add("use_bias", true, Arg.bool())
        .add("depthwise_initializer", "glorot_uniform", Arg.initializer());
    if (separable) {
      s.add("pointwise_initializer", "glorot_uniform", Arg.initializer());
    }
    s.add("bias_initializer", "zeros", Arg.initializer())
        .add("depthwise_regularizer", null, Arg.regularizer());
    if (separable) {
      s.add("pointwise_regularizer", null, Arg.regularizer());
    }
    return s.add("bias_regularizer", null, Arg.regularizer());
  }

  private static Schema pool(Schema s) {
    return s.add("pool_size", List.of(2, 2), Arg.tuple(2))
        .add("strides", null, Arg.tuple(2))
        .add("padding", "valid", Arg.oneOf("valid", "same"));
  }

  /** Keras' Pooling1D arguments: pool_size 2, strides None (pool_size), padding valid. */
  private static Schema pool1d(Schema s) {
    return s.add("pool_size", List.of(2), Arg.tuple(1))
        .add("strides", null, Arg.tuple(1))
        .add("padding", "valid", Arg.oneOf("valid", "same"));
  }

  private static List<Integer> ones(int rank) {
    return rank == 1 ? List.of(1) : List.of(1, 1);
  }

  private static Map.Entry<String, Schema> entry(Schema s) {
    return Map.entry(s.className(), s);
  }
}
