package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import kiln.api.Progress;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.api.model.WeightSpec;
import kiln.api.model.Weights;
import kiln.archive.ArchiveReader;
import kiln.evaluate.ModelOutputs;
import kiln.micro.MicroModel;
import kiln.micro.MicroRuntime;
import kiln.models.ReferenceSpecs;
import kiln.models.fingerprint_signature_generator;
import kiln.spec.KilnModel;
import kiln.spec.ModelEntry;
import kiln.spec.ModelFinder;
import kiln.spec.SearchPathModelFinder;
import kiln.spec.data.Sample;
import kiln.tensorflow.train.TensorFlowTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fingerprint_signature_generator's dry run through {@code kiln:train}, on a folder of made-up
 * 28x28 "fingerprints" the test writes (six fingers, three images each) read at 28x28 and cropped to
 * 24x24 (the spec's dataset, target size and input shape): the Siamese model trains, the pipeline
 * exports the tower (the spec's exportModel(), MLTK's on_save_keras_model) as an int8 .tflite that
 * TFLite 2.20 runs as Kiln does, whose signatures are close to the float tower's (TensorFlow), and
 * whose evaluation scores pairs by MLTK's distance rule; kiln:quantize and kiln:evaluate use the
 * tower too.
 */
class FingerprintTowerDryRunTest {
  @TempDir Path dir;

  static final int SIDE = 28;
  static final int IN = 24;

  /** Finger f's ridges: stripes at angle f * 30 degrees, period 4 + f pixels, shifted per image, noise. */
  static void writeFingers(Path root) throws Exception {
    SplittableRandom r = new SplittableRandom(7);
    for (int f = 0; f < 6; f++) {
      Path d = Files.createDirectories(root.resolve("finger" + f));
      double angle = Math.PI / 6 * f;
      double period = 4 + f;
      for (int k = 0; k < 3; k++) {
        BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        double phase = r.nextDouble() * 2 * Math.PI;
        for (int i = 0; i < SIDE; i++) {
          for (int j = 0; j < SIDE; j++) {
            double v = 128 + 100 * Math.sin(2 * Math.PI * (i * Math.sin(angle) + j * Math.cos(angle)) / period + phase)
                + 15 * r.nextGaussian();
            int g = (int) Math.max(0, Math.min(255, v));
            img.getRaster().setSample(j, i, 0, g);
          }
        }
        ImageIO.write(img, "png", d.resolve("raw_" + k + ".png").toFile());
      }
    }
  }

  /** The bundled specs, with fingerprint_signature_generator pointed at the test's folder and size. */
  static ModelFinder finder(Path data) {
    SearchPathModelFinder standard = SearchPathModelFinder.standard(ReferenceSpecs::all);
    return new ModelFinder() {
      @Override
      public List<ModelEntry> list() {
        return standard.list();
      }

      @Override
      public ModelEntry find(String nameOrPath) {
        return standard.find(nameOrPath);
      }

      @Override
      public KilnModel load(String nameOrPath) {
        return load(nameOrPath, Map.of());
      }

      @Override
      public KilnModel load(String nameOrPath, Map<String, String> hyperparameters) {
        return small((fingerprint_signature_generator) standard.load(nameOrPath, hyperparameters), data);
      }
    };
  }

  static fingerprint_signature_generator small(fingerprint_signature_generator m, Path data) {
    m.dataset = data.toString();
    m.targetSize = new int[] {SIDE, SIDE};
    m.inputShape = new int[] {IN, IN, 1};
    m.batchSize = 8;
    return m;
  }

  @Test
  void dryRunExportsTheTowerAsInt8() throws Exception {
    Path data = dir.resolve("fingers");
    writeFingers(data);
    ModelFinder finder = finder(data);
    TrainCommand.Services services = new TrainCommand.Services(finder, Map.of(), null, Pipelines.catalog(true), null);
    TrainFixtures.Lines out = new TrainFixtures.Lines();
    String report = new TrainCommand(services, dir, dir.resolve("work"))
        .run("fingerprint_signature_generator-test", 0, false, false, out);
    String log = report + "\n" + String.join("\n", out.lines);
    // 4 training fingers: 24 match + 60 no-match pairs, the dry run keeps batch_size * 3 = 24;
    // 2 validation fingers: 12 match + 30 no-match pairs, 24 kept
    assertThat(log).contains("24 training samples, 24 validation samples").contains("Epoch 1/1");
    assertThat(log).contains("exporting fingerprint_signature_generator_tower");
    // the representative samples are the 24 training pairs' 48 images
    assertThat(log).contains("(48 representative training samples)");

    Path archive = dir.resolve("fingerprint_signature_generator-test.kiln.zip");
    ArchiveReader r = ArchiveReader.open(archive);
    byte[] tflite = r.tflite();
    assertThat(tflite).isNotNull();
    assertThat(r.float32Tflite()).isNotNull();
    // the archive keeps the trained Siamese model's weights (quantize starts from them again)
    assertThat(r.weights().asMap()).containsKey("conv2d/kernel").doesNotContainKey("conv2d.1/kernel");

    // the archive's .tflite is the tower: one 24x24x1 int8 image in, 16 int8 values out
    MicroModel micro = MicroRuntime.load(tflite, "tower");
    assertThat(micro.inputs()).hasSize(1);
    TensorSpec in = micro.inputs().get(0);
    TensorSpec o = micro.outputs().get(0);
    assertThat(in.shape()).containsExactly(1, IN, IN, 1);
    assertThat(in.type()).isEqualTo(ElementType.INT8);
    assertThat(o.shape()).containsExactly(1, 16);
    assertThat(o.type()).isEqualTo(ElementType.INT8);

    // the evaluation pairs (the validation fingers', as train made them) and their single images
    fingerprint_signature_generator spec = (fingerprint_signature_generator) finder.load(
        "fingerprint_signature_generator-test");
    List<Sample> pairs = spec.validationData().toList(-1);
    assertThat(pairs).hasSize(24);
    List<float[]> singles = new ArrayList<>();
    for (Sample p : pairs) {
      singles.add(Arrays.copyOfRange(p.x(), 0, IN * IN));
      singles.add(Arrays.copyOfRange(p.x(), IN * IN, 2 * IN * IN));
    }
    // the float tower: TensorFlow on the tower's layout with the archived (trained) weights
    var towerGraph = spec.tower().toGraph();
    Weights towerWeights = new Weights();
    for (WeightSpec w : towerGraph.weights()) {
      towerWeights.put(w.name(), r.weights().asMap().get(w.name()));
    }
    List<float[]> floats = new TensorFlowTrainer().predict(towerGraph, towerWeights, singles, List.of())
        .values().iterator().next();
    float range = 0;
    for (float[] s : floats) {
      for (float v : s) {
        range = Math.max(range, Math.abs(v));
      }
    }
    // the signatures spread over many output steps, so the tolerance below is a tight one
    assertThat(range).isGreaterThan(20 * o.scale());
    List<float[]> reference = new ArrayList<>();
    try (TfliteRunner ref = new TfliteRunner(tflite)) {
      for (int i = 0; i < singles.size(); i++) {
        TensorData x = ModelOutputs.quantize(singles.get(i), in);
        TensorData mine = micro.run(List.of(x)).get(0);
        byte[] want = ref.run(x.bytes());
        byte[] got = mine.bytes();
        assertThat(got).hasSize(16);
        for (int j = 0; j < 16; j++) {
          // TFLite 2.20 and TFLM's reference kernels differ by 1 on CONV_2D / FULLY_CONNECTED / MEAN rounding ties
          assertThat(Math.abs(got[j] - want[j])).as("image %d value %d: Kiln vs TFLite 2.20", i, j)
              .isLessThanOrEqualTo(1);
        }
        float[] deq = ModelOutputs.dequantize(new TensorData(o.type(), o.shape(), want), o);
        reference.add(deq);
        for (int j = 0; j < 16; j++) {
          // int8 tower vs float tower: within two steps of the output's scale (seen: within one), which
          // is about 2% of the largest float signature value
          assertThat(deq[j]).as("image %d value %d: int8 vs float (range %s)", i, j, range)
              .isCloseTo(floats.get(i)[j], within(2 * o.scale()));
        }
      }
    }

    // the .tflite's accuracy the train run reports: MLTK's rule on TFLite 2.20's signatures, worked here
    double threshold = 0.22;
    int hits = 0;
    for (int i = 0; i < pairs.size(); i++) {
      double sum = 0;
      for (int j = 0; j < 16; j++) {
        double d = reference.get(2 * i)[j] - reference.get(2 * i + 1)[j];
        sum += d * d;
      }
      double score = Math.min(0.5 / threshold * Math.sqrt(sum), 1.0);
      hits += (score < 0.5 ? 0 : 1) == pairs.get(i).label() ? 1 : 0;
    }
    Matcher m = Pattern.compile("\\.tflite \\(int8\\) accuracy ([0-9.]+)%").matcher(report);
    assertThat(m.find()).as(report).isTrue();
    // one pair may fall on the other side of the threshold where Kiln and TFLite differ by one step
    assertThat(Double.parseDouble(m.group(1)) / 100).isCloseTo((double) hits / pairs.size(),
        within(1.0 / pairs.size() + 1e-9));

    // kiln:quantize and kiln:evaluate on the archive take the tower as well
    ArchiveTasks tasks = new ArchiveTasks(finder, (model, training, max, seed, p) -> ModelData.supplied(model,
        training, max), Pipelines.catalog(true), ArchiveTasks.Choices.DEFAULTS, dir);
    String q = tasks.quantize("fingerprint_signature_generator-test", "", Progress.NONE);
    assertThat(q).contains("calibrated on 48 samples");
    byte[] again = ArchiveReader.open(archive).tflite();
    assertThat(MicroRuntime.load(again, "tower again").inputs().get(0).shape()).containsExactly(1, IN, IN, 1);
    String e = tasks.evaluate("fingerprint_signature_generator-test", true, -1, false, Progress.NONE);
    assertThat(e).contains("on 24 validation samples");
    String f = tasks.evaluate("fingerprint_signature_generator-test", false, -1, false, Progress.NONE);
    assertThat(f).contains("evaluated the exported float model through the tensorflow trainer on 24");
  }
}
