package kiln.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.nn.ModelSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spec's search space: declared by hp calls in the constructor and buildModel(), assigned by --hp. */
class HyperparametersTest {
  @TempDir Path dir;
  SearchPathModelFinder finder;

  @BeforeEach
  void finder() throws IOException {
    finder = new SearchPathModelFinder(
        () -> new SearchPath(List.of(new SearchPath.Root(dir, false, "current directory"))), List::of);
    // batch size and learning rate in the constructor, the conv's filters and a bias switch in buildModel
    Files.writeString(dir.resolve("searched.java"), SpecLoadingTest.spec("searched",
        "    batchSize = hp.choice(\"batch_size\", 16, 8, 32);"
            + " optimizer = java.util.Map.of(\"name\", \"adam\", \"learning_rate\", hp.floatRange(\"lr\", 1e-4, 1e-2, true));"
            + " epochs = hp.intRange(\"epochs\", 2, 10, 4);",
        "    m.add(new Conv2D(hp.choice(\"filters\", 4, 2), 3).set(\"padding\", \"same\").set(\"use_bias\", hp.bool(\"bias\")));"));
  }

  @Test
  void withoutAnAssignmentEachTakesItsDefault() {
    KilnModel m = finder.load("searched");
    assertThat(m.batchSize).isEqualTo(16);
    assertThat(m.epochs).isEqualTo(2);
    assertThat(m.hp.values()).containsExactly(Map.entry("batch_size", 16), Map.entry("lr", 1e-4),
        Map.entry("epochs", 2), Map.entry("filters", 4), Map.entry("bias", false));
    // conv 3x3x1 -> 4 without bias (36), dense 8*8*4 -> 2 with bias (514)
    assertThat(ModelSummary.of(m.buildGraph()).totalParams()).isEqualTo(36 + 514);
    assertThat(m.settings()).containsKey("hyperparameters");
  }

  @Test
  void anAssignmentReachesTheConstructorAndBuildModel() {
    KilnModel m = finder.load("searched", Map.of("batch_size", "32", "filters", "2", "bias", "true", "lr", "0.001",
        "epochs", "6"));
    assertThat(m.batchSize).isEqualTo(32);
    assertThat(m.epochs).isEqualTo(6);
    assertThat(((Map<?, ?>) m.optimizer).get("learning_rate")).isEqualTo(0.001);
    // conv 3x3x1 -> 2 with bias (20), dense 8*8*2 -> 2 with bias (258)
    assertThat(ModelSummary.of(m.buildGraph()).totalParams()).isEqualTo(20 + 258);
  }

  @Test
  void theSpaceIsDescribedInDeclarationOrder() {
    List<Hyperparameters.Param> space = finder.load("searched").hp.space();
    assertThat(space).containsExactly(new Hyperparameters.Choice("batch_size", List.of(16, 8, 32)),
        new Hyperparameters.FloatRange("lr", 1e-4, 1e-2, true), new Hyperparameters.IntRange("epochs", 2, 10, 4),
        new Hyperparameters.Choice("filters", List.of(4, 2)), new Hyperparameters.Bool("bias"));
    assertThat(space.get(2).describe()).containsEntry("type", "int").containsEntry("step", 4);
  }

  @Test
  void badAssignmentsAreNamed() {
    assertThatThrownBy(() -> finder.load("searched", Map.of("filter", "2")))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("--hp filter: the spec declares no hyper-parameter 'filter'")
        .hasMessageContaining("batch_size, lr, epochs, filters, bias");
    assertThatThrownBy(() -> finder.load("searched", Map.of("filters", "3")))
        .hasMessageContaining("hyper-parameter 'filters': the assigned value 3 is not one of [4, 2]");
    assertThatThrownBy(() -> finder.load("searched", Map.of("epochs", "4")))
        .hasMessageContaining("the assigned value 4 is not in [2, 10] on steps of 4 from 2");
    assertThatThrownBy(() -> finder.load("searched", Map.of("lr", "0.5")))
        .hasMessageContaining("hyper-parameter 'lr': the assigned value 0.5 is not in [1.0E-4, 0.01]");
    assertThatThrownBy(() -> finder.load("searched", Map.of("bias", "yes")))
        .hasMessageContaining("the assigned value yes is not true or false");
  }

  @Test
  void aSpecWithoutHpCallsIsOnePoint() {
    Hyperparameters hp = new Hyperparameters();
    assertThat(hp.space()).isEmpty();
    assertThat(hp.values()).isEmpty();
    hp.checkAssigned();
  }

  @Test
  void twoDifferentDeclarationsOfOneNameAreRefused() {
    Hyperparameters hp = new Hyperparameters();
    assertThat(hp.choice("units", 8, 16)).isEqualTo(8);
    assertThat(hp.choice("units", 8, 16)).isEqualTo(8); // again, the same: fine
    assertThatThrownBy(() -> hp.choice("units", 8, 32)).hasMessageContaining("'units': declared twice differently");
  }
}
