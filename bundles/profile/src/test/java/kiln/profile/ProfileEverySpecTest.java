package kiln.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kiln.models.ReferenceSpecs;
import kiln.nn.ModelSummary;
import kiln.nn.Network;
import kiln.spec.KilnModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiln:profile NAME --build} of every reference spec on both targets ({@code none}: the
 * Cortex-M33 alone, {@code mvp}: the accelerator): each builds, quantizes with untrained weights and
 * profiles, and the MACs the profiler counts on the int8 file (kiln.tflite's op counter) equal those
 * of the spec's layer graph (kiln.nn's ModelSummary, a separate count over layers rather than ops)
 * within 1%; of the network the spec exports where it exports a part of what it trains.
 */
class ProfileEverySpecTest {
  @Test
  void everyReferenceSpecProfilesOnBothTargets(@TempDir Path dir) throws Exception {
    List<String> profiled = new ArrayList<>();
    for (kiln.spec.SpecProvider provider : ReferenceSpecs.all()) {
      String name = provider.name();
      KilnModel spec = ProfileBuildTest.finder(dir).load(name);
      Network exported = spec.exportModel();
      long layerMacs = ModelSummary.of(exported != null ? exported.toGraph() : spec.buildGraph()).totalMacs();
      for (String target : new String[] {"none", "mvp"}) {
        JsonNode n = ProfileCommandTest.JSON.readTree(ProfileCommand.run(name, target, true, "", "json",
            Fixtures.accelerators(), ProfileBuildTest.builder(dir), Fixtures.interpreter()));
        assertThat(n.get("accelerator").asText()).isEqualTo(target);
        assertThat(n.get("layer_count").asInt()).as(name + " on " + target + " layers").isPositive();
        assertThat(n.get("flash_bytes").asLong()).as(name + " flash").isPositive();
        assertThat(n.get("ram_bytes").asLong()).as(name + " RAM").isPositive();
        assertThat((double) n.get("macs").asLong()).as(name + " on " + target + ": profiler MACs vs the layer graph's "
            + layerMacs).isCloseTo(layerMacs, within(Math.max(1.0, layerMacs * 0.01)));
      }
      profiled.add(name);
    }
    assertThat(profiled).hasSize(ReferenceSpecs.all().size()).hasSizeGreaterThanOrEqualTo(32);
  }
}
