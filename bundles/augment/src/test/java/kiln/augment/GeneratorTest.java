package kiln.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import kiln.api.KilnException;
import kiln.api.data.Dataset;
import kiln.api.data.FrontendSettings;
import kiln.api.model.Batch;
import kiln.audio.WavWriter;
import kiln.augment.audio.BuiltinAugmenters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {
  static final List<String> CLASSES = List.of("yes", "no", "_unknown_", "_silence_");
  @TempDir static Path root;
  static Dataset dataset;

  /** 1 frame x 4 channels: the mean absolute PCM value of each quarter of the clip. */
  static final Spectrogram QUARTERS = new Spectrogram() {
    public int frames() {
      return 1;
    }

    public int channels() {
      return 4;
    }

    public int[] apply(short[] pcm) {
      int[] out = new int[4];
      int q = pcm.length / 4;
      for (int c = 0; c < 4; c++) {
        long sum = 0;
        for (int i = c * q; i < (c + 1) * q; i++) {
          sum += Math.abs(pcm[i]);
        }
        out[c] = (int) (sum / q);
      }
      return out;
    }
  };

  @BeforeAll
  static void makeDataset() throws IOException {
    Map<String, Integer> sizes = Map.of("yes", 6, "no", 6, "up", 4, "down", 4);
    Map<String, Double> tones = Map.of("yes", 500.0, "no", 1500.0, "up", 800.0, "down", 300.0);
    for (var e : sizes.entrySet()) {
      Files.createDirectories(root.resolve(e.getKey()));
      for (int i = 0; i < e.getValue(); i++) {
        short[] pcm = new short[8000];
        for (int t = 2000; t < 6000; t++) {
          pcm[t] = (short) (8000 * (1 + i % 3) * Math.sin(2 * Math.PI * tones.get(e.getKey()) * t / 16000));
        }
        WavWriter.write(root.resolve(e.getKey()).resolve("spk" + i + "_nohash_0.wav"), pcm, 16000);
      }
    }
    Files.createDirectories(root.resolve("_background_noise_"));
    short[] noise = new short[32000];
    for (int t = 0; t < noise.length; t++) {
      noise[t] = (short) ((t * 7919) % 2001 - 1000);
    }
    WavWriter.write(root.resolve("_background_noise_/noise.wav"), noise, 16000);
    dataset = listing(root);
  }

  static Dataset listing(Path dir) throws IOException {
    Map<String, List<Path>> byClass = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(p -> p.toString().endsWith(".wav")).sorted()
          .forEach(p -> byClass.computeIfAbsent(dir.relativize(p).getName(0).toString(), k -> new ArrayList<>()).add(p));
    }
    return new Dataset("test", dir, byClass, "0");
  }

  static ParallelAudioDataGenerator.Builder builder(Map<String, Object> settings) {
    return ParallelAudioDataGenerator.builder().dataset(dataset).classes(CLASSES).settings(settings)
        .frontend(FrontendSettings.defaults(), QUARTERS).augmenters(BuiltinAugmenters.all()).batchSize(8);
  }

  static Map<String, Object> settings(Object... kv) {
    Map<String, Object> m = new HashMap<>(Map.of("unknown_class_percentage", 1.0, "silence_class_percentage", 0.5));
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void choosesUnknownAndSilenceSamplesAsMltk() {
    try (var gen = builder(settings()).classWeights("balanced").build()) {
      // unknown: 1.0 x average (6) drawn evenly from up and down; silence: 0.5 x 6
      assertThat(gen.classCounts()).containsExactly(
          Map.entry("yes", 6), Map.entry("no", 6), Map.entry("_unknown_", 6), Map.entry("_silence_", 3));
      assertThat(gen.sampleCount()).isEqualTo(21);
      assertThat(gen.batchesPerEpoch()).isEqualTo(3);
      // balanced: n_samples / (n_classes * count)
      assertThat(gen.classWeights()).containsExactly(0.875f, 0.875f, 0.875f, 1.75f);
    }
  }

  @Test
  void batchesHaveShapesOneHotLabelsAndWeights() {
    try (var gen = builder(settings()).classWeights("balanced").build()) {
      Batch b = gen.next();
      assertThat(b.xShape()).containsExactly(8, 1, 4, 1);
      assertThat(b.yShape()).containsExactly(8, 4);
      for (int i = 0; i < 8; i++) {
        float sum = 0;
        int cls = -1;
        for (int c = 0; c < 4; c++) {
          sum += b.y()[i * 4 + c];
          if (b.y()[i * 4 + c] == 1f) {
            cls = c;
          }
        }
        assertThat(sum).isEqualTo(1f);
        assertThat(b.sampleWeights()[i]).isEqualTo(cls == 3 ? 1.75f : 0.875f);
      }
      gen.next();
      Batch last = gen.next();
      assertThat(last.size()).isEqualTo(5); // 21 = 8 + 8 + 5
      assertThat(gen.next().size()).isEqualTo(8); // the next epoch begins
    }
  }

  @Test
  void sameSeedGivesTheSameBatchWhateverTheThreadCount() {
    Map<String, Object> s = settings("loudness_range", List.of(0.5, 2.0), "noise_colors", "all",
        "noise_color_range", List.of(0.0, 0.1), "bg_noise_range", List.of(0.0, 0.3), "bg_noise_dir", "_background_noise_",
        "vtlp_range", List.of(0.8, 1.2));
    try (var one = builder(s).seed(7).threads(1).build();
        var two = builder(s).seed(7).threads(2).build();
        var other = builder(s).seed(8).threads(2).build()) {
      assertThat(one.augmenting()).isTrue();
      assertThat(one.augmentations()).containsExactly(
          "vtlp_range", "trim_threshold_db", "offset_range", "loudness_range", "noise_colors", "bg_noise_range");
      for (int k = 0; k < 4; k++) {
        Batch a = one.next();
        Batch b = two.next();
        assertThat(a.x()).containsExactly(b.x());
        assertThat(a.y()).containsExactly(b.y());
      }
      assertThat(other.next().x()).isNotEqualTo(builder(s).seed(7).threads(1).build().next().x());
    }
  }

  @Test
  void skippingGivesTheBatchesAStraightRunGetsNext() {
    // a resumed run skips the batches of the epochs done; shuffling and augmentation key on the
    // batch's number, so it gets what the straight run got
    Map<String, Object> s = settings("loudness_range", List.of(0.5, 2.0), "noise_colors", "all",
        "noise_color_range", List.of(0.0, 0.1));
    try (var straight = builder(s).seed(5).build();
        var resumed = builder(s).seed(5).build()) {
      assertThat(straight.augmenting()).isTrue();
      int bpe = straight.batchesPerEpoch();
      for (int k = 0; k < 2 * bpe + 1; k++) {
        straight.next();
      }
      resumed.next(); // a batch already pending when the skip comes
      resumed.skip(2L * bpe);
      for (int k = 0; k < bpe; k++) {
        Batch a = straight.next();
        Batch b = resumed.next();
        assertThat(b.x()).containsExactly(a.x());
        assertThat(b.y()).containsExactly(a.y());
      }
      assertThat(resumed.batch(3, 1).x()).containsExactly(resumed.next().x());
    }
  }

  @Test
  void epochsAreReshuffled() {
    try (var gen = builder(settings()).seed(3).build()) {
      Batch first = gen.next();
      gen.next();
      gen.next();
      assertThat(gen.next().y()).isNotEqualTo(first.y());
    }
  }

  @Test
  void validationSplitKeepsEachFileInOneSubset() {
    // spk0, spk4 and spk5 hash below 40% (34.7, 35.1, 1.1), the others above
    Map<String, Object> s = settings("validation_split", 0.4);
    try (var train = builder(s).build();
        var val = builder(s).subset(SampleIndex.Subset.VALIDATION).build()) {
      Set<Path> t = new HashSet<>();
      Set<Path> v = new HashSet<>();
      for (String c : List.of("yes", "no")) {
        for (Path p : dataset.samplesByClass().get(c)) {
          (SampleSplit.isValidation(p, 0.4) ? v : t).add(p);
        }
      }
      assertThat(train.classCounts().get("yes")).isEqualTo(3);
      assertThat(val.classCounts().get("yes")).isEqualTo(3);
      assertThat(val.classCounts().get("yes")).isEqualTo((int) v.stream().filter(p -> p.toString().contains("/yes/")).count());
      assertThat(val.classWeights()).isNull();
    }
  }

  @Test
  void validationWithoutAugmentationIsDeterministicAndCached() {
    Map<String, Object> s = settings("validation_split", 0.5, "validation_augmentation_enabled", false,
        "loudness_range", List.of(0.5, 2.0));
    try (var val = builder(s).subset(SampleIndex.Subset.VALIDATION).build()) {
      assertThat(val.augmenting()).isFalse();
      List<float[]> epoch1 = new ArrayList<>();
      for (int k = 0; k < val.batchesPerEpoch(); k++) {
        epoch1.add(val.next().x());
      }
      for (int k = 0; k < val.batchesPerEpoch(); k++) {
        assertThat(val.next().x()).containsExactly(epoch1.get(k));
      }
    }
  }

  @Test
  void withoutAugmentationClipsAreTrimmedAndPaddedAtOffsetZero() {
    // yes/spk0: 4000 samples of tone amplitude 8000 from sample 2000; trimmed to the loud frames
    // and placed at the start of the 16000-sample clip: only the first quarter holds sound
    try (var gen = builder(settings("disable_random_transforms", true)).shuffle(false).batchSize(1).build()) {
      Batch b = gen.next();
      assertThat(b.y()).containsExactly(1f, 0f, 0f, 0f);
      assertThat(b.x()[0]).isGreaterThan(3000f);
      assertThat(b.x()[2]).isEqualTo(0f);
      assertThat(b.x()[3]).isEqualTo(0f);
    }
  }

  @Test
  void withoutTheAudioCacheFilesAreReadEachTimeWithTheSameResult() {
    Map<String, Object> s = settings("loudness_range", List.of(0.5, 2.0));
    Map<String, Object> uncached = new HashMap<>(s);
    uncached.put("cache_audio", false);
    try (var a = builder(s).seed(5).build(); var b = builder(uncached).seed(5).build()) {
      assertThat(b.next().x()).containsExactly(a.next().x());
    }
  }

  @Test
  void microSpeechFrontendGivesInt8Spectrograms() {
    FrontendSettings fe = kiln.audio.frontend.FrontendPresets.microSpeech();
    try (var gen = ParallelAudioDataGenerator.builder().dataset(dataset).classes(CLASSES)
        .settings(settings("dtype", "int8")).frontend(fe, Spectrogram.microFrontend(fe))
        .augmenters(BuiltinAugmenters.all()).batchSize(4).build()) {
      Batch b = gen.next();
      assertThat(gen.sampleShape()).containsExactly(49, 40, 1);
      assertThat(b.xShape()).containsExactly(4, 49, 40, 1);
      float min = Float.MAX_VALUE;
      float max = -Float.MAX_VALUE;
      for (float v : b.x()) {
        assertThat(v).isEqualTo((float) Math.rint(v));
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      assertThat(min).isGreaterThanOrEqualTo(-128f);
      assertThat(max).isLessThanOrEqualTo(127f).isGreaterThan(min);
    }
  }

  @Test
  void maxSamplesPerClassLimitsEveryClass() {
    try (var gen = builder(settings()).maxSamplesPerClass(3).build()) {
      // as MLTK: the unknown share is best effort (3 wanted, 1 per word folder), silence 0.5 x 3
      assertThat(gen.classCounts().values()).containsExactly(3, 3, 2, 1);
    }
  }

  @Test
  void fastPcmConversionEqualsKilnAudios() {
    java.util.Random r = new java.util.Random(4);
    float[] x = new float[100_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (r.nextGaussian() * 0.7);
    }
    x[0] = 0.5f / 32768;  // a tie: rounds up
    x[1] = -0.5f / 32768;
    x[2] = 1.5f;          // clipped
    x[3] = -1.5f;
    assertThat(ParallelAudioDataGenerator.toPcm16(x)).containsExactly(kiln.audio.Pcm.toPcm16(x));
  }

  @Test
  void int8FeaturesAndNormalization() {
    assertThat(ParallelAudioDataGenerator.toInt8(0)).isEqualTo(-128);
    assertThat(ParallelAudioDataGenerator.toInt8(300)).isEqualTo(-13);
    assertThat(ParallelAudioDataGenerator.toInt8(666)).isEqualTo(127);
    Map<String, Object> s = settings("samplewise_std_normalization", true, "disable_random_transforms", true);
    try (var gen = builder(s).batchSize(1).shuffle(false).build()) {
      float[] x = gen.next().x();
      double mean = (x[0] + x[1] + x[2] + x[3]) / 4.0;
      double var = 0;
      for (float v : x) {
        var += (v - mean) * (v - mean);
      }
      assertThat(mean).isCloseTo(0, within(1e-5));
      assertThat(Math.sqrt(var / 4)).isCloseTo(1, within(1e-4));
    }
  }

  @Test
  void normalizeRangeAndSpecStyleSettings() {
    // the spec bundle's settings(): every MLTK name, nulls for unset values, ranges as lists
    Map<String, Object> s = settings("samplewise_normalize_range", List.of(0.0, 1.0), "disable_random_transforms", true,
        "noise_colors", null, "speed_range", null, "rescale", null, "frontend_dtype", null,
        "max_samples_per_class", 2, "frontend_settings", Map.of("sample_rate_hz", 16000));
    try (var gen = builder(s).batchSize(1).shuffle(false).build()) {
      float[] x = gen.next().x();
      float min = Math.min(Math.min(x[0], x[1]), Math.min(x[2], x[3]));
      float max = Math.max(Math.max(x[0], x[1]), Math.max(x[2], x[3]));
      assertThat(min).isEqualTo(0f);
      assertThat(max).isEqualTo(1f);
      assertThat(gen.classCounts().get("yes")).isEqualTo(2);
    }
    assertThat(SettingValues.rangeIsIntegral(Map.of("pitch_range", List.of(-3.0, 4.0)), "pitch_range")).isTrue();
    assertThat(SettingValues.rangeIsIntegral(Map.of("pitch_range", new double[] {0.7, 1.4}), "pitch_range")).isFalse();
  }

  @Test
  void aCorruptWavIsNamed(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("yes"));
    Files.createDirectories(dir.resolve("no"));
    WavWriter.write(dir.resolve("yes/a.wav"), new short[100], 16000);
    Files.write(dir.resolve("no/broken.wav"), new byte[] {'R', 'I', 'F', 'F', 1, 2});
    Dataset broken = listing(dir);
    assertThatThrownBy(() -> ParallelAudioDataGenerator.builder().dataset(broken).classes(List.of("yes", "no"))
        .frontend(FrontendSettings.defaults(), QUARTERS).build())
        .isInstanceOf(KilnException.class).hasMessageContaining("broken.wav");
  }

  @Test
  void binaryClassModeGivesClassIndices() {
    try (var gen = builder(settings()).classes(List.of("yes", "no")).classMode("binary").shuffle(false).batchSize(12).build()) {
      Batch b = gen.next();
      assertThat(b.yShape()).containsExactly(12, 1);
      assertThat(b.y()).containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1);
    }
  }

  @Test
  void errorsNameTheSetting() {
    assertThatThrownBy(() -> builder(settings()).classes(List.of("yes", "maybe")).build())
        .isInstanceOf(KilnException.class).hasMessageContaining("no class folder 'maybe'").hasMessageContaining("[_background_noise_, down, no, up, yes]");
    assertThatThrownBy(() -> builder(settings("speed_range", List.of(0.9, 1.1))).build())
        .isInstanceOf(KilnException.class).hasMessageContaining("speed_range").hasMessageContaining("kiln.augment-tarsos");
    assertThatThrownBy(() -> builder(settings()).subset(SampleIndex.Subset.VALIDATION).build())
        .isInstanceOf(KilnException.class).hasMessageContaining("no validation samples");
    assertThatThrownBy(() -> builder(settings("dtype", "int4")).build())
        .isInstanceOf(KilnException.class).hasMessage("datagen setting dtype must be one of [float32, int8, uint16, int16], found int4");
  }
}
