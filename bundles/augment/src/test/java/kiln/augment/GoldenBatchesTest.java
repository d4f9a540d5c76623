package kiln.augment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import kiln.api.data.Dataset;
import kiln.api.data.FrontendSettings;
import kiln.api.model.Batch;
import kiln.audio.WavWriter;
import kiln.audio.frontend.FrontendPresets;
import kiln.augment.audio.BuiltinAugmenters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression guard for the generator's speed work: the SHA-256 of every value of the first batches
 * (features, labels, weights, as float bits) for fixed seeds. The expected hashes were recorded
 * from the generator before it was optimised (commit "augment: golden batch hashes"), so any
 * optimisation that changes a single output value fails here. The one with noise colours and vtlp
 * was re-recorded for issue 21's faster arithmetic (planned radix-4 FFT, ziggurat normals, a
 * half-size real inverse), which changes rounding and the noise's random draws: FastVtlpTest,
 * FftTest and RealInverseFftTest bound the differences against the old code kept in the tests,
 * ZigguratTest and NoiseSlopeTest check the new draws statistically. It was re-recorded again when
 * vtlp and the noise colours moved to float arithmetic (FloatFft): FastVtlpTest bounds vtlp within
 * 1e-5 of the peak of the double reference, NoiseSlopeTest the noise within 1e-5 of the double
 * reference (ReferenceNoise) and its slopes, FloatFftTest the transforms against the double Fft.
 */
class GoldenBatchesTest {
  @TempDir static Path root;
  static Dataset dataset;

  @BeforeAll
  static void makeDataset() throws IOException {
    dataset = GoldenData.write(root);
  }

  @Test
  void noAugmentationInt8() {
    assertThat(hash(settings("dtype", "int8"), 2)).isEqualTo(
        "2cdb4f3e89484290884d7eb9438733901bd01304e702a84897c0a09153c9c59e");
  }

  @Test
  void seed004OffsetTrimBackgroundNoise() {
    assertThat(hash(settings("dtype", "int8", "offset_range", List.of(0.0, 1.0), "trim_threshold_db", 20,
        "bg_noise_range", List.of(0.0, 0.3), "bg_noise_dir", "_background_noise_"), 2)).isEqualTo(
        "7bc1059a8ccd0bb6889ff82b6a9e8c6ede160e269e8cec499e621e31e5266926");
  }

  @Test
  void everyBuiltinAugmentationAndNormalization() {
    assertThat(hash(settings("offset_range", List.of(0.0, 1.0), "trim_threshold_db", 20,
        "bg_noise_range", List.of(0.0, 0.3), "bg_noise_dir", "_background_noise_",
        "loudness_range", List.of(0.6, 3.0), "noise_colors", "all", "noise_color_range", List.of(0.0, 0.1),
        "vtlp_range", List.of(0.7, 1.4), "samplewise_center", true, "samplewise_std_normalization", true), 2))
        .isEqualTo("1744dd6b48d60d351f9e550fc54b7dd517b04e5e100e1db55d8f48ec7af5ec4d");
  }

  static Map<String, Object> settings(Object... kv) {
    Map<String, Object> m = new HashMap<>(Map.of("unknown_class_percentage", 1.0, "silence_class_percentage", 0.5));
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static String hash(Map<String, Object> settings, int epochs) {
    FrontendSettings fe = FrontendPresets.microSpeech();
    try (var gen = ParallelAudioDataGenerator.builder().dataset(dataset).classes(GoldenData.CLASSES)
        .settings(settings).frontend(fe, Spectrogram.microFrontend(fe)).augmenters(BuiltinAugmenters.all())
        .batchSize(8).seed(11).threads(2).classWeights("balanced").build()) {
      MessageDigest md = sha256();
      for (int i = 0; i < epochs * gen.batchesPerEpoch(); i++) {
        GoldenData.digest(md, gen.next());
      }
      return HexFormat.of().formatHex(md.digest());
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** A small dataset of tones and a noise file, written the same way on every run. */
  static final class GoldenData {
    static final List<String> CLASSES = List.of("yes", "no", "_unknown_", "_silence_");

    static Dataset write(Path dir) throws IOException {
      Map<String, Integer> sizes = Map.of("yes", 5, "no", 5, "up", 3, "down", 3);
      Map<String, Double> tones = Map.of("yes", 500.0, "no", 1500.0, "up", 800.0, "down", 300.0);
      for (var e : sizes.entrySet()) {
        Files.createDirectories(dir.resolve(e.getKey()));
        for (int i = 0; i < e.getValue(); i++) {
          short[] pcm = new short[16000];
          for (int t = 3000 + 500 * i; t < 11000; t++) {
            double f = tones.get(e.getKey()) * (1 + 0.1 * i);
            pcm[t] = (short) (6000 * (1 + i % 3) * Math.sin(2 * Math.PI * f * t / 16000) + (t * 31 % 97) - 48);
          }
          WavWriter.write(dir.resolve(e.getKey()).resolve("spk" + i + "_nohash_0.wav"), pcm, 16000);
        }
      }
      Files.createDirectories(dir.resolve("_background_noise_"));
      short[] noise = new short[48000];
      for (int t = 0; t < noise.length; t++) {
        noise[t] = (short) ((t * 7919L) % 4001 - 2000);
      }
      WavWriter.write(dir.resolve("_background_noise_/noise.wav"), noise, 16000);
      return GeneratorTest.listing(dir);
    }

    static void digest(MessageDigest md, Batch b) {
      put(md, b.x());
      put(md, b.y());
      if (b.sampleWeights() != null) {
        put(md, b.sampleWeights());
      }
    }

    private static void put(MessageDigest md, float[] v) {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(v.length * 4);
      for (float f : v) {
        buf.putInt(Float.floatToRawIntBits(f));
      }
      md.update(buf.array());
    }
  }
}
