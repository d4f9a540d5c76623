package kiln.models;

import kiln.nn.ModelSummary;
import kiln.spec.KilnModel;
import kiln.spec.SearchPathModelFinder;
import org.junit.jupiter.api.Test;

class ZooScratchTest {
  @Test
  void print() {
    var f = SearchPathModelFinder.standard(ReferenceSpecs::all);
    for (var e : f.list()) {
      try {
        KilnModel m = f.load(e.name());
        ModelSummary s = ModelSummary.of(m.buildGraph());
        System.out.println("ZOO " + e.name() + " macs=" + s.totalMacs() + " params=" + s.totalParams()
            + " in=" + java.util.Arrays.toString(m.inputShape()) + " layers=" + s.rows().size());
      } catch (RuntimeException ex) {
        System.out.println("ZOO " + e.name() + " FAIL " + ex.getMessage());
      }
    }
  }
}
