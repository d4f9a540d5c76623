package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;
import kiln.api.KilnException;
import kiln.audio.WavReader;
import kiln.audio.WavWriter;
import kiln.audio.classify.ClassifyAudioSettings;
import kiln.audio.frontend.FrontendPresets;
import kiln.tflite.ModelParameters;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kiln:classify_audio on TensorFlow Lite Micro's recordings spliced into one stream: yes (0-1 s),
 * silence (1-2 s), no (2-3 s), noise (3-4 s), run through the micro interpreter.
 */
class ClassifyAudioTest {
  static final int RATE = 16000;
  static final ClassifyAudioSettings.Overrides VERBOSE =
      new ClassifyAudioSettings.Overrides(null, null, null, null, null, null, true);

  @TempDir Path tmp;
  Path stream;
  final TrainFixtures.Lines out = new TrainFixtures.Lines();

  static Path fixture(String name) {
    kiln.micro.Fixtures.read("tflm/" + name);
    return kiln.micro.Fixtures.dir().resolve("tflm/" + name);
  }

  /** The four one-second recordings, one after the other. */
  static short[] splice() {
    List<short[]> parts = new ArrayList<>();
    for (String clip : new String[] {"yes", "silence", "no", "noise"}) {
      parts.add(WavReader.readPcm16(fixture(clip + "_1000ms.wav"), RATE));
    }
    short[] all = new short[parts.stream().mapToInt(p -> p.length).sum()];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  @BeforeEach
  void writeStream() {
    stream = tmp.resolve("yes-silence-no-noise.wav");
    WavWriter.write(stream, splice(), RATE);
  }

  /** micro_speech_quantized.tflite with its classes and the micro_speech frontend as fe.* parameters. */
  static byte[] microSpeech() {
    TfliteModel m = TfliteModel.read(fixture("micro_speech_quantized.tflite"));
    ModelParameters p = m.parameters();
    p.put("classes", List.of("_silence_", "_unknown_", "yes", "no"));
    FrontendPresets.microSpeech().toParameters().forEach(p::put);
    m.setParameters(p);
    return m.toBytes();
  }

  private ClassifyAudio.Options fast(Path wav) {
    return new ClassifyAudio.Options(wav, -1, 0, true, null, null, VERBOSE);
  }

  @Test
  void microSpeechHearsYesThenNoAndNothingInTheSilenceOrTheNoise() {
    ClassifyAudio.Result r = ClassifyAudio.run(InferCommandTest.MICRO, microSpeech(), "micro_speech", fast(stream), out);
    out.lines.forEach(System.out::println);
    assertThat(r.detections()).extracting(ClassifyAudio.Detection::label).containsExactly("yes", "no");
    // each within one averaging window (1000 ms) after its recording ends: 1300 ms and 3500 ms
    assertThat(r.detections().get(0).timeMs()).isBetween(0L, 2000L);
    assertThat(r.detections().get(1).timeMs()).isBetween(2000L, 4000L);
    assertThat(r.audioMs()).isEqualTo(4000);
    assertThat(r.inferences()).isEqualTo(40); // latency_ms 100 (MLTK's default): 10 per second
    assertThat(out.lines).contains("detected yes at 1300 ms (score 195 of 255)",
        "detected no at 3500 ms (score 189 of 255)");
    assertThat(out.lines.get(1)).isEqualTo("classes [_silence_, _unknown_, yes, no]; average_window_duration_ms=1000"
        + " detection_threshold=185 suppression_ms=1500 minimum_count=3 latency_ms=100 volume_gain=none");
    assertThat(out.lines).anyMatch(l -> l.matches("\\[ +1300 ms] _silence_ \\d+ _unknown_ \\d+ yes \\d+ no \\d+ -> yes 195"));
    assertThat(r.report()).isEqualTo("2 detections in 4.00 s of audio (40 inferences, one per 100 ms)");
  }

  @Test
  void aFileRunsAtRealTimeWithoutFast() {
    Path yes = fixture("yes_1000ms.wav");
    long t0 = System.nanoTime();
    ClassifyAudio.Result r = ClassifyAudio.run(InferCommandTest.MICRO, microSpeech(), "micro_speech",
        new ClassifyAudio.Options(yes, -1, 0, false, null, null,
            new ClassifyAudioSettings.Overrides(500, null, null, null, null, null, false)), out);
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(seconds).isGreaterThan(0.9);
    assertThat(r.audioMs()).isEqualTo(1000);
    assertThat(r.detections()).extracting(ClassifyAudio.Detection::label).containsExactly("yes");
  }

  @Test
  void optionsOverrideTheModelsSettingsAndCountStops() {
    ClassifyAudio.Result r = ClassifyAudio.run(InferCommandTest.MICRO, microSpeech(), "micro_speech",
        new ClassifyAudio.Options(stream, -1, 1, true, null, null,
            new ClassifyAudioSettings.Overrides(500, 200, 750, 2, 50, null, false)), out);
    assertThat(out.lines.get(1)).endsWith("average_window_duration_ms=500 detection_threshold=200 suppression_ms=750"
        + " minimum_count=2 latency_ms=50 volume_gain=none");
    assertThat(r.detections()).hasSize(1).first().extracting(ClassifyAudio.Detection::label).isEqualTo("yes");
    assertThat(r.audioMs()).isLessThan(2000); // --count 1 stopped it at the first detection
  }

  @Test
  void theAudioAndEverySpectrogramCanBeDumped() throws Exception {
    Path wav = tmp.resolve("dump/heard.wav");
    Path dir = tmp.resolve("spectrograms");
    ClassifyAudio.Result r = ClassifyAudio.run(InferCommandTest.MICRO, microSpeech(), "micro_speech",
        new ClassifyAudio.Options(stream, -1, 0, true, wav, dir, ClassifyAudioSettings.Overrides.NONE), out);
    assertThat(WavReader.readPcm16(wav, RATE)).containsExactly(splice());
    List<Path> pngs;
    try (Stream<Path> s = Files.list(dir)) {
      pngs = s.sorted().toList();
    }
    assertThat(pngs).hasSize(r.inferences());
    assertThat(pngs.get(0).getFileName().toString()).isEqualTo("00001-000100ms.png");
    BufferedImage first = ImageIO.read(pngs.get(12).toFile());
    assertThat(first.getWidth()).isEqualTo(49); // frames
    assertThat(first.getHeight()).isEqualTo(40); // channels
    assertThat(r.report()).endsWith("wrote 40 spectrograms");
  }

  @Test
  void modelsWithoutFrontendOrClassesAreRefusedByName() {
    byte[] plain = TfliteModel.read(fixture("micro_speech_quantized.tflite")).toBytes();
    assertThatThrownBy(() -> ClassifyAudio.run(InferCommandTest.MICRO, plain, "plain", fast(stream), out))
        .isInstanceOf(KilnException.class)
        .hasMessageStartingWith("plain: classify_audio needs the audio frontend settings in the model's"
            + " parameters (fe.* entries of SL_PARAMSv1)");
    TfliteModel m = TfliteModel.read(plain, "plain");
    ModelParameters p = m.parameters();
    FrontendPresets.microSpeech().toParameters().forEach(p::put);
    m.setParameters(p);
    assertThatThrownBy(() -> ClassifyAudio.run(InferCommandTest.MICRO, m.toBytes(), "nameless", fast(stream), out))
        .isInstanceOf(KilnException.class)
        .hasMessage("nameless: classify_audio needs the model parameter 'classes' (a list of labels, one per"
            + " output) to name what it detects");
    assertThatThrownBy(() -> ClassifyAudio.run(InferCommandTest.MICRO, microSpeech(), "micro_speech",
        fast(tmp.resolve("missing.wav")), out))
        .isInstanceOf(KilnException.class)
        .hasMessage("--file " + tmp.resolve("missing.wav") + ": no such file (expected a .wav recording)");
    assertThatThrownBy(() -> ClassifyAudio.run(InferCommandTest.MICRO, microSpeech(), "micro_speech",
        new ClassifyAudio.Options(stream, -1, 0, true, null, null,
            new ClassifyAudioSettings.Overrides(null, 300, null, null, null, null, false)), out))
        .isInstanceOf(KilnException.class)
        .hasMessage("detection threshold: expected 0 to 255 (the uint8 score scale), found 300");
  }

  @Test
  void aMissingMicrophoneIsAClearError() {
    DataLine.Info line = new DataLine.Info(TargetDataLine.class, new AudioFormat(RATE, 16, 1, true, false));
    for (Mixer.Info m : AudioSystem.getMixerInfo()) {
      assumeTrue(!AudioSystem.getMixer(m).isLineSupported(line), "this machine has a microphone: " + m.getName());
    }
    assertThatThrownBy(() -> ClassifyAudio.run(InferCommandTest.MICRO, microSpeech(), "micro_speech",
        new ClassifyAudio.Options(null, -1, 0, false, null, null, ClassifyAudioSettings.Overrides.NONE), out))
        .isInstanceOf(KilnException.class)
        .hasMessageStartingWith("no microphone: javax.sound.sampled has a capture line (TargetDataLine) for"
            + " 16000 Hz 16-bit mono PCM on no device (audio mixers present: ");
    assertThatThrownBy(() -> ClassifyAudio.run(InferCommandTest.MICRO, microSpeech(), "micro_speech",
        new ClassifyAudio.Options(null, 2, 0, false, null, null, ClassifyAudioSettings.Overrides.NONE), out))
        .isInstanceOf(KilnException.class)
        .hasMessage("--device-index 2: looked for a capture line (TargetDataLine) for 16000 Hz 16-bit mono PCM,"
            + " found 0 capture devices");
  }

  /**
   * Kiln's own keyword_spotting_yes_no, trained here (40 epochs through kiln:train's code) and found
   * by name from its archive. Trained on the embedded synthetic clips it hears the recorded "yes",
   * but even fully trained it scores TFLite Micro's recorded "no" only 0.75 as a whole clip and far
   * below the 185-of-255 average in the stream; so what is asserted is what holds: yes at its time,
   * nothing in the silence, and no other keyword than a "no" during the no or the noise.
   */
  @Test
  void kilnsTrainedKeywordSpottingModelHearsYesAndNothingInTheSilence() {
    TrainCommand.Services services = TrainFixtures.services(TrainCommandTest.DATASET);
    new TrainCommand(services, tmp, tmp.resolve("work"))
        .run("keyword_spotting_yes_no", 40, false, false, new TrainFixtures.Lines());
    ClassifyAudio.Result r = ClassifyAudio.run(InferCommandTest.MICRO, services.finder(), Pipelines.catalog(false),
        "keyword_spotting_yes_no", tmp, fast(stream), out);
    out.lines.forEach(System.out::println);
    assertThat(out.lines.get(1)).isEqualTo("classes [yes, no, _unknown_, _silence_]; average_window_duration_ms=1000"
        + " detection_threshold=185 suppression_ms=750 minimum_count=3 latency_ms=100 volume_gain=none");
    assertThat(r.detections()).isNotEmpty();
    ClassifyAudio.Detection yes = r.detections().get(0);
    assertThat(yes.label()).isEqualTo("yes");
    assertThat(yes.timeMs()).isBetween(0L, 2000L);
    for (ClassifyAudio.Detection d : r.detections().subList(1, r.detections().size())) {
      assertThat(d.label()).as(d.toString()).isEqualTo("no");
      assertThat(d.timeMs()).as(d.toString()).isBetween(2000L, 4000L);
    }
  }
}
