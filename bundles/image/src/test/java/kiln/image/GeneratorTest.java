package kiln.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.data.Dataset;
import kiln.api.data.DatasetSplit;
import kiln.api.model.Batch;
import kiln.image.augment.ImageAugmenters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {
  @TempDir
  Path dir;

  private static Map<String, Object> augmenting() {
    Map<String, Object> s = new HashMap<>();
    s.put("rotation_range", 20.0);
    s.put("width_shift_range", 0.2);
    s.put("zoom_range", 0.1);
    s.put("horizontal_flip", true);
    s.put("brightness_range", List.of(0.8, 1.2));
    s.put("noise", List.of("gauss", "s&p"));
    s.put("rescale", 1 / 255.0);
    return s;
  }

  private ParallelImageDataGenerator gen(Dataset d, long seed, int threads, Map<String, Object> settings) {
    return ParallelImageDataGenerator.builder().augmenters(ImageAugmenters.all()).dataset(d)
        .classes(List.of("a", "b")).settings(settings).batchSize(3).seed(seed).threads(threads).build();
  }

  private static List<float[]> epochs(ParallelImageDataGenerator g, int batches) {
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < batches; i++) {
      out.add(g.next().x());
    }
    return out;
  }

  @Test
  void sameSeedSameBatchesWhateverTheThreads() throws Exception {
    Dataset d = TestImages.dataset(dir, 5);
    try (var one = gen(d, 7, 1, augmenting()); var two = gen(d, 7, 2, augmenting()); var other = gen(d, 8, 2, augmenting())) {
      assertThat(one.augmentations()).containsExactly("rotation_range", "width_shift_range", "zoom_range",
          "horizontal_flip", "brightness_range", "noise");
      List<float[]> a = epochs(one, 8);
      List<float[]> b = epochs(two, 8);
      for (int i = 0; i < a.size(); i++) {
        assertThat(b.get(i)).containsExactly(a.get(i));
      }
      assertThat(epochs(other, 1).get(0)).isNotEqualTo(a.get(0));
    }
  }

  @Test
  void skipGivesTheBatchesOfTheStraightRun() throws Exception {
    Dataset d = TestImages.dataset(dir, 5);
    try (var straight = gen(d, 3, 2, augmenting()); var resumed = gen(d, 3, 2, augmenting())) {
      List<float[]> all = epochs(straight, 6);
      resumed.skip(4);
      assertThat(resumed.next().x()).containsExactly(all.get(4));
    }
  }

  @Test
  void rescaleAndShapesWithoutAugmentation() throws Exception {
    Dataset d = TestImages.dataset(dir, 2);
    Map<String, Object> s = Map.of("rescale", 0.5);
    try (var g = ParallelImageDataGenerator.builder().dataset(d).classes(List.of("a", "b")).settings(s)
        .batchSize(4).shuffle(false).build()) {
      Batch b = g.next();
      assertThat(b.xShape()).containsExactly(4, 4, 4, 1);
      assertThat(b.x()[1]).isEqualTo(0.5f); // a0.png pixel 1, rescaled
      assertThat(b.y()).containsExactly(1, 0, 1, 0, 0, 1, 0, 1);
    }
  }

  @Test
  void samplewiseAndFeaturewiseNormalization() throws Exception {
    Dataset d = TestImages.dataset(dir, 2);
    Map<String, Object> s = Map.of("samplewise_center", true, "samplewise_std_normalization", true);
    try (var g = ParallelImageDataGenerator.builder().dataset(d).classes(List.of("a", "b")).settings(s)
        .batchSize(1).shuffle(false).build()) {
      float[] x = g.next().x();
      double mean = 0;
      for (float v : x) {
        mean += v;
      }
      assertThat(mean / x.length).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-5));
    }
    Map<String, Object> f = Map.of("featurewise_center", true);
    try (var g = ParallelImageDataGenerator.builder().dataset(d).classes(List.of("a", "b")).settings(f)
        .batchSize(4).shuffle(false).build()) {
      assertThat(g.featureMean()[0]).isCloseTo((7.5f + 14.5f + 107.5f + 114.5f) / 4, org.assertj.core.api.Assertions.within(1e-3f));
    }
  }

  @Test
  void ownSplitAndValidationSplitChooseTheSubset() throws Exception {
    Dataset d = TestImages.dataset(dir, 4).withSplit(new DatasetSplit(java.util.Set.of("a/a0.png", "b/b0.png"),
        java.util.Set.of("a/a1.png")));
    try (var t = ParallelImageDataGenerator.builder().dataset(d).classes(List.of("a", "b")).build();
        var v = ParallelImageDataGenerator.builder().dataset(d).classes(List.of("a", "b"))
            .subset(ParallelImageDataGenerator.Subset.VALIDATION).build()) {
      assertThat(t.classCounts()).containsEntry("a", 2).containsEntry("b", 3);
      assertThat(v.sampleCount()).isEqualTo(2);
    }
    assertThatThrownBy(() -> ParallelImageDataGenerator.builder().dataset(TestImages.dataset(dir.resolve("x"), 1))
        .classes(List.of("a", "b")).subset(ParallelImageDataGenerator.Subset.VALIDATION).settings(Map.of()).build())
        .isInstanceOf(KilnException.class).hasMessageContaining("no validation images");
  }

  @Test
  void balancedClassWeightsAndMaxSamples() throws Exception {
    Dataset d = TestImages.dataset(dir, 4);
    try (var g = ParallelImageDataGenerator.builder().dataset(d).classes(List.of("a", "b"))
        .settings(Map.of("max_samples_per_class", 3)).classWeights("balanced").batchSize(6).build()) {
      assertThat(g.sampleCount()).isEqualTo(6);
      assertThat(g.next().sampleWeights()).containsOnly(1f);
    }
  }
}
