package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import kiln.api.data.DatasetProvider;
import kiln.image.ParallelImageDataGenerator;
import kiln.image.augment.ImageAugmenters;
import kiln.models.ReferenceSpecs;
import kiln.spec.SearchPathModelFinder;
import kiln.util.data.DatasetFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image model through the whole pipeline outside OSGi: a folder of PNGs the test draws (three
 * kinds of stripes with random phase, contrast and noise), a spec written here, TensorFlow
 * training, int8 quantization on training images, evaluation of both models on the held-out
 * validation images, and classify_image on new images drawn after training.
 */
class ImageTrainingTest {
  static final List<String> CLASSES = List.of("horizontal", "vertical", "diagonal");
  static final int SIZE = 20;

  @TempDir Path dir;

  static BufferedImage stripes(String kind, Random r) {
    BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
    int period = 4 + r.nextInt(3);
    int phase = r.nextInt(period);
    double contrast = 0.5 + 0.5 * r.nextDouble();
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        int t = switch (kind) {
          case "horizontal" -> y;
          case "vertical" -> x;
          default -> x + y;
        };
        boolean on = (t + phase) % period < period / 2;
        double v = 128 + (on ? 100 : -100) * contrast + r.nextGaussian() * 10;
        img.getRaster().setSample(x, y, 0, (int) Math.max(0, Math.min(255, v)));
      }
    }
    return img;
  }

  static void draw(Path folder, int perClass, long seed) throws Exception {
    Random r = new Random(seed);
    for (String c : CLASSES) {
      Files.createDirectories(folder.resolve(c));
      for (int i = 0; i < perClass; i++) {
        ImageIO.write(stripes(c, r), "png", folder.resolve(c).resolve(c + i + ".png").toFile());
      }
    }
  }

  static final String SPEC = """
      import static kiln.nn.Args.kw;
      import java.util.List;
      import kiln.nn.*;
      import kiln.spec.*;
      // @kiln_model
      public class stripes extends KilnModel implements TrainMixin, ImageDatasetMixin, EvaluateClassifierMixin {
        public stripes() {
          epochs = 15;
          batchSize = 16;
          optimizer = "adam";
          metrics = List.of("accuracy");
          loss = "categorical_crossentropy";
          checkpoint.put("monitor", "accuracy"); // the validation images are only evaluated
          tfliteConverter.put("inference_input_type", "int8");
          tfliteConverter.put("inference_output_type", "int8");
          dataset = "stripes";
          classMode = "categorical";
          classes = List.of("horizontal", "vertical", "diagonal");
          inputShape = new int[] {20, 20, 1};
          targetSize = new int[] {20, 20};
          colorMode = "grayscale";
          datagen = new ParallelImageDataGenerator(kw("cores", 1, "rescale", 1 / 255.0,
              "validation_split", 0.25, "validation_augmentation_enabled", false, "horizontal_flip", true));
        }
        @Override public Network buildModel() {
          Sequential m = new Sequential(name());
          m.add(new InputLayer(inputShape()));
          m.add(new Conv2D(kw("filters", 8, "kernel_size", List.of(3, 3), "activation", "relu")));
          m.add(new MaxPooling2D(kw("pool_size", List.of(2, 2))));
          m.add(new Conv2D(kw("filters", 8, "kernel_size", List.of(3, 3), "activation", "relu")));
          m.add(new Flatten());
          m.add(new Dense(kw("units", nClasses(), "activation", "softmax")));
          return m;
        }
      }
      """;

  static double accuracy(String report, String label) {
    Matcher m = Pattern.compile(Pattern.quote(label) + " ([0-9.]+)%").matcher(report);
    assertThat(m.find()).as("%s in:%n%s", label, report).isTrue();
    return Double.parseDouble(m.group(1)) / 100;
  }

  @Test
  void aModelTrainedOnImagesClassifiesHeldOutAndNewImages() throws Exception {
    Path images = dir.resolve("stripes-data");
    draw(images, 80, 1);
    DatasetProvider provider = new DatasetProvider() {
      @Override
      public String description() {
        return "stripes drawn by the test";
      }

      @Override
      public Dataset load(Progress progress) {
        return DatasetFolders.list("stripes", images, "test", null, DatasetFolders.IMAGE_FILES);
      }
    };
    Files.writeString(dir.resolve("stripes.java"), SPEC);
    TrainCommand.Services services = new TrainCommand.Services(SearchPathModelFinder.standard(ReferenceSpecs::all),
        Map.of("stripes", provider), null, Pipelines.catalog(true),
        () -> ParallelImageDataGenerator.builder().augmenters(ImageAugmenters.all()));
    TrainFixtures.Lines out = new TrainFixtures.Lines();
    String report = new TrainCommand(services, dir, dir.resolve("work")).run(dir.resolve("stripes.java").toString(), 0, false, false, out);
    System.out.println(report);
    assertThat(out.lines).anyMatch(l -> l.equals("Epoch 15/15"));
    // the held-out validation images (about a quarter of 240): both models separate the stripes
    assertThat(accuracy(report, "float accuracy")).isGreaterThanOrEqualTo(0.9);
    assertThat(accuracy(report, ".tflite (int8) accuracy")).isGreaterThanOrEqualTo(0.9);

    // new images, drawn with another seed after training
    Path fresh = dir.resolve("fresh");
    draw(fresh, 4, 99);
    int right = 0;
    for (String c : CLASSES) {
      for (int i = 0; i < 4; i++) {
        String line = ClassifyImage.run(InferCommandTest.MICRO, null, Pipelines.catalog(false), dir.resolve("stripes.kiln.zip").toString(),
            dir, fresh.resolve(c).resolve(c + i + ".png"), null);
        right += line.contains(": " + c + " ") ? 1 : 0;
      }
    }
    assertThat(right).as("new images classified right, of 12").isGreaterThanOrEqualTo(10);
  }
}
