package kiln.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiln:profile NAME --build --accelerator mvp} of every reference spec MLTK profiled on an
 * EFR32xG24 board (../shared/fixtures/mvp/models.csv: MACs as the profiler prints them, one
 * decimal of k or M, and the layer count): the same MACs within 1% or within the printed figure's
 * rounding (keyword_spotting's 2,656,768 prints as 2.7M), and the same layer count.
 */
class ProfileZooTest {
  @Test
  void buildsHaveTheMacsAndLayersOfMltksBoardReports(@TempDir Path dir) throws Exception {
    List<String> lines = Files.readAllLines(Fixtures.mvpDir().resolve("models.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    Map<String, String[]> mvp = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] r = line.split(",", -1);
      if (r[header.indexOf("accelerator")].equals("mvp") && r[header.indexOf("primary")].equals("True")) {
        mvp.put(r[0], r);
      }
    }
    assertThat(mvp).hasSize(12);
    int compared = 0;
    for (Map.Entry<String, String[]> e : mvp.entrySet()) {
      String name = e.getKey();
      JsonNode n = ProfileCommandTest.JSON.readTree(ProfileCommand.run(name, "mvp", true, "", "json",
          Fixtures.accelerators(), ProfileBuildTest.builder(dir), Fixtures.interpreter()));
      long published = Long.parseLong(e.getValue()[header.indexOf("macs")]);
      double halfStep = published >= 1_000_000 ? 50_000 : published >= 1000 ? 50 : 0;
      assertThat((double) n.get("macs").asLong()).as(name + " MACs vs " + published)
          .isCloseTo(published, within(Math.max(published * 0.01, halfStep)));
      int layers = Integer.parseInt(e.getValue()[header.indexOf("layers")]);
      assertThat(n.get("layer_count").asInt()).as(name + " layers")
          .isEqualTo(layers);
      compared++;
    }
    assertThat(compared).isEqualTo(12);
  }

  /**
   * kws_bc_resnet (not in MLTK's board reports) builds and profiles for both accelerators; its MACs
   * are the convolutions' count worked out by hand in ZooSpecsTest (2,652,656), the sub-spectral
   * normalizations, means, swishes and residual adds counting none.
   */
  @Test
  void kwsBcResnetBuildsAndProfiles(@TempDir Path dir) throws Exception {
    for (String accelerator : List.of("none", "mvp")) {
      JsonNode n = ProfileCommandTest.JSON.readTree(ProfileCommand.run("kws_bc_resnet", accelerator, true, "", "json",
          Fixtures.accelerators(), ProfileBuildTest.builder(dir), Fixtures.interpreter()));
      System.out.println("kws_bc_resnet " + accelerator + ": " + n);
      assertThat(n.get("macs").asLong()).as(accelerator).isEqualTo(2_652_656L);
    }
  }
}
