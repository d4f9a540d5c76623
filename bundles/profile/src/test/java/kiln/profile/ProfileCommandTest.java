package kiln.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import kiln.api.KilnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonSchema schema() throws Exception {
    try (InputStream in = ReportJson.class.getResourceAsStream("profile-report.schema.json")) {
      assertThat(in).as("schema resource").isNotNull();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
  }

  @Test
  void jsonOfEveryFixtureModelOnEveryAcceleratorValidatesAgainstTheSchema() throws Exception {
    JsonSchema schema = schema();
    for (String file : new String[] {"tflite_micro_speech.mltk.zip", "tflite_micro_speech.tflite",
        "image_example1.tflite", "anomaly_detection.tflite", "image_classification.tflite"}) {
      for (String acc : new String[] {"none", "mvp"}) {
        String json = ProfileCommand.run(Fixtures.mltk(file).toString(), acc, false, "", "json",
            Fixtures.accelerators(), null, Fixtures.interpreter());
        Set<ValidationMessage> errors = schema.validate(JSON.readTree(json));
        assertThat(errors).as("%s on %s", file, acc).isEmpty();
      }
    }
  }

  @Test
  void schemaRejectsAReportMissingAField() throws Exception {
    String json = ProfileCommand.run(Fixtures.mltk("tflite_micro_speech.tflite").toString(), "mvp",
        false, "", "json", Fixtures.accelerators(), null, Fixtures.interpreter());
    String broken = json.replace("\"ops\": 684024,", "");
    assertThat(broken).isNotEqualTo(json);
    assertThat(schema().validate(JSON.readTree(broken))).isNotEmpty();
  }

  @Test
  void jsonCarriesTheNumbers() throws Exception {
    String json = ProfileCommand.run(Fixtures.mltk("tflite_micro_speech.mltk.zip").toString(),
        "mvp", false, "", "json", Fixtures.accelerators(), null, Fixtures.interpreter());
    JsonNode n = JSON.readTree(json);
    assertThat(n.get("name").asText()).isEqualTo("tflite_micro_speech");
    assertThat(n.get("accelerator").asText()).isEqualTo("mvp");
    assertThat(n.get("ops").asLong()).isEqualTo(684_024);
    assertThat(n.get("macs").asLong()).isEqualTo(336_000);
    assertThat(n.get("flash_bytes").asLong()).isEqualTo(21_616);
    assertThat(n.get("energy_j").isNull()).isTrue();
    assertThat(n.get("inputs").get(0).get("shape").toString()).isEqualTo("[1,49,40,1]");
    JsonNode fc = n.get("layers").get(2);
    assertThat(fc.get("supported").asBoolean()).isFalse();
    assertThat(fc.get("error").asText()).isEqualTo("weights_shape[1] (4000) > 2048");
    assertThat(fc.get("input_shapes").toString()).isEqualTo("[[1,4000],[4,4000],[4]]");
  }

  @Test
  void outputFolderGetsTextAndJson(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("reports");
    String shown = ProfileCommand.run(Fixtures.mltk("tflite_micro_speech.tflite").toString(), "none",
        false, out.toString(), "text", Fixtures.accelerators(), null, Fixtures.interpreter());
    Path txt = out.resolve("tflite_micro_speech-none-profile.txt");
    Path json = out.resolve("tflite_micro_speech-none-profile.json");
    assertThat(shown).startsWith("Profiling Summary").contains("Wrote " + txt);
    assertThat(Files.readString(txt)).contains("Accelerator: none (Cortex-M33")
        .contains("Accelerator Cycle Count: 0\n");
    assertThat(schema().validate(JSON.readTree(Files.readString(json)))).isEmpty();
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(txt.getFileName().toString(), json.getFileName().toString());
    }
  }

  @Test
  void badInputIsAOneLineKilnException(@TempDir Path dir) throws Exception {
    String model = Fixtures.mltk("tflite_micro_speech.tflite").toString();
    assertThatThrownBy(() -> ProfileCommand.run(model, "tpu", false, "", "text",
        Fixtures.accelerators(), null, Fixtures.interpreter()))
        .isInstanceOf(KilnException.class)
        .hasMessage("--accelerator tpu: no such accelerator is registered; registered are mvp,"
            + " none");
    assertThatThrownBy(() -> ProfileCommand.run(model, "mvp", false, "", "xml",
        Fixtures.accelerators(), null, Fixtures.interpreter()))
        .isInstanceOf(KilnException.class).hasMessage("--format: expected text or json, found xml");
    assertThatThrownBy(() -> ProfileCommand.run("keyword_spotting_yes_no", "mvp", false, "", "text",
        Fixtures.accelerators(), null, Fixtures.interpreter()))
        .isInstanceOf(KilnException.class)
        .hasMessageStartingWith("model keyword_spotting_yes_no: no archive keyword_spotting_yes_no.kiln.zip or"
            + " keyword_spotting_yes_no.mltk.zip in ")
        .hasMessageEndingWith("(specification names need --build)");
    assertThatThrownBy(() -> ProfileCommand.run("keyword_spotting_yes_no", "mvp", true, "", "text",
        Fixtures.accelerators(), null, Fixtures.interpreter()))
        .isInstanceOf(KilnException.class).hasMessageContaining("--build keyword_spotting_yes_no");
    Path junk = Files.writeString(dir.resolve("junk.tflite"), "not a flatbuffer at all");
    assertThatThrownBy(() -> ProfileCommand.run(junk.toString(), "mvp", false, "", "text",
        Fixtures.accelerators(), null, Fixtures.interpreter()))
        .isInstanceOf(KilnException.class).hasMessageContaining("junk");
    Path emptyZip = dir.resolve("empty.kiln.zip");
    try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(emptyZip))) {
      z.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
      z.write("hi".getBytes());
    }
    assertThatThrownBy(() -> ProfileCommand.run(emptyZip.toString(), "mvp", false, "", "text",
        Fixtures.accelerators(), null, Fixtures.interpreter()))
        .isInstanceOf(KilnException.class)
        .hasMessageStartingWith("archive " + emptyZip + ": expected a .tflite entry, found none");
  }

  /** An interpreter that checks models by a fixed answer, to see what the profiler does with it. */
  static kiln.api.model.Interpreter checking(java.util.function.Supplier<java.util.List<String>> answer) {
    return new kiln.api.model.Interpreter() {
      @Override
      public String description() {
        return "checking";
      }

      @Override
      public kiln.api.model.LoadedModel load(byte[] flatbuffer, String name) {
        throw new UnsupportedOperationException();
      }

      @Override
      public java.util.List<String> check(byte[] flatbuffer, String name) {
        return answer.get();
      }
    };
  }

  @Test
  void whatTheInterpreterRefusesIsNotProfiledAndOpsItCannotRunAreNamed() {
    String file = Fixtures.mltk("tflite_micro_speech.tflite").toString();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProfileCommand.run(file, "mvp", false, "", "text",
            Fixtures.accelerators(), null, checking(() -> {
              throw new kiln.api.KilnException("x.tflite: op #0 CONV_2D: output shape does not match");
            })))
        .hasMessage("x.tflite: op #0 CONV_2D: output shape does not match");
    String text = ProfileCommand.run(file, "mvp", false, "", "text", Fixtures.accelerators(), null,
        checking(() -> java.util.List.of("SVDF")));
    assertThat(text).contains("Note: Kiln's interpreter (kiln-micro) cannot run SVDF yet");
    assertThat(ProfileCommand.run(file, "mvp", false, "", "text", Fixtures.accelerators(), null,
        checking(java.util.List::of))).doesNotContain("Note:");
  }
}
