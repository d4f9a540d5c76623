package kiln.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipFile;
import kiln.tflite.command.TfliteSummarizer;
import org.junit.jupiter.api.Test;

class SummaryTest {
  private static String mltkSummary(Path archive) throws IOException {
    try (ZipFile zip = new ZipFile(archive.toFile());
        InputStream in = zip.getInputStream(zip.getEntry("tflite_micro_speech.tflite.summary.txt"))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void summaryOfTheMltkArchiveReportsWhatMltksOwnSummaryReports() throws IOException {
    Path archive = Fixtures.file("mltk/tflite_micro_speech.mltk.zip");
    List<String> expected = mltkSummary(archive).strip().lines().toList();
    String summary = new TfliteSummarizer().summarize(archive.toString(), true);
    List<String> lines = summary.lines().toList();
    // the op table (13 lines) and the totals are MLTK's, character for character
    assertThat(lines.subList(0, 15)).containsExactlyElementsOf(expected.subList(0, 15));
    assertThat(lines.get(13)).isEqualTo("Total MACs: 336.000 k");
    assertThat(lines.get(14)).isEqualTo("Total OPs: 680.012 k");
    assertThat(summary).contains(".tflite file size: 21.6kB");
    // MLTK wrote summary.txt for an earlier build of the archive's .tflite (hash d2f9cd..., the
    // .tflite in the archive has hash 127279...): lines for parameters whose value changed
    // between the two builds differ; every other line is identical.
    Set<String> changedKeys = Set.of("Description", "hash", "date", "suppression_ms",
        "volume_db", "latency_ms", "log_level", "samplewise_norm.rescale");
    List<String> differing = expected.stream().filter(l -> !lines.contains(l)).toList();
    assertThat(differing).allSatisfy(l -> assertThat(changedKeys).contains(l.split(":")[0]));
    assertThat(expected.size() - differing.size()).isGreaterThanOrEqualTo(35);
    // and each parameter line shows the value stored in the archive's .tflite
    ModelParameters params = TfliteModel.read(ModelFiles.readTflite(archive), "archive").parameters();
    assertThat(params.size()).isEqualTo(34);
    for (String key : params.keys()) {
      if (!Set.of("name", "version", "classes", "description").contains(key)) {
        assertThat(lines).contains(key + ": " + params.value(key));
      }
    }
    assertThat(lines).contains("suppression_ms: 750", "hash: 127279a057fbc17f3fc6cda82a8c8e4e",
        "fe.noise_reduction_even_smoothing: 0.02500000037252903", "verbose_model_output_logs: False",
        "Classes: yes, no, _unknown_, _silence_", "Name: tflite_micro_speech", "Version: 1");
  }

  @Test
  void microSpeechSummaryShowsOpsShapesAndPerChannelWeights() {
    Path file = Fixtures.file("tflm/micro_speech_quantized.tflite");
    String summary = new TfliteSummarizer().summarize(file.toString(), true);
    assertThat(summary).contains("reshape", "depthwise_conv_2d", "fully_connected", "softmax",
        "per-channel (8, dimension 3)",
        "| 1     | depthwise_conv_2d | 49x40x1 (int8) | 25x20x8 (int8) | Multiplier:8 padding:same stride:2x2 activation:relu |",
        "|       |                   | 10x8x8 (int8)  |                |",
        "Reshape_2                       | 1x49x40x1           | int8  | scale=0.10171568393707275 zero_point=-128");
  }

  @Test
  void summarizerAcceptsTfliteAndArchivesAndReadsTheModelInsideAKilnArchive(
      @org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    TfliteSummarizer s = new TfliteSummarizer();
    assertThat(s.accepts("a/b.tflite")).isTrue();
    assertThat(s.accepts("m.kiln.zip")).isTrue();
    assertThat(s.accepts("m.mltk.zip")).isTrue();
    assertThat(s.accepts("keyword_spotting")).isFalse();
    Path archive = tmp.resolve("small.kiln.zip");
    try (var zip = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(archive))) {
      zip.putNextEntry(new java.util.zip.ZipEntry("notes.txt"));
      zip.write("hello".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new java.util.zip.ZipEntry("small.tflite"));
      zip.write(GoldenFileTest.goldenModel().toBytes());
    }
    String summary = s.summarize(archive.toString(), true);
    assertThat(summary).contains("| 0     | conv_2d         | 4x4x1 (int8) | 3x3x2 (int8) | "
        + "Padding:valid stride:1x1 activation:relu |", "Name: small_conv", "Classes: a, b, c",
        "threshold: 0.5", "Total MACs: 126.000", "Total OPs: 291.000");
  }

  @Test
  void summarizingSomethingElseNamesIt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> new TfliteSummarizer().summarize("/nowhere/x.tflite", true))
        .isInstanceOf(kiln.api.KilnException.class)
        .hasMessage("model /nowhere/x.tflite: expected a .tflite file or a model archive (.kiln.zip, .mltk.zip),"
            + " found no such file");
  }
}
