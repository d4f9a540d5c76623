package kiln.keras;

import static kiln.nn.Args.kw;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import kiln.api.model.LayerGraph;
import kiln.api.model.LayerNode;
import kiln.nn.Add;
import kiln.nn.BatchNormalization;
import kiln.nn.Concatenate;
import kiln.nn.Conv2D;
import kiln.nn.Dense;
import kiln.nn.DepthwiseConv2D;
import kiln.nn.Dropout;
import kiln.nn.GlobalAveragePooling2D;
import kiln.nn.Input;
import kiln.nn.Model;
import kiln.nn.ReLU;
import kiln.nn.Regularizers;
import kiln.nn.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Keras 2.4 functional model (residual Add, Concatenate on a positive Keras axis, ReLU6,
 * DepthwiseConv2D, a regularizer) imports as the same graph the functional API of kiln.nn builds.
 */
class FunctionalImportTest {
  @TempDir Path dir;

  static final String CONFIG = """
      {"class_name": "Functional", "config": {"name": "residual", "layers": [
       {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 8, 8, 3], "dtype": "float32",
        "sparse": false, "ragged": false, "name": "input_1"}, "name": "input_1", "inbound_nodes": []},
       {"class_name": "Conv2D", "config": {"name": "conv2d", "trainable": true, "dtype": "float32", "filters": 4,
        "kernel_size": [3, 3], "strides": [1, 1], "padding": "same", "data_format": "channels_last",
        "dilation_rate": [1, 1], "groups": 1, "activation": "linear", "use_bias": true,
        "kernel_initializer": {"class_name": "HeNormal", "config": {"seed": null}},
        "bias_initializer": {"class_name": "Zeros", "config": {}},
        "kernel_regularizer": {"class_name": "L2", "config": {"l2": 0.0001}}, "bias_regularizer": null,
        "activity_regularizer": null, "kernel_constraint": null, "bias_constraint": null},
        "name": "conv2d", "inbound_nodes": [[["input_1", 0, 0, {}]]]},
       {"class_name": "BatchNormalization", "config": {"name": "batch_normalization", "trainable": true,
        "dtype": "float32", "axis": [3], "momentum": 0.99, "epsilon": 0.001, "center": true, "scale": true,
        "beta_initializer": {"class_name": "Zeros", "config": {}},
        "gamma_initializer": {"class_name": "Ones", "config": {}},
        "moving_mean_initializer": {"class_name": "Zeros", "config": {}},
        "moving_variance_initializer": {"class_name": "Ones", "config": {}}, "beta_regularizer": null,
        "gamma_regularizer": null, "beta_constraint": null, "gamma_constraint": null},
        "name": "batch_normalization", "inbound_nodes": [[["conv2d", 0, 0, {}]]]},
       {"class_name": "ReLU", "config": {"name": "re_lu", "trainable": true, "dtype": "float32",
        "max_value": 6.0, "negative_slope": 0.0, "threshold": 0.0},
        "name": "re_lu", "inbound_nodes": [[["batch_normalization", 0, 0, {}]]]},
       {"class_name": "DepthwiseConv2D", "config": {"name": "depthwise_conv2d", "trainable": true,
        "dtype": "float32", "kernel_size": [3, 3], "strides": [1, 1], "padding": "same",
        "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": "relu",
        "use_bias": true, "bias_initializer": {"class_name": "Zeros", "config": {}}, "bias_regularizer": null,
        "activity_regularizer": null, "bias_constraint": null, "depth_multiplier": 1,
        "depthwise_initializer": {"class_name": "GlorotUniform", "config": {"seed": null}},
        "depthwise_regularizer": null, "depthwise_constraint": null},
        "name": "depthwise_conv2d", "inbound_nodes": [[["re_lu", 0, 0, {}]]]},
       {"class_name": "Add", "config": {"name": "add", "trainable": true, "dtype": "float32"},
        "name": "add", "inbound_nodes": [[["re_lu", 0, 0, {}], ["depthwise_conv2d", 0, 0, {}]]]},
       {"class_name": "Concatenate", "config": {"name": "concatenate", "trainable": true, "dtype": "float32",
        "axis": 3}, "name": "concatenate", "inbound_nodes": [[["add", 0, 0, {}], ["re_lu", 0, 0, {}]]]},
       {"class_name": "GlobalAveragePooling2D", "config": {"name": "global_average_pooling2d",
        "trainable": true, "dtype": "float32", "data_format": "channels_last", "keepdims": false},
        "name": "global_average_pooling2d", "inbound_nodes": [[["concatenate", 0, 0, {}]]]},
       {"class_name": "Dropout", "config": {"name": "dropout", "trainable": true, "dtype": "float32",
        "rate": 0.25, "noise_shape": null, "seed": null},
        "name": "dropout", "inbound_nodes": [[["global_average_pooling2d", 0, 0, {}]]]},
       {"class_name": "Dense", "config": {"name": "dense", "trainable": true, "dtype": "float32", "units": 2,
        "activation": "softmax", "use_bias": true,
        "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": null}},
        "bias_initializer": {"class_name": "Zeros", "config": {}}, "kernel_regularizer": null,
        "bias_regularizer": null, "activity_regularizer": null, "kernel_constraint": null,
        "bias_constraint": null}, "name": "dense", "inbound_nodes": [[["dropout", 0, 0, {}]]]}],
       "input_layers": [["input_1", 0, 0]], "output_layers": [["dense", 0, 0]]}}
      """;

  @Test
  void importsAsTheGraphKilnsFunctionalApiBuilds() {
    Path file = dir.resolve("residual.h5");
    new KerasH5Writer(CONFIG)
        .weight("conv2d", "kernel", 1, 3, 3, 3, 4).weight("conv2d", "bias", 2, 4)
        .weight("batch_normalization", "gamma", 3, 4).weight("batch_normalization", "beta", 4, 4)
        .weight("batch_normalization", "moving_mean", 5, 4)
        .weight("batch_normalization", "moving_variance", 6, 4)
        .layer("re_lu")
        .weight("depthwise_conv2d", "depthwise_kernel", 7, 3, 3, 4, 1).weight("depthwise_conv2d", "bias", 8, 4)
        .layer("add").layer("concatenate").layer("global_average_pooling2d").layer("dropout")
        .weight("dense", "kernel", 9, 8, 2).weight("dense", "bias", 10, 2)
        .write(file);

    KerasModelFile m = KerasModelFile.read(file);

    Tensor x = Input.of("input_1", 8, 8, 3);
    Tensor c = new Conv2D(kw("name", "conv2d", "filters", 4, "kernel_size", 3, "padding", "same",
        "kernel_initializer", "he_normal", "kernel_regularizer", Regularizers.l2(0.0001))).apply(x);
    Tensor b = new BatchNormalization(kw("name", "batch_normalization")).apply(c);
    Tensor r = new ReLU(kw("name", "re_lu", "max_value", 6.0)).apply(b);
    Tensor d = new DepthwiseConv2D(kw("name", "depthwise_conv2d", "kernel_size", 3, "padding", "same",
        "activation", "relu")).apply(r);
    Tensor s = new Add(kw("name", "add")).apply(r, d);
    Tensor j = new Concatenate(kw("name", "concatenate")).apply(s, r);
    Tensor p = new GlobalAveragePooling2D(kw("name", "global_average_pooling2d")).apply(j);
    Tensor o = new Dropout(kw("name", "dropout", "rate", 0.25)).apply(p);
    Tensor y = new Dense(kw("name", "dense", "units", 2, "activation", "softmax")).apply(o);
    LayerGraph expected = new Model("residual", x, y).toGraph();

    LayerGraph g = m.graph();
    assertThat(g.name()).isEqualTo("residual");
    assertThat(g.inputs()).isEqualTo(expected.inputs());
    assertThat(g.outputs()).isEqualTo(expected.outputs());
    assertThat(g.layers()).hasSameSizeAs(expected.layers());
    for (LayerNode e : expected.layers()) {
      LayerNode n = g.layer(e.name());
      assertThat(n).as(e.name()).isNotNull();
      assertThat(n.type()).isEqualTo(e.type());
      assertThat(n.inputs()).as(e.name()).isEqualTo(e.inputs());
      assertThat(n.outputShape()).as(e.name()).containsExactly(e.outputShape());
      assertThat(n.config()).as(e.name()).isEqualTo(e.config());
      assertThat(n.weights()).as(e.name()).isEqualTo(e.weights());
    }
    assertThat(g.layer("concatenate").outputShape()).containsExactly(8, 8, 8);
    assertThat(m.weights().asMap().keySet()).containsExactlyElementsOf(
        expected.weights().stream().map(w -> w.name()).toList());
    assertThat(m.weights().get("depthwise_conv2d/depthwise_kernel").shape()).containsExactly(3, 3, 4, 1);
    float[] k = m.weights().get("conv2d/kernel").toFloats();
    assertThat(k[0]).isEqualTo(0.01f * 1);
    assertThat(k[5]).isEqualTo(-(0.01f * 6));
    assertThat(m.weights().get("dense/bias").toFloats()).containsExactly(0.01f * 10, -(0.01f * 11));
    assertThat(m.metadata()).containsEntry("keras_version", "2.4.0");
  }
}
