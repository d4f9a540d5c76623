package kiln.audio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.data.FrontendSettings;
import kiln.audio.frontend.FrontendPresets;
import kiln.audio.frontend.SettingsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kiln:features without OSGi: the files it writes and the errors it gives. */
class FeaturesToolTest {
  @TempDir Path tmp;

  static Path tflm() {
    Path p = Path.of(System.getProperty("kiln.fixtures", "../../../shared/fixtures")).toAbsolutePath().normalize();
    assumeTrue(Files.isDirectory(p.resolve("tflm/frontend")), "fixtures not found at " + p);
    return p.resolve("tflm");
  }

  @Test
  void writesTheCFrontendOutputForEveryFixture() throws Exception {
    for (String clip : new String[] {"yes_1000ms", "no_1000ms", "silence_1000ms", "noise_1000ms"}) {
      Path u16 = tmp.resolve(clip + ".u16.bin");
      String summary = FeaturesTool.run(tflm().resolve(clip + ".wav"), "micro_speech", "uint16", u16);
      assertThat(summary).contains("49 frames x 40 channels, uint16").contains("wrote 3920 bytes");
      assertThat(Files.readAllBytes(u16)).isEqualTo(Files.readAllBytes(tflm().resolve("frontend/" + clip + ".u16.bin")));
      Path i8 = tmp.resolve(clip + ".i8.bin");
      FeaturesTool.run(tflm().resolve(clip + ".wav"), "micro_speech", "int8", i8);
      assertThat(Files.readAllBytes(i8)).isEqualTo(Files.readAllBytes(tflm().resolve("frontend/" + clip + ".i8.bin")));
    }
    Path f32 = tmp.resolve("yes.f32");
    FeaturesTool.run(tflm().resolve("yes_1000ms.wav"), "micro_speech", "FLOAT32", f32);
    assertThat(Files.size(f32)).isEqualTo(49 * 40 * 4);
    assertThat(tmp.toFile().list()).noneMatch(n -> n.endsWith(".tmp"));
  }

  @Test
  void summarisesWithoutOutputAndReadsJsonSettings() throws Exception {
    String plain = FeaturesTool.run(tflm().resolve("yes_1000ms.wav"), "mltk_default", "uint16", null);
    assertThat(plain).contains("98 frames x 32 channels").doesNotContain("wrote");
    FrontendSettings s = FrontendPresets.microSpeech();
    Path json = tmp.resolve("fe.json");
    Files.writeString(json, SettingsJson.write(s));
    assertThat(SettingsJson.read(json)).isEqualTo(s);
    Path out = tmp.resolve("json.bin");
    FeaturesTool.run(tflm().resolve("yes_1000ms.wav"), json.toString(), "uint16", out);
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(tflm().resolve("frontend/yes_1000ms.u16.bin")));
  }

  @Test
  void refusesBadInputByName() throws Exception {
    Path yes = tflm().resolve("yes_1000ms.wav");
    assertThatThrownBy(() -> FeaturesTool.run(yes, "micro_speech", "int16", null))
        .isInstanceOf(KilnException.class).hasMessageContaining("--dtype int16").hasMessageContaining("uint16, int8 or float32");
    assertThatThrownBy(() -> FeaturesTool.run(yes, "nonsense", "uint16", null))
        .isInstanceOf(KilnException.class).hasMessageContaining("--settings nonsense");
    Path corrupt = tmp.resolve("corrupt.wav");
    Files.write(corrupt, new byte[] {'R', 'I', 'F', 'F', 1, 2});
    assertThatThrownBy(() -> FeaturesTool.run(corrupt, "micro_speech", "uint16", null))
        .isInstanceOf(KilnException.class).hasMessageContaining("corrupt.wav");
    Path badJson = tmp.resolve("bad.json");
    Files.writeString(badJson, "{\"fe.window_size_ms\": \"wide\"}");
    assertThatThrownBy(() -> FeaturesTool.run(yes, badJson.toString(), "uint16", null))
        .isInstanceOf(KilnException.class).hasMessageContaining("bad.json").hasMessageContaining("fe.window_size_ms")
        .hasMessageContaining("integer");
    Path unknown = tmp.resolve("unknown.json");
    Files.writeString(unknown, "{\"fe.window_size\": 30}");
    assertThatThrownBy(() -> SettingsJson.read(unknown)).hasMessageContaining("fe.window_size is unknown");
    assertThatThrownBy(() -> FeaturesTool.run(yes, tmp.resolve("model.tflite").toString(), "uint16", null))
        .isInstanceOf(KilnException.class).hasMessageContaining("model.tflite");
    assertThatThrownBy(() -> FeaturesTool.run(yes, tflm().resolve("micro_speech_quantized.tflite").toString(),
        "uint16", null)).isInstanceOf(KilnException.class).hasMessageContaining("no fe.* frontend parameters");
    Path tooShort = tmp.resolve("short.wav");
    kiln.audio.WavWriter.write(tooShort, new short[100], 16000);
    assertThatThrownBy(() -> FeaturesTool.run(tooShort, "micro_speech", "uint16", null))
        .hasMessageContaining("short.wav").hasMessageContaining("100 samples").hasMessageContaining("480");
  }

  @Test
  void readsSettingsFromAModelsParameters() throws Exception {
    kiln.tflite.TfliteModel model = kiln.tflite.TfliteModel.read(tflm().resolve("micro_speech_quantized.tflite"));
    kiln.tflite.ModelParameters params = model.parameters();
    FrontendPresets.microSpeech().toParameters().forEach(params::put);
    params.put("classes", java.util.List.of("silence", "unknown", "yes", "no"));
    model.setParameters(params);
    Path withParams = tmp.resolve("micro_speech_fe.tflite");
    model.write(withParams);
    Path out = tmp.resolve("model.bin");
    FeaturesTool.run(tflm().resolve("yes_1000ms.wav"), withParams.toString(), "uint16", out);
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(tflm().resolve("frontend/yes_1000ms.u16.bin")));
  }

  @Test
  void settingsRoundTripThroughModelParameters() {
    FrontendSettings s = FrontendPresets.microSpeech();
    Map<String, Object> p = s.toParameters();
    assertThat(p).containsEntry("fe.window_size_ms", 30).containsEntry("fe.pcan_enable", true)
        .containsEntry("fe.fft_length", 512).hasSize(28);
    assertThat(FrontendSettings.fromParameters(p)).isEqualTo(s);
    // values as MLTK stores them in .tflite metadata and the seed shows them
    FrontendSettings fromText = FrontendSettings.fromParameters(Map.of("fe.noise_reduction_enable", "True",
        "fe.pcan_strength", "0.949999988079071", "fe.window_size_ms", 30.0, "classes", "yes,no"));
    assertThat(fromText.noiseReductionEnable()).isTrue();
    assertThat(fromText.pcanStrength()).isEqualTo(0.95f);
    assertThat(fromText.windowSizeMs()).isEqualTo(30);
    assertThatThrownBy(() -> FrontendSettings.fromParameters(Map.of("fe.pcan_enable", "maybe")))
        .isInstanceOf(KilnException.class).hasMessageContaining("fe.pcan_enable").hasMessageContaining("'maybe'");
  }

  @Test
  void serviceExtractsAndCountsFrames() throws Exception {
    AudioFrontendExtractor service = new AudioFrontendExtractor();
    FrontendSettings s = FrontendPresets.microSpeech();
    assertThat(service.frameCount(16000, s)).isEqualTo(49);
    short[] pcm = kiln.audio.WavReader.readPcm16(tflm().resolve("no_1000ms.wav"), 16000);
    int[] a = service.extract(pcm, s);
    int[] b = service.extract(pcm, FrontendPresets.microSpeech());
    assertThat(a).hasSize(1960).isEqualTo(b);
    assertThat(service.description()).contains("microfrontend");
  }
}
