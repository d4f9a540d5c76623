package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.Progress;
import kiln.api.model.Batch;
import kiln.api.model.BatchSource;
import kiln.api.model.LayerGraph;
import kiln.api.model.QuantizeJob;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.api.model.TrainJob;
import kiln.api.model.TrainResult;
import kiln.api.model.WeightSpec;
import kiln.api.model.Weights;
import kiln.evaluate.ModelOutputs;
import kiln.micro.MicroModel;
import kiln.micro.MicroRuntime;
import kiln.micro.internal.MicroInterpreterService;
import kiln.models.fingerprint_signature_generator;
import kiln.quantize.internal.Ptq;
import kiln.tensorflow.train.TensorFlowTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fingerprint_signature_generator at its real 180x180 size on a few made-up "fingerprints" (MLTK's
 * dataset is the user's own): the Siamese model trains (shared towers, the distance, batch norm,
 * a sigmoid), its distance layer gives the distance of the two towers' signatures, the whole model
 * cannot be made int8 (the distance's SQRT), and the tower MLTK exports, with the trained weights,
 * becomes an int8 file that Kiln runs as TFLite 2.20 does.
 */
class FingerprintSignatureTest {
  @TempDir Path dir;

  static final int SIDE = 180;
  static final int N = SIDE * SIDE;

  /** Finger f's ridges: stripes at angle f * 45 degrees, period 6 + f pixels, int8 range, plus noise. */
  static float[] finger(int f, SplittableRandom r) {
    double angle = Math.PI / 4 * f;
    double period = 6 + f;
    float[] x = new float[N];
    for (int i = 0; i < SIDE; i++) {
      for (int j = 0; j < SIDE; j++) {
        double v = 100 * Math.sin(2 * Math.PI * (i * Math.sin(angle) + j * Math.cos(angle)) / period);
        x[i * SIDE + j] = (float) Math.max(-128, Math.min(127, v + 20 * r.nextGaussian()));
      }
    }
    return x;
  }

  /** Pairs of two fingers' images, half of them one finger twice (label 1 as in SiameseExportTest). */
  static final class Pairs implements BatchSource {
    private final int batches;
    private final int size;
    private final long seed;
    private int k;

    Pairs(int batches, int size, long seed) {
      this.batches = batches;
      this.size = size;
      this.seed = seed;
    }

    @Override
    public int batchesPerEpoch() {
      return batches;
    }

    @Override
    public Batch next() {
      SplittableRandom r = new SplittableRandom(seed * 1000 + (k++ % batches));
      float[] x = new float[size * 2 * N];
      float[] y = new float[size];
      for (int i = 0; i < size; i++) {
        int a = r.nextInt(4);
        boolean same = i % 2 == 0;
        int b = same ? a : (a + 1 + r.nextInt(3)) % 4;
        System.arraycopy(finger(a, r), 0, x, i * 2 * N, N);
        System.arraycopy(finger(b, r), 0, x, i * 2 * N + N, N);
        y[i] = same ? 1 : 0;
      }
      return new Batch(x, new int[] {size, 2 * N}, y, new int[] {size, 1}, null);
    }
  }

  @Test
  void trainsTheSiameseModelAndExportsItsTower() {
    fingerprint_signature_generator spec = new fingerprint_signature_generator();
    LayerGraph siamese = spec.buildGraph();
    TensorFlowTrainer trainer = new TensorFlowTrainer();
    Map<String, Object> settings = new LinkedHashMap<>(Map.of("epochs", 3, "optimizer", spec.optimizer,
        "loss", spec.loss));
    TrainResult t = trainer.train(new TrainJob(siamese, settings, new Pairs(3, 8, 1), new Pairs(1, 8, 9), null, 0,
        dir, 3, Progress.NONE));
    List<Double> loss = t.history().get("loss");
    assertThat(loss).hasSize(3).allSatisfy(l -> assertThat(l).isFinite());
    assertThat(loss.get(2)).as("loss %s", loss).isLessThan(loss.get(0));
    // one set of tower weights
    assertThat(t.weights().asMap()).containsKey("conv2d/kernel").doesNotContainKey("conv2d.1/kernel");

    // the distance layer's output is the distance of the two towers' float signatures
    LayerGraph tower = spec.tower().toGraph();
    Weights towerWeights = new Weights();
    for (WeightSpec w : tower.weights()) {
      towerWeights.put(w.name(), t.weights().asMap().get(w.name()));
    }
    Batch b = new Pairs(1, 4, 5).next();
    List<float[]> pairs = new ArrayList<>();
    List<float[]> singles = new ArrayList<>();
    for (int i = 0; i < b.size(); i++) {
      pairs.add(java.util.Arrays.copyOfRange(b.x(), i * 2 * N, (i + 1) * 2 * N));
      singles.add(java.util.Arrays.copyOfRange(b.x(), i * 2 * N, i * 2 * N + N));
      singles.add(java.util.Arrays.copyOfRange(b.x(), i * 2 * N + N, (i + 1) * 2 * N));
    }
    List<float[]> distances = trainer.predict(siamese, t.weights(), pairs, List.of("euclidean_distance"))
        .get("euclidean_distance");
    List<float[]> signatures = trainer.predict(tower, towerWeights, singles, List.of()).values().iterator().next();
    for (int i = 0; i < pairs.size(); i++) {
      float[] s0 = signatures.get(2 * i);
      float[] s1 = signatures.get(2 * i + 1);
      assertThat(s0).hasSize(16);
      double sum = 0;
      for (int j = 0; j < 16; j++) {
        sum += (s0[j] - s1[j]) * (double) (s0[j] - s1[j]);
      }
      double want = Math.sqrt(Math.max(sum, 1e-7));
      assertThat((double) distances.get(i)[0]).as("pair %d", i).isCloseTo(want, within(1e-4 + 1e-4 * want));
    }

    // the whole Siamese model has no int8 form: the quantizer names the distance layer
    Map<String, Object> converter = spec.tfliteConverterSettings();
    assertThatThrownBy(() -> Ptq.run(new QuantizeJob(siamese, t.weights(), pairs, converter,
        Map.of("name", "f", "version", 1), null, Progress.NONE), new MicroInterpreterService(), Progress.NONE,
        Instant.EPOCH)).hasMessageContaining("(EuclideanDistance)").hasMessageContaining("SQRT");

    // MLTK's export: the tower, int8 in and out, representative data the pairs' single images
    Ptq.Output q = Ptq.run(new QuantizeJob(tower, towerWeights, singles, converter,
        Map.of("name", "fingerprint_signature_generator", "version", 1), null, Progress.NONE),
        new MicroInterpreterService(), Progress.NONE, Instant.EPOCH);
    MicroModel kiln = MicroRuntime.load(q.tflite(), "tower int8");
    TensorSpec in = kiln.inputs().get(0);
    TensorSpec out = kiln.outputs().get(0);
    float range = 0;
    for (float[] s : signatures) {
      for (float v : s) {
        range = Math.max(range, Math.abs(v));
      }
    }
    try (TfliteRunner tflite = new TfliteRunner(q.tflite())) {
      for (int i = 0; i < singles.size(); i++) {
        TensorData x = ModelOutputs.quantize(singles.get(i), in);
        TensorData mine = kiln.run(List.of(x)).get(0);
        byte[] ref = tflite.run(x.bytes());
        byte[] got = mine.bytes();
        assertThat(got).hasSameSizeAs(ref);
        for (int j = 0; j < ref.length; j++) {
          // TFLite 2.20 and TFLM's reference kernels differ by 1 on CONV_2D / FULLY_CONNECTED rounding ties
          assertThat(Math.abs(got[j] - ref[j])).as("image %d signature %d: Kiln vs TFLite 2.20", i, j)
              .isLessThanOrEqualTo(1);
        }
        float[] deq = ModelOutputs.dequantize(mine, out);
        for (int j = 0; j < 16; j++) {
          assertThat(deq[j]).as("image %d signature %d: int8 vs float", i, j)
              .isCloseTo(signatures.get(i)[j], within(0.1f * range));
        }
      }
    }
  }
}
