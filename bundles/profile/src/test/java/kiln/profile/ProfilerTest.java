package kiln.profile;

import kiln.tflite.ModelFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfilerTest {

  static ProfileReport profile(String file, String accelerator) throws Exception {
    ModelFiles.Model m = ModelFiles.load(Fixtures.mltk(file));
    return Profiler.profile(m.name(), m.tflite(), accelerator,
        Fixtures.accelerators().get(accelerator),
        Fixtures.interpreter().check(m.tflite(), m.name()));
  }

  static ProfileReport profileQuiet(String file, String accelerator) {
    try {
      return profile(file, accelerator);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void microSpeechArchiveOnMvpMatchesThePublishedReport() throws Exception {
    ProfileReport r = profile("tflite_micro_speech.mltk.zip", "mvp");
    assertThat(r.name()).isEqualTo("tflite_micro_speech");
    assertThat(r.flashBytes()).isEqualTo(21_616);
    assertThat(r.ops()).isEqualTo(684_024);
    assertThat(r.macs()).isEqualTo(336_000);
    assertThat(r.layerCount()).isEqualTo(4);
    assertThat(r.unsupportedLayerCount()).isEqualTo(1);
    assertThat(r.acceleratorCycles()).isCloseTo(404_600, within(0.15 * 404_600));
    assertThat(r.cpuCycles()).isCloseTo(115_000, within(0.15 * 115_000));
    // TFLite Micro's arena_used_bytes() with -m32 and the reference kernels (issue 16)
    assertThat(r.ramBytes()).isEqualTo(8_844L);
    assertThat(r.acceleratorRamBytes()).isCloseTo(11_300L, within(1_130L));
    assertThat(r.clockHz()).isEqualTo(78_000_000);

    ProfileReport.LayerRow conv = r.layers().get(0);
    assertThat(conv.opcode()).isEqualTo("conv_2d");
    assertThat(conv.ops()).isEqualTo(652_000);
    assertThat(conv.macs()).isEqualTo(320_000);
    assertThat(conv.acceleratorCycles()).isCloseTo(380_500, within(0.10 * 380_500));
    assertThat(conv.cpuCycles()).isCloseTo(85_700, within(0.05 * 85_700));
    assertThat(conv.options()).isEqualTo("Padding:same stride:2x2 activation:relu");
    assertThat(conv.timeSeconds()).isEqualTo(conv.acceleratorCycles() / 78e6);
    ProfileReport.LayerRow fc = r.layers().get(2);
    assertThat(fc.opcode()).isEqualTo("fully_connected");
    assertThat(fc.ops()).isEqualTo(32_004);
    assertThat(fc.supported()).isFalse();
    assertThat(fc.error()).isEqualTo("weights_shape[1] (4000) > 2048");
    assertThat(r.layers().get(3).ops()).isEqualTo(20);

    String text = ReportText.format(r);
    assertThat(text)
        .contains("Name: tflite_micro_speech\n")
        .contains("Input Shape: 1x49x40x1\n")
        .contains("Input Data Type: int8\n")
        .contains("Output Shape: 1x4\n")
        .contains("Flash, Model File Size (bytes): 21.6k\n")
        .contains("Operation Count: 684.0k\n")
        .contains("Multiply-Accumulate Count: 336.0k\n")
        .contains("Layer Count: 4\n")
        .contains("Unsupported Layer Count: 1\n")
        .contains("Clock Rate (hz): 78.0M\n")
        .contains("| 0     | conv_2d         | 652.0k | 320.0k |")
        .contains("| 1x4000,4x4000,4      | 1x4          | Activation:none"
            + "                         | False      | weights_shape[1] (4000) > 2048 |");
  }

  @Test
  void layerTimeIsTheSlowerSideAndModelValuesAreSums() throws Exception {
    ProfileReport r = profile("image_classification.tflite", "mvp");
    double time = 0;
    for (ProfileReport.LayerRow l : r.layers()) {
      assertThat(l.timeSeconds())
          .isEqualTo(Math.max(l.acceleratorCycles(), l.cpuCycles()) / 78e6);
      time += l.timeSeconds();
    }
    assertThat(r.timeSeconds()).isCloseTo(time, within(1e-12));
    assertThat(r.cpuUtilizationPercent())
        .isCloseTo(100 * r.cpuCycles() / (time * 78e6), within(1e-9));
    assertThat(r.inferencesPerSecond()).isCloseTo(1 / time, within(1e-9));
    assertThat(Double.isNaN(r.energyJoules())).isTrue();
  }

  /** Per layer, ops and MACs print as in the board reports (which keep MLTK's rounding). */
  @Test
  void opsAndMacsFollowMltksProfilerOnEveryMeasuredFixtureModel() throws Exception {
    List<String> csv = Files.readAllLines(Fixtures.mvpDir().resolve("layers.csv"));
    String[][] cases = {
      {"tflite_micro_speech.tflite", "tflite_micro_speech", "mvp"},
      {"image_example1.tflite", "image_example1", "none"},
      {"anomaly_detection.tflite", "anomaly_detection", "mvp"},
      {"image_classification.tflite", "image_classification", "mvp"},
    };
    int checked = 0;
    for (String[] c : cases) {
      List<String[]> rows = new ArrayList<>();
      for (String line : csv) {
        String[] f = line.split(",");
        if (f[0].equals(c[1]) && f[1].equals(c[2])) {
          rows.add(f);
        }
      }
      ProfileReport r = profile(c[0], "mvp");
      assertThat(r.layers()).as(c[0]).hasSize(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        ProfileReport.LayerRow l = r.layers().get(i);
        assertThat(l.opcode()).isEqualTo(rows.get(i)[5]);
        assertThat(Si.format(l.ops())).as("%s layer %d ops", c[0], i)
            .isEqualTo(Si.format(Long.parseLong(rows.get(i)[6])));
        assertThat(Si.format(l.macs())).as("%s layer %d macs", c[0], i)
            .isEqualTo(Si.format(Long.parseLong(rows.get(i)[7])));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(4 + 8 + 17 + 16);
  }

  @Test
  void ramIsTflmsThirtyTwoBitArenaAndTheBoardFiguresAreNear() throws Exception {
    // the arena, 32-bit TFLM reference kernels: arena_used_bytes() measured with -m32 (issue 16)
    ProfileReport classification = profile("image_classification.tflite", "mvp");
    assertThat(classification.ramBytes()).isEqualTo(54_364L);
    assertThat(classification.arenaBytes()).isEqualTo(49_152L);
    ProfileReport none = profile("image_example1.tflite", "none");
    assertThat(none.ramBytes()).isEqualTo(70_956L);
    // arena alone: the input (9216) and the first conv's output (55296) are alive together
    assertThat(none.arenaBytes()).isGreaterThanOrEqualTo(9216 + 55296);
    // with the boards' kernels' scratch, near MLTK's measured RAM (models.csv):
    // image_classification 86.9k on mvp, image_example1 71.4k on none
    assertThat(classification.acceleratorRamBytes()).isCloseTo(86_900L, within(8_690L));
    assertThat(none.acceleratorRamBytes()).isCloseTo(71_400L, within(7_140L));
    // CMSIS-NN's kernels only add OpData fields and scratch buffers
    assertThat(none.cmsisNnRamBytes()).isGreaterThanOrEqualTo(none.ramBytes());
  }

  @Test
  void siFormatMatchesMltk() {
    assertThat(Si.format(684_024)).isEqualTo("684.0k");
    assertThat(Si.format(21_616)).isEqualTo("21.6k");
    assertThat(Si.format(78e6)).isEqualTo("78.0M");
    assertThat(Si.format(0.0061)).isEqualTo("6.1m");
    assertThat(Si.format(0.00027)).isEqualTo("270.0u");
    assertThat(Si.format(20)).isEqualTo("20.0");
    assertThat(Si.format(0)).isEqualTo("0");
    assertThat(Si.format(999_960)).isEqualTo("1.0M");
    assertThat(Si.format(33_152)).isEqualTo("33.1k");
    assertThat(Si.format(1_152)).isEqualTo("1.1k");
    assertThat(Si.format(1_161_216)).isEqualTo("1.2M");
    assertThat(Si.shape(new int[] {1, 49, 40, 1})).isEqualTo("1x49x40x1");
    assertThat(Si.shape(new int[0])).isEqualTo("scalar");
  }
}
