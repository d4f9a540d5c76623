package kiln.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.tflite.Subgraph;
import kiln.tflite.TfliteModel;
import kiln.util.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kiln:view without a browser: the page's data, where models come from, and the errors. */
class ViewCommandTest {
  @TempDir Path tmp;

  /** The JSON the page carries, parsed back. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Path page) throws Exception {
    String html = Files.readString(page);
    int start = html.indexOf("<script type=\"application/json\" id=\"kiln-data\">");
    int from = html.indexOf('>', start) + 1;
    return Json.parseObject(html.substring(from, html.indexOf("</script>", from)), page.toString());
  }

  @Test
  @SuppressWarnings("unchecked")
  void thePageCarriesEveryOpWithItsDetailsAndNeedsNoNetwork() throws Exception {
    Path model = Fixtures.file("mltk/tflite_micro_speech.tflite");
    String text = ViewCommand.run(model.toString(), "ms.html", false, "", Fixtures.accelerators(), tmp, Fixtures.interpreter());
    assertThat(text).startsWith("tflite_micro_speech: 4 ops, 16652 parameters, 336000 MACs")
        .endsWith("wrote " + tmp.resolve("ms.html").toAbsolutePath());
    String html = Files.readString(tmp.resolve("ms.html"));
    // self-contained: no file is fetched (the SVG namespace name is the only URL)
    assertThat(html).doesNotContain("<link").doesNotContain("src=").doesNotContain("href=")
        .doesNotContain("@import").doesNotContain("url(");
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:").doesNotContain("https:");
    Map<String, Object> data = data(tmp.resolve("ms.html"));
    List<Map<String, Object>> ops = (List<Map<String, Object>>) data.get("ops");
    assertThat(ops).extracting(o -> o.get("type"))
        .containsExactly("CONV_2D", "RESHAPE", "FULLY_CONNECTED", "SOFTMAX");
    Map<String, Object> conv = ops.get(0);
    assertThat(conv).containsEntry("params", 648L).containsEntry("macs", 320000L);
    assertThat((Map<String, Object>) conv.get("options")).containsEntry("padding", "same")
        .containsEntry("strideW", "2").containsEntry("activation", "relu");
    List<Map<String, Object>> tensors = (List<Map<String, Object>>) data.get("tensors");
    Map<String, Object> convOut = tensors.get(((Number) conv.get("output")).intValue());
    assertThat(convOut.get("shape")).isEqualTo(List.of(1L, 25L, 20L, 8L));
    assertThat(convOut).containsEntry("type", "int8");
    assertThat((Map<String, Object>) convOut.get("quantization")).containsEntry("zeroPoint", -128L)
        .containsEntry("channels", 1L);
    // the weights are quantized per channel: 8 scales
    Map<String, Object> weights = tensors.get(((Number) ((List<?>) conv.get("inputs")).get(1)).intValue());
    assertThat((Map<String, Object>) weights.get("quantization")).containsEntry("channels", 8L);
    assertThat(ops.get(1)).containsEntry("params", 0L); // the shape constant is no parameter
    // input -> 4 ops in a chain -> output
    assertThat((List<?>) data.get("edges")).hasSize(5);
    assertThat(ops.get(0)).doesNotContainKey("verdict");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anAcceleratorJudgesAndCostsEveryOp() throws Exception {
    Path model = Fixtures.file("mltk/tflite_micro_speech.tflite");
    ViewCommand.run(model.toString(), "ms.html", false, "MVP", Fixtures.accelerators(), tmp, Fixtures.interpreter());
    List<Map<String, Object>> ops = (List<Map<String, Object>>) data(tmp.resolve("ms.html")).get("ops");
    for (Map<String, Object> op : ops) {
      Map<String, Object> v = (Map<String, Object>) op.get("verdict");
      assertThat(v).containsKeys("supported", "reason", "cycles", "acceleratorCycles", "cpuCycles", "timeMs");
      if (!(Boolean) v.get("supported")) {
        assertThat((String) v.get("reason")).isNotBlank();
      }
    }
    assertThat(ops).anyMatch(o -> (Boolean) ((Map<String, Object>) o.get("verdict")).get("supported"));
  }

  @Test
  void archivesAndModelNamesAreFound() throws Exception {
    Path zip = Fixtures.file("mltk/tflite_micro_speech.mltk.zip");
    assertThat(ViewCommand.run(zip.toString(), "", false, "", Map.of(), tmp, Fixtures.interpreter()))
        .startsWith("tflite_micro_speech: 4 ops").contains(tmp.resolve("tflite_micro_speech.html").toString());
    Files.copy(zip, tmp.resolve("my_model.mltk.zip"));
    assertThat(ViewCommand.run("my_model", "", false, "", Map.of(), tmp, Fixtures.interpreter())).startsWith("my_model: 4 ops");
  }

  @Test
  void aNameWithoutArchiveAndAnUnknownAcceleratorAreExplained() {
    assertThatThrownBy(() -> ViewCommand.run("keyword_spotting_yes_no", "", false, "", Map.of(), tmp, Fixtures.interpreter()))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("no archive keyword_spotting_yes_no.kiln.zip or keyword_spotting_yes_no.mltk.zip in")
        .hasMessageContaining("train the model first (kiln:train keyword_spotting_yes_no) or pass its .tflite file");
    assertThatThrownBy(() -> ViewCommand.run("no/such.tflite", "", false, "", Map.of(), tmp, Fixtures.interpreter()))
        .isInstanceOf(KilnException.class)
        .hasMessage("model no/such.tflite: expected a .tflite file, a model archive (.kiln.zip, .mltk.zip)"
            + " or a model name, found no such file");
    Path model = Fixtures.file("mltk/tflite_micro_speech.tflite");
    assertThatThrownBy(() -> ViewCommand.run(model.toString(), "", false, "gpu", Fixtures.accelerators(), tmp, Fixtures.interpreter()))
        .isInstanceOf(KilnException.class)
        .hasMessage("--accelerator gpu: no such accelerator is registered; registered are mvp, none");
  }

  @Test
  void aTensorNamedLikeMarkupStaysData() throws Exception {
    TfliteModel m = TfliteModel.read(Fixtures.file("mltk/tflite_micro_speech.tflite"));
    m.mainSubgraph().tensor(0).setName("</script><script>alert(1)</script> KILN_DATA /*KILN_JS*/");
    Path evil = tmp.resolve("evil.tflite");
    m.write(evil);
    ViewCommand.run(evil.toString(), "", false, "", Map.of(), tmp, Fixtures.interpreter());
    String html = Files.readString(tmp.resolve("evil.html"));
    assertThat(html).doesNotContain("<script>alert").containsOnlyOnce("<script>\n");
    assertThat(data(tmp.resolve("evil.html")).toString()).contains("</script><script>alert(1)</script> KILN_DATA");
  }

  @Test
  void theMemoryPlanIsTheArenaModelsPlan() {
    for (String f : new String[] {"mltk/tflite_micro_speech.tflite", "mltk/image_example1.tflite",
        "mltk/anomaly_detection.tflite", "mltk/image_classification.tflite", "tflm/micro_speech_quantized.tflite"}) {
      Subgraph g = TfliteModel.read(Fixtures.file(f)).mainSubgraph();
      MemoryPlan plan = MemoryPlan.of(g, kiln.tflite.arena.Target.CORTEX_M, kiln.tflite.arena.ArenaModel.referenceScratch(g));
      assertThat(plan.planned()).as(f).isEqualTo(plan.report().head());
      // buffers alive at the same step never share bytes
      List<MemoryPlan.Buffer> b = plan.buffers();
      for (int i = 0; i < b.size(); i++) {
        for (int j = i + 1; j < b.size(); j++) {
          MemoryPlan.Buffer x = b.get(i);
          MemoryPlan.Buffer y = b.get(j);
          boolean together = x.first() <= y.last() && y.first() <= x.last();
          boolean overlap = x.offset() < y.offset() + y.bytes() && y.offset() < x.offset() + x.bytes();
          assertThat(together && overlap).as(f + ": " + x + " and " + y).isFalse();
        }
      }
    }
  }

  @Test
  void openHandsTheWrittenPageToTheBrowser() {
    Path model = Fixtures.file("mltk/tflite_micro_speech.tflite");
    List<Path> opened = new java.util.ArrayList<>();
    String text = ViewCommand.run(model.toString(), "ms.html", p -> {
      opened.add(p);
      return "opened in the default browser";
    }, "", Map.of(), tmp, Fixtures.interpreter());
    assertThat(opened).containsExactly(tmp.resolve("ms.html").toAbsolutePath());
    assertThat(text).endsWith("wrote " + tmp.resolve("ms.html").toAbsolutePath() + "\nopened in the default browser");
  }

  @Test
  void fillReplacesEachPlaceholderWithoutSearchingWhatWentIn() {
    assertThat(HtmlPage.fill("a X b Y c X", Map.of("X", "Y", "Y", "X"))).isEqualTo("a Y b X c Y");
  }

  /** Without an interpreter nothing may be coloured supported: the profiler's rule. */
  @Test
  @SuppressWarnings("unchecked")
  void withoutAnInterpreterNoOpIsColouredSupported() throws Exception {
    Path model = Fixtures.file("mltk/tflite_micro_speech.tflite");
    ViewCommand.run(model.toString(), "bare.html", false, "mvp", Fixtures.accelerators(), tmp, null);
    List<Map<String, Object>> ops = (List<Map<String, Object>>) data(tmp.resolve("bare.html")).get("ops");
    assertThat(ops).isNotEmpty().allSatisfy(op -> {
      Map<String, Object> v = (Map<String, Object>) op.get("verdict");
      assertThat(v.get("supported")).isEqualTo(false);
      assertThat((String) v.get("reason")).contains("no Kiln interpreter is installed to run it");
    });
  }
}
