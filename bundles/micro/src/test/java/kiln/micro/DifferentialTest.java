package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.tflite.BuiltinOp;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Test;

/**
 * Randomized differential test against TFLite 2.20 (BuiltinOpResolverWithoutDefaultDelegates):
 * for every supported op, random single-op models (int8 and float32) and small multi-op chains,
 * random inputs; outputs must be byte-identical except documented rounding ties.
 */
class DifferentialTest {
  static final int INT8_MODELS_PER_OP = 40;
  static final int FLOAT_MODELS_PER_OP = 8;

  private final OpChecker checker = new OpChecker();
  private int models;

  private void run(String what, Function<Boolean, TfliteModel> gen, boolean withFloat, long seed) {
    Random r = new Random(seed);
    for (int i = 0; i < INT8_MODELS_PER_OP + (withFloat ? FLOAT_MODELS_PER_OP : 0); i++) {
      boolean fp = i >= INT8_MODELS_PER_OP;
      TfliteModel model = gen.apply(fp);
      String label = what + (fp ? " float" : " int8") + " #" + i;
      byte[] bytes = model.toBytes();
      MicroModel m = MicroModel.prepare(ModelLoader.load(bytes, label));
      for (int k = 0; k < m.inputs().size(); k++) {
        TensorSpec s = m.inputs().get(k);
        int n = (int) TensorData.elementCount(s.shape());
        if (s.type() == ElementType.INT8) {
          byte[] b = new byte[n];
          r.nextBytes(b);
          m.setInput(k, TensorData.ofInt8(s.shape(), b));
        } else {
          float[] f = new float[n];
          for (int e = 0; e < n; e++) {
            f[e] = (float) (r.nextGaussian() * 3);
          }
          m.setInput(k, TensorData.ofFloat32(s.shape(), f));
        }
      }
      m.invoke();
      checker.check(model, m, label);
      models++;
    }
  }

  @Test
  void everyOpMatchesTfliteOnRandomModels() {
    RandomModels g = new RandomModels(20261121L);
    run("CONV_2D", g::conv, true, 1);
    run("DEPTHWISE_CONV_2D", g::depthwise, true, 2);
    run("FULLY_CONNECTED", g::fullyConnected, true, 3);
    run("AVERAGE_POOL_2D", fp -> g.pool(true, fp), true, 4);
    run("MAX_POOL_2D", fp -> g.pool(false, fp), true, 5);
    for (BuiltinOp op : List.of(BuiltinOp.RESHAPE, BuiltinOp.SQUEEZE, BuiltinOp.EXPAND_DIMS)) {
      run(op.name(), fp -> g.reshapeLike(op, fp), true, 6);
    }
    for (BuiltinOp op : List.of(BuiltinOp.SOFTMAX, BuiltinOp.LOGISTIC, BuiltinOp.TANH,
        BuiltinOp.RELU, BuiltinOp.RELU6, BuiltinOp.LEAKY_RELU, BuiltinOp.HARD_SWISH)) {
      run(op.name(), fp -> g.unary(op, fp), true, 7);
    }
    for (BuiltinOp op : List.of(BuiltinOp.ADD, BuiltinOp.SUB, BuiltinOp.MUL)) {
      run(op.name(), fp -> g.binary(op, fp), true, 8);
    }
    run("MEAN", g::mean, true, 9);
    run("PAD", g::pad, true, 10);
    run("CONCATENATION", g::concatenation, true, 11);
    run("TRANSPOSE_CONV", g::transposeConv, true, 12);
    run("STRIDED_SLICE", g::stridedSlice, true, 13);
    run("QUANTIZE", fp -> g.quantize(), false, 14);
    run("DEQUANTIZE", fp -> g.dequantize(), false, 15);
    run("chain", fp -> g.chain(), false, 16);
    System.out.println(models + " models\n" + checker.summary());
    assertThat(checker.failures).isEmpty();
    assertThat(checker.stats.keySet()).contains("CONV_2D", "DEPTHWISE_CONV_2D",
        "FULLY_CONNECTED", "AVERAGE_POOL_2D", "MAX_POOL_2D", "RESHAPE", "SQUEEZE", "EXPAND_DIMS",
        "SOFTMAX", "LOGISTIC", "TANH", "RELU", "RELU6", "LEAKY_RELU", "HARD_SWISH", "ADD", "SUB",
        "MUL", "MEAN", "PAD", "CONCATENATION", "TRANSPOSE_CONV", "STRIDED_SLICE", "QUANTIZE",
        "DEQUANTIZE");
  }
}
