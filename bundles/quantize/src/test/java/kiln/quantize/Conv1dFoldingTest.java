package kiln.quantize;

import static kiln.nn.Args.kw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import kiln.api.Progress;
import kiln.api.model.LayerGraph;
import kiln.api.model.QuantizeJob;
import kiln.api.model.TensorData;
import kiln.api.model.Weights;
import kiln.nn.Activation;
import kiln.nn.BatchNormalization;
import kiln.nn.Conv1D;
import kiln.nn.Flatten;
import kiln.nn.Input;
import kiln.nn.Model;
import kiln.nn.Tensor;
import kiln.quantize.internal.Ptq;
import kiln.tflite.Operator;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Test;

/**
 * Conv1D + BatchNormalization + ReLU lowers as the converter lowers it in MLTK's conv1d_example
 * (one CONV_2D with a fused RELU between the Conv1D's reshapes): the batch norm folds into the
 * convolution behind its closing reshape, and the result is the one worked out by hand.
 */
class Conv1dFoldingTest {
  @Test
  void batchNormAndReluFoldIntoTheConv1dsConvolution() {
    Tensor x = Input.of(3, 1);
    Tensor y = new Conv1D(kw("filters", 1, "kernel_size", 1)).apply(x);
    y = new BatchNormalization().apply(y);
    y = new Activation("relu").apply(y);
    LayerGraph g = new Model("fold", x, new Flatten().apply(y)).toGraph();
    Weights w = new Weights();
    w.put("conv1d/kernel", TensorData.ofFloat32(new int[] {1, 1, 1}, new float[] {2}));
    w.put("conv1d/bias", TensorData.ofFloat32(new int[] {1}, new float[] {1}));
    w.put("batch_normalization/gamma", TensorData.ofFloat32(new int[] {1}, new float[] {0.5f}));
    w.put("batch_normalization/beta", TensorData.ofFloat32(new int[] {1}, new float[] {0.25f}));
    w.put("batch_normalization/moving_mean", TensorData.ofFloat32(new int[] {1}, new float[] {1}));
    // variance + epsilon (0.001) = 4
    w.put("batch_normalization/moving_variance", TensorData.ofFloat32(new int[] {1}, new float[] {3.999f}));
    QuantizeJob job = new QuantizeJob(g, w, List.of(new float[] {1, -2, 0.5f}, new float[] {-1, 2, 0}),
        Map.of("inference_input_type", "float32", "inference_output_type", "float32"),
        Map.of("name", "fold", "version", 1));
    Ptq.Output out = Ptq.run(job, TestModels.MICRO, Progress.NONE, Instant.EPOCH);

    TfliteModel int8 = TfliteModel.read(out.tflite(), "fold int8");
    assertThat(int8.mainSubgraph().operators()).extracting(op -> op.op().name())
        .containsExactly("QUANTIZE", "RESHAPE", "CONV_2D", "RESHAPE", "RESHAPE", "DEQUANTIZE");
    Operator conv = int8.mainSubgraph().operators().get(2);
    assertThat(conv.options().toString()).contains("activation=RELU");

    // x = 1, -2, 0.5: conv 2x + 1 = 3, -3, 2; batch norm 0.5 (y - 1) / 2 + 0.25 = 0.75, -0.75, 0.5; ReLU
    List<float[]> f = OracleAgreementTest.floatOutputs(out.float32(), List.of(new float[] {1, -2, 0.5f}));
    assertThat(f.get(0)).containsExactly(new float[] {0.75f, 0f, 0.5f}, within(1e-6f));
    OracleAgreementTest.assertIdentical(out.tflite(), List.of(new float[] {1, -2, 0.5f}, new float[] {-1, 2, 0}),
        "fold int8");
  }
}
