package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Published models (TFLite Micro's and MLTK's) run in Kiln on random inputs; every op's output is
 * then checked against TFLite 2.20 fed the same op inputs (ties allowed as OpChecker documents).
 */
class RealModelsTest {

  static List<TensorData> randomInputs(MicroModel m, Random r) {
    List<TensorData> in = new ArrayList<>();
    for (TensorSpec s : m.inputs()) {
      int n = (int) TensorData.elementCount(s.shape());
      if (s.type() == ElementType.INT8) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        in.add(new TensorData(ElementType.INT8, s.shape(), b));
      } else {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
          f[i] = (float) (r.nextDouble() * 2 * Math.PI);
        }
        in.add(TensorData.ofFloat32(s.shape(), f));
      }
    }
    return in;
  }

  static OpChecker checkModel(String fixture, int runs) {
    byte[] bytes = Fixtures.read(fixture);
    TfliteModel source = TfliteModel.read(bytes, fixture);
    MicroModel m = MicroModel.prepare(ModelLoader.toGraph(source, fixture));
    OpChecker checker = new OpChecker();
    Random r = new Random(7);
    for (int run = 0; run < runs; run++) {
      m.run(randomInputs(m, r));
      checker.check(source, m, fixture + " run " + run);
    }
    System.out.println(fixture + ":\n" + checker.summary());
    return checker;
  }

  @ParameterizedTest
  @ValueSource(strings = {"tflm/hello_world_int8.tflite", "tflm/hello_world_float.tflite",
      "tflm/micro_speech_quantized.tflite", "mltk/tflite_micro_speech.tflite",
      "mltk/image_example1.tflite", "mltk/anomaly_detection.tflite",
      "mltk/image_classification.tflite"})
  void everyOpMatchesTflite(String fixture) {
    OpChecker c = checkModel(fixture, 3);
    assertThat(c.failures).isEmpty();
    assertThat(c.stats).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tflm/hello_world_int8.tflite", "tflm/hello_world_float.tflite"})
  void helloWorldMatchesTfliteEndToEnd(String fixture) {
    byte[] bytes = Fixtures.read(fixture);
    MicroModel m = MicroModel.prepare(ModelLoader.load(bytes, fixture));
    boolean isFloat = m.inputs().get(0).type() == ElementType.FLOAT32;
    int differing = 0;
    try (TfliteOracle oracle = new TfliteOracle(bytes)) {
      // the model's domain, x in [0, 2*pi), on a grid of 64 points
      for (int i = 0; i < 64; i++) {
        float x = (float) (2 * Math.PI * i / 64);
        TensorSpec s = m.inputs().get(0);
        TensorData in = isFloat ? TensorData.ofFloat32(s.shape(), new float[] {x})
            : TensorData.ofInt8(s.shape(), new byte[] {(byte) Math.max(-128, Math.min(127,
                Math.round(x / s.scale()) + s.zeroPoint()))});
        byte[] kiln = m.run(List.of(in)).get(0).bytes();
        byte[] ref = oracle.run(List.of(in.bytes()), 1).get(0);
        if (isFloat) {
          float a = java.nio.ByteBuffer.wrap(kiln).order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat();
          float b = java.nio.ByteBuffer.wrap(ref).order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat();
          assertThat(a).as("x=%s", x).isCloseTo(b, org.assertj.core.data.Offset.offset(1e-5f));
        } else if (!java.util.Arrays.equals(kiln, ref)) {
          // only a rounding tie inside an op may explain a difference: check every op
          OpChecker c = new OpChecker();
          c.check(TfliteModel.read(bytes, fixture), m, fixture + " x=" + x);
          assertThat(c.failures).as("x=%s", x).isEmpty();
          assertThat(c.stats.values().stream().mapToLong(v -> v[1]).sum()).as("ties").isPositive();
          assertThat(Math.abs(kiln[0] - ref[0])).as("x=%s", x).isLessThanOrEqualTo(1);
          differing++;
        }
      }
    }
    System.out.println(fixture + ": " + differing + " of 64 grid points differ end to end by a tie");
  }
}
