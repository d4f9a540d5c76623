package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import kiln.api.KilnException;
import kiln.api.model.TensorData;
import kiln.tflite.BuiltinOp;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import kiln.tflite.options.Activation;
import kiln.tflite.options.UnidirectionalSequenceLSTMOptions;
import org.junit.jupiter.api.Test;

/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM (float32): random models written by Kiln's writer in both time
 * layouts against TFLite 2.20 over consecutive invokes (the hidden and cell states carry over), and
 * a one-unit case worked out by hand.
 */
class LstmTest {
  static final int MODELS = 24;
  static final int INVOKES = 4;

  @Test
  void floatMatchesTfliteInBothLayoutsOverConsecutiveInvokes() {
    SequenceOpModels gen = new SequenceOpModels(20261205L);
    List<String> failures = new ArrayList<>();
    long compared = 0;
    for (int i = 0; i < MODELS; i++) {
      boolean timeMajor = i % 2 == 0;
      TfliteModel model = gen.floatLstm(timeMajor);
      compared += SequenceRuns.compare(model, "lstm #" + i + (timeMajor ? " time-major"
          : " batch-major"), INVOKES, gen.r, failures);
    }
    assertThat(failures).isEmpty();
    assertThat(compared).isGreaterThan(300);
  }

  /**
   * Int8 (int16 cell) on random shapes in both layouts against TFLite 2.20's float kernel on the
   * same quantized weights and inputs, over consecutive invokes: TFLite 2.20 has no int8 kernel
   * that computes as TFLite Micro's does, so the float result bounds the quantization error (the
   * hidden state's step is 1/120; measured: under one step, asserted: under two).
   */
  @Test
  void int8StaysCloseToTflitesFloatOnTheSameWeights() {
    SequenceOpModels gen = new SequenceOpModels(20261206L);
    double worst = 0;
    long compared = 0;
    for (int i = 0; i < MODELS; i++) {
      TfliteModel[] pair = gen.lstmPair(i % 2 == 0);
      MicroModel q = MicroRuntime.load(pair[1].toBytes(), "lstm int8 #" + i);
      kiln.api.model.TensorSpec in = q.inputs().get(0);
      kiln.api.model.TensorSpec out = q.outputs().get(0);
      try (TfliteOracle f = new TfliteOracle(pair[0].toBytes())) {
        for (int step = 0; step < INVOKES; step++) {
          int n = (int) TensorData.elementCount(in.shape());
          byte[] x = new byte[n];
          float[] xf = new float[n];
          for (int e = 0; e < n; e++) {
            x[e] = (byte) Math.max(-128, Math.min(127, Math.round(gen.r.nextGaussian() * 40)));
            xf[e] = x[e] / 32f;
          }
          byte[] y = q.run(List.of(TensorData.ofInt8(in.shape(), x))).get(0).bytes();
          float[] want = new float[y.length];
          java.nio.ByteBuffer.wrap(f.run(List.of(TensorData.ofFloat32(in.shape(), xf).bytes()), 1)
              .get(0)).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(want);
          for (int e = 0; e < y.length; e++) {
            double got = (y[e] - out.zeroPoint()) * (double) out.scale();
            worst = Math.max(worst, Math.abs(got - want[e]));
            compared++;
          }
        }
      }
    }
    assertThat(compared).isGreaterThan(300);
    System.out.println("LSTM int8 vs float: " + compared + " elements, largest difference " + worst);
    assertThat(worst).as("largest int8 - float difference").isLessThan(2 / 120.0);
  }

  /**
   * One feature, one unit, batch 1, two steps; every input weight 1, every recurrent weight 0,
   * every bias 0, so each gate sees only x: with x = 0 every sigmoid gate is 1/2 and the cell gate
   * tanh(0) = 0, so the cell stays 0 and the output 0; with x = 1 the sigmoid gates are
   * s = 1 / (1 + e^-1) = 0.7310586 and the cell gate tanh(1) = 0.7615942, so
   * cell = s x 0 + s x tanh(1) = 0.5567699 and hidden = s x tanh(0.5567699) = 0.3696064.
   * A second step with x = 1 (the recurrent weights being 0): cell = s x 0.5567699 + s x tanh(1) =
   * 0.9638014 and hidden = s x tanh(0.9638014) = 0.5453461.
   */
  @Test
  void oneUnitWorkedByHand() {
    SequenceOpModels g = new SequenceOpModels(0);
    g.start();
    int[] ins = new int[24];
    java.util.Arrays.fill(ins, -1);
    ins[0] = g.activation(TensorType.FLOAT32, new int[] {1, 3, 1}, 0, 0);
    for (int k = 0; k < 4; k++) {
      ins[1 + k] = g.g.addTensor(new kiln.tflite.Tensor("w" + k, TensorType.FLOAT32,
          new int[] {1, 1}).setData(SvdfTest.floats(1f)));
      ins[5 + k] = g.g.addTensor(new kiln.tflite.Tensor("r" + k, TensorType.FLOAT32,
          new int[] {1, 1}).setData(SvdfTest.floats(0f)));
      ins[12 + k] = g.g.addTensor(new kiln.tflite.Tensor("b" + k, TensorType.FLOAT32,
          new int[] {1}).setData(SvdfTest.floats(0f)));
    }
    ins[18] = g.variable(TensorType.FLOAT32, new int[] {1, 1}, 0, 0);
    ins[19] = g.variable(TensorType.FLOAT32, new int[] {1, 1}, 0, 0);
    int out = g.activation(TensorType.FLOAT32, new int[] {1, 3, 1}, 0, 0);
    TfliteModel model = g.finish(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, ins, new int[] {out},
        new UnidirectionalSequenceLSTMOptions(Activation.TANH, 0f, 0f, false), ins[0]);
    MicroModel m = MicroRuntime.load(model.toBytes(), "lstm-by-hand");
    float[] y = m.run(List.of(TensorData.ofFloat32(new int[] {1, 3, 1},
        new float[] {0f, 1f, 1f}))).get(0).toFloats();
    assertThat(y[0]).isEqualTo(0f);
    assertThat(y[1]).isCloseTo(0.3696064f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(y[2]).isCloseTo(0.5453461f, org.assertj.core.data.Offset.offset(1e-6f));
  }

  /**
   * TensorFlow Lite Micro's published LSTM check (kernels/testdata/lstm_test_data.cc,
   * Get2X2LstmEvalCheckData with Create2x3x2X2FloatNodeContents): batch 2, 3 steps, 2 features,
   * 2 units, batch-major, cell clip 6; forget weights -10/-20 with bias [1, 2], input weights
   * 10/20 with bias [-1, -2], cell and output weights all 1 with bias 0 (input and recurrent
   * weights alike). Its expected outputs, to its tolerance 1e-6.
   */
  @Test
  void tfliteMicrosPublishedFloatVector() {
    SequenceOpModels g = new SequenceOpModels(0);
    g.start();
    int[] ins = new int[24];
    java.util.Arrays.fill(ins, -1);
    ins[0] = g.activation(TensorType.FLOAT32, new int[] {2, 3, 2}, 0, 0);
    float[][] weights = {{10, 10, 20, 20}, {-10, -10, -20, -20}, {1, 1, 1, 1}, {1, 1, 1, 1}};
    float[][] biases = {{-1, -2}, {1, 2}, {0, 0}, {0, 0}};
    for (int k = 0; k < 4; k++) { // input, forget, cell, output gate
      ins[1 + k] = g.g.addTensor(new kiln.tflite.Tensor("w" + k, TensorType.FLOAT32,
          new int[] {2, 2}).setData(SvdfTest.floats(weights[k])));
      ins[5 + k] = g.g.addTensor(new kiln.tflite.Tensor("r" + k, TensorType.FLOAT32,
          new int[] {2, 2}).setData(SvdfTest.floats(weights[k])));
      ins[12 + k] = g.g.addTensor(new kiln.tflite.Tensor("b" + k, TensorType.FLOAT32,
          new int[] {2}).setData(SvdfTest.floats(biases[k])));
    }
    ins[18] = g.variable(TensorType.FLOAT32, new int[] {2, 2}, 0, 0);
    ins[19] = g.variable(TensorType.FLOAT32, new int[] {2, 2}, 0, 0);
    int out = g.activation(TensorType.FLOAT32, new int[] {2, 3, 2}, 0, 0);
    TfliteModel model = g.finish(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, ins, new int[] {out},
        new UnidirectionalSequenceLSTMOptions(Activation.TANH, 6f, 3f, false), ins[0]);
    MicroModel m = MicroRuntime.load(model.toBytes(), "tflm-lstm-2x3x2x2");
    float[] y = m.run(List.of(TensorData.ofFloat32(new int[] {2, 3, 2}, new float[] {
        0.2f, 0.3f, 0.2f, 0.3f, 0.2f, 0.3f, -0.98f, 0.62f, 0.01f, 0.99f, 0.49f, -0.32f})))
        .get(0).toFloats();
    float[] expected = {0.26455893f, 0.26870455f, 0.47935803f, 0.47937014f, 0.58013272f,
        0.58013278f, -1.41184672e-3f, -1.43329117e-5f, 0.46887168f, 0.46891281f, 0.50054074f,
        0.50054148f};
    for (int i = 0; i < expected.length; i++) {
      assertThat(y[i]).as("output %d", i)
          .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-6f));
    }
    // the states after the run: TFLite Micro's expected hidden and cell states
    assertThat(m.tensor(ins[18]).f32).containsExactly(new float[] {0.58013272f, 0.58013278f,
        0.50054074f, 0.50054148f}, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(m.tensor(ins[19]).f32).containsExactly(new float[] {0.89740515f, 0.8974053f,
        0.80327607f, 0.80327785f}, org.assertj.core.data.Offset.offset(1e-6f));
  }

  /**
   * The same published check in int8 (TensorFlow Lite Micro's TestUnidirectionalLSTMInt8, with
   * Get2X2Int8LstmQuantizationSettings): input scale 1/127.5 zero point 0, hidden state and output
   * scale 0.004705882 zero point -21, cell scale 2^-12; forget and input weights at 20/127 with
   * biases at 0.0012351397, cell and output weights at 1/127 with biases at 6.1756986e-5; the
   * float parameters above quantized with those scales (round half away). Its goldens are the
   * float expected values, to its tolerance 1e-2 after dequantizing.
   */
  @Test
  void tfliteMicrosPublishedInt8Vector() {
    SequenceOpModels g = new SequenceOpModels(0);
    g.start();
    int[] ins = new int[24];
    java.util.Arrays.fill(ins, -1);
    float hiddenScale = 0.004705882165580988f;
    ins[0] = g.activation(TensorType.INT8, new int[] {2, 3, 2}, 0.00784313725490196f, 0);
    int[][] weights = {{64, 64, 127, 127}, {-64, -64, -127, -127}, {127, 127, 127, 127},
        {127, 127, 127, 127}};
    float[] weightScales = {0.15748031496062992f, 0.15748031496062992f, 0.007874015748031496f,
        0.007874015748031496f};
    int[][] biases = {{-810, -1619}, {810, 1619}, {0, 0}, {0, 0}};
    float[] biasScales = {0.0012351397251814111f, 0.0012351397251814111f,
        6.175698625907056e-5f, 6.175698625907056e-5f};
    for (int k = 0; k < 4; k++) { // input, forget, cell, output gate
      ins[1 + k] = int8Const(g, "w" + k, weights[k], weightScales[k]);
      ins[5 + k] = int8Const(g, "r" + k, weights[k], weightScales[k]);
      java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(8)
          .order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(biases[k][0]).putInt(biases[k][1]);
      ins[12 + k] = g.g.addTensor(new kiln.tflite.Tensor("b" + k, TensorType.INT32,
          new int[] {2}).setData(bb.array())
          .setQuantization(kiln.tflite.Quantization.perTensor(biasScales[k], 0)));
    }
    ins[18] = g.variable(TensorType.INT8, new int[] {2, 2}, hiddenScale, -21);
    ins[19] = g.variable(TensorType.INT16, new int[] {2, 2}, 0.000244140625f, 0);
    int out = g.activation(TensorType.INT8, new int[] {2, 3, 2}, hiddenScale, -21);
    TfliteModel model = g.finish(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, ins, new int[] {out},
        new UnidirectionalSequenceLSTMOptions(Activation.TANH, 6f, 3f, false), ins[0]);
    MicroModel m = MicroRuntime.load(model.toBytes(), "tflm-lstm-int8");
    // the published float input quantized at 1/127.5
    byte[] x = {25, 38, 25, 38, 25, 38, -125, 79, 1, 126, 62, -41};
    byte[] y = m.run(List.of(TensorData.ofInt8(new int[] {2, 3, 2}, x))).get(0).bytes();
    float[] expected = {0.26455893f, 0.26870455f, 0.47935803f, 0.47937014f, 0.58013272f,
        0.58013278f, -1.41184672e-3f, -1.43329117e-5f, 0.46887168f, 0.46891281f, 0.50054074f,
        0.50054148f};
    for (int i = 0; i < expected.length; i++) {
      assertThat((y[i] + 21) * hiddenScale).as("output %d", i)
          .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-2f));
    }
    float[] hidden = {0.58013272f, 0.58013278f, 0.50054074f, 0.50054148f};
    float[] cell = {0.89740515f, 0.8974053f, 0.80327607f, 0.80327785f};
    for (int i = 0; i < 4; i++) {
      assertThat((m.tensor(ins[18]).i8[i] + 21) * hiddenScale).as("hidden %d", i)
          .isCloseTo(hidden[i], org.assertj.core.data.Offset.offset(1e-2f));
      assertThat(m.tensor(ins[19]).i16[i] * 0.000244140625f).as("cell %d", i)
          .isCloseTo(cell[i], org.assertj.core.data.Offset.offset(1e-2f));
    }
  }

  private static int int8Const(SequenceOpModels g, String name, int[] values, float scale) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) values[i];
    }
    return g.g.addTensor(new kiln.tflite.Tensor(name, TensorType.INT8, new int[] {2, 2})
        .setData(b).setQuantization(kiln.tflite.Quantization.perTensor(scale, 0)));
  }

  @Test
  void peepholesAreRefusedByName() {
    SequenceOpModels g = new SequenceOpModels(3);
    TfliteModel model = g.floatLstm(false);
    kiln.tflite.Operator op = model.mainSubgraph().operators().get(0);
    int[] ins = op.inputs().clone();
    ins[9] = ins[12]; // a peephole vector
    model.mainSubgraph().operators().set(0,
        new kiln.tflite.Operator(op.code(), ins, op.outputs(), op.options()));
    assertThatThrownBy(() -> MicroRuntime.load(model.toBytes(), "peephole"))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("op #0 UNIDIRECTIONAL_SEQUENCE_LSTM: input 9");
  }
}
