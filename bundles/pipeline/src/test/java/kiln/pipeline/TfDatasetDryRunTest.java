package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import kiln.audio.WavWriter;
import kiln.models.ReferenceSpecs;
import kiln.spec.SearchPathModelFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dry runs ({@code NAME-test}) of MLTK's dataset-directory examples through the whole pipeline
 * (TensorFlow training, int8 quantization, evaluation of the .tflite, the archive), on small folders
 * the test draws and points the specs at with {@code -Dkiln.dataset.<name>.dir}.
 */
class TfDatasetDryRunTest {
  @TempDir Path dir;

  TrainCommand command() {
    TrainCommand.Services services = new TrainCommand.Services(SearchPathModelFinder.standard(ReferenceSpecs::all),
        Map.of(), null, Pipelines.catalog(true), null);
    return new TrainCommand(services, dir, dir.resolve("work"));
  }

  String dryRun(String spec, String property, Path data) throws Exception {
    System.setProperty(property, data.toString());
    try {
      TrainFixtures.Lines out = new TrainFixtures.Lines();
      String report = command().run(spec, 0, false, false, out);
      String log = report + "\n" + String.join("\n", out.lines);
      System.out.println(log);
      return log;
    } finally {
      System.clearProperty(property);
    }
  }

  static List<String> entries(Path zip) throws Exception {
    List<String> out = new ArrayList<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      z.stream().forEach(e -> out.add(e.getName()));
    }
    return out;
  }

  /**
   * Ten 100x120 RGB images per class (smart_resize crops them square and scales them to 96x96):
   * person shows a bright vertical bar, non_person a bright horizontal one, at shifting places.
   */
  static void drawImages(Path root) throws Exception {
    for (String cls : List.of("person", "non_person")) {
      Path d = Files.createDirectories(root.resolve(cls));
      for (int i = 0; i < 10; i++) {
        BufferedImage img = new BufferedImage(120, 100, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 100; y++) {
          for (int x = 0; x < 120; x++) {
            boolean bar = cls.equals("person") ? Math.abs(x - 40 - 4 * i) < 8 : Math.abs(y - 30 - 4 * i) < 8;
            int v = bar ? 230 : 20 + (x * y + i) % 30;
            img.setRGB(x, y, (v << 16) | (v << 8) | (bar ? 200 : v));
          }
        }
        ImageIO.write(img, i % 2 == 0 ? "png" : "bmp", d.resolve(cls + i + (i % 2 == 0 ? ".png" : ".bmp")).toFile());
      }
    }
  }

  @Test
  void imageTfDatasetTrainsInItsDryRun() throws Exception {
    drawImages(dir.resolve("vww"));
    String log = dryRun("image_tf_dataset-test", "kiln.dataset.mscoco14.dir", dir.resolve("vww"));
    // validation: ceil(0.2 * 10) = 2 per class; training: the other 8 per class
    assertThat(log).contains("16 training samples, 4 validation samples, batch size 50");
    assertThat(log).contains("Epoch 1/1");
    assertThat(log).contains("Evaluation samples: 4 from the spec's evaluationData()");
    assertThat(ImageTrainingTest.accuracy(log, ".tflite (int8) accuracy")).isBetween(0.0, 1.0);
    Path archive = dir.resolve("image_tf_dataset-test.kiln.zip");
    assertThat(archive).exists();
    assertThat(entries(archive)).anyMatch(n -> n.endsWith(".tflite"));
  }

  /**
   * Five one-second 16 kHz clips per keyword (a tone of its own pitch, 0.5 s long, at a place and
   * loudness that change with the clip), two unknown-word folders of other tones and a background
   * noise clip.
   */
  static void writeClips(Path root) throws Exception {
    String[] words = {"left", "right", "up", "down", "yes", "no"};
    for (int w = 0; w < words.length; w++) {
      Path d = Files.createDirectories(root.resolve(words[w]));
      for (int i = 0; i < 5; i++) {
        float[] x = new float[16000];
        double hz = 300 + 250 * w;
        int start = 1000 + 1500 * i;
        for (int t = 0; t < 8000; t++) {
          x[start + t] = (float) ((0.2 + 0.1 * i) * Math.sin(2 * Math.PI * hz * t / 16000));
        }
        WavWriter.write(d.resolve(words[w] + "_" + i + "_nohash_0.wav"), x, 16000);
      }
    }
    Path noise = Files.createDirectories(root.resolve("_background_noise_"));
    java.util.Random r = new java.util.Random(5);
    float[] n = new float[3 * 16000];
    for (int t = 0; t < n.length; t++) {
      n[t] = (float) (0.1 * r.nextGaussian());
    }
    WavWriter.write(noise.resolve("white_noise.wav"), n, 16000);
  }

  @Test
  void audioTfDatasetTrainsInItsDryRun() throws Exception {
    writeClips(dir.resolve("speech"));
    String log = dryRun("audio_tf_dataset-test", "kiln.dataset.speech_commands_v2.dir", dir.resolve("speech"));
    // training: 5 - ceil(0.2 * 5) = 4 per keyword = 16, _unknown_ int(4 * 2.0) = 8 (4 from each of no,
    // yes); validation: 1 per keyword, _unknown_ int(1 * 2.0) = 2 (1 from each)
    assertThat(log).contains("24 training samples, 6 validation samples, batch size 32");
    assertThat(log).contains("Epoch 1/1");
    assertThat(log).contains("Evaluation samples: 6 from the spec's evaluationData()");
    assertThat(ImageTrainingTest.accuracy(log, ".tflite (int8) accuracy")).isBetween(0.0, 1.0);
    Path archive = dir.resolve("audio_tf_dataset-test.kiln.zip");
    assertThat(archive).exists();
    assertThat(entries(archive)).anyMatch(n -> n.endsWith(".tflite"));
  }

  /**
   * Six 10 s one-lead "ECG" clips at 360 Hz per rhythm class: a narrow beat every {@code period}
   * samples (a period of its own per class, shifting with the clip), 0.6 high.
   */
  static void writeWaveforms(Path root) throws Exception {
    String[] classes = {"1 NSR", "2 APB", "4 AFIB", "7 PVC"};
    for (int c = 0; c < classes.length; c++) {
      Path d = Files.createDirectories(root.resolve(classes[c]));
      for (int i = 0; i < 6; i++) {
        float[] x = new float[3600];
        int period = 150 + 60 * c;
        for (int t = 7 * i; t < x.length; t += period) {
          for (int k = -3; k <= 3 && t + k < x.length; k++) {
            if (t + k >= 0) {
              x[t + k] = 0.6f * (1 - Math.abs(k) / 4f);
            }
          }
        }
        WavWriter.write(d.resolve("rec" + i + ".wav"), x, 360);
      }
    }
  }

  @Test
  void conv1dExampleTrainsOnRawWaveformsInItsDryRun() throws Exception {
    writeWaveforms(dir.resolve("ekg"));
    String log = dryRun("conv1d_example-test", "kiln.dataset.ekg_waveforms.dir", dir.resolve("ekg"));
    // validation: ceil(0.1 * 6) = 1 per class; training: the other 5 (the dry run keeps batch_size = 5)
    assertThat(log).contains("20 training samples, 4 validation samples, batch size 5");
    assertThat(log).contains("Epoch 1/1");
    assertThat(log).contains("Evaluation samples: 4 from the spec's validationData()");
    assertThat(ImageTrainingTest.accuracy(log, ".tflite (int8) accuracy")).isBetween(0.0, 1.0);
    assertThat(dir.resolve("conv1d_example-test.kiln.zip")).exists();
  }

  @Test
  void aFileThatCannotBeDecodedNamesTheSpecLineAndFile() throws Exception {
    drawImages(dir.resolve("vww"));
    // sorted first in its class, so in the validation subset (the first 20%)
    Files.writeString(dir.resolve("vww/person/broken.png"), "not an image");
    assertThatThrownBy(() -> dryRun("image_tf_dataset-test", "kiln.dataset.mscoco14.dir", dir.resolve("vww")))
        .hasMessageStartingWith("image_tf_dataset: the spec's validationData() failed at image_tf_dataset.java:")
        .hasMessageContaining("broken.png is not a PNG, JPEG or BMP image");
  }

  /** A user's spec whose file decoder (run on worker threads) writes past an array. */
  static final String DECODER_SPEC = """
      import static kiln.nn.Args.kw;
      import java.nio.file.Path;
      import java.util.List;
      import kiln.nn.*;
      import kiln.spec.*;
      import kiln.spec.data.*;
      // @kiln_model
      public class tones extends KilnModel implements TrainMixin, DatasetMixin, EvaluateClassifierMixin {
        public tones() {
          epochs = 1;
          batchSize = 4;
          classes = List.of("left", "right");
          inputShape = new int[] {4};
        }
        static float[] decode(Path file, long seed) {
          float[] x = new float[3];
          for (int i = 0; i < 4; i++) {
            x[i] = AudioFiles.read(file, 16000)[i];
          }
          return x;
        }
        @Override public SpecDataset trainingData() {
          DirectoryListing files = DirectoryListing.list(Path.of(System.getProperty("tones.dir")),
              DirectoryListing.Options.of(classes, DirectoryListing.WAV));
          return SpecDataset.fromDirectory(files, tones::decode, 2);
        }
        @Override public Network buildModel() {
          Sequential m = new Sequential(name());
          m.add(new InputLayer(inputShape()));
          m.add(new Dense(kw("units", nClasses(), "activation", "softmax")));
          return m;
        }
      }
      """;

  @Test
  void aDecoderThatThrowsOnAWorkerThreadNamesTheSpecAndLine() throws Exception {
    writeClips(dir.resolve("speech"));
    Files.writeString(dir.resolve("tones.java"), DECODER_SPEC);
    // line 18 of the spec: x[i] = ... with i = 3 in a 3-long array
    assertThatThrownBy(() -> dryRun(dir.resolve("tones.java").toString(), "tones.dir", dir.resolve("speech")))
        .hasMessageStartingWith("tones: the spec's trainingData() failed at tones.java:18: ")
        .hasMessageContaining("Index 3 out of bounds for length 3");
  }
}
