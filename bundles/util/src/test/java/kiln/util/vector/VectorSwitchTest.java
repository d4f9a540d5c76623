package kiln.util.vector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VectorSwitchTest {
  @Test
  void aMissingModuleNeverAsksForLanesAndStaysOff() {
    VectorSwitch s = VectorSwitch.probe(VectorSwitchTest.class, "no.such.Vector", () -> {
      throw new AssertionError("lanes asked without the class");
    }, 4, "kiln.test.vector.missing");
    assertThat(s.lanes()).isZero();
    assertThat(s.available()).isFalse();
    s.setEnabled(true);
    assertThat(s.enabled()).isFalse();
  }

  @Test
  void enoughLanesTurnItOnUnlessThePropertySaysFalse() {
    VectorSwitch on = VectorSwitch.probe(VectorSwitchTest.class, "java.lang.String", () -> 8, 8, "kiln.test.vector.on");
    assertThat(on.lanes()).isEqualTo(8);
    assertThat(on.enabled()).isTrue();
    on.setEnabled(false);
    assertThat(on.enabled()).isFalse();

    VectorSwitch few = VectorSwitch.probe(VectorSwitchTest.class, "java.lang.String", () -> 2, 4, "kiln.test.vector.few");
    assertThat(few.available()).isFalse();
    assertThat(few.enabled()).isFalse();

    System.setProperty("kiln.test.vector.off", "FALSE");
    try {
      VectorSwitch off = VectorSwitch.probe(VectorSwitchTest.class, "java.lang.String", () -> 8, 8, "kiln.test.vector.off");
      assertThat(off.available()).isTrue();
      assertThat(off.enabled()).isFalse();
    } finally {
      System.clearProperty("kiln.test.vector.off");
    }
  }

  @Test
  void aLinkageErrorWhileCountingLanesCountsAsNoModule() {
    VectorSwitch s = VectorSwitch.probe(VectorSwitchTest.class, "java.lang.String", () -> {
      throw new NoClassDefFoundError("jdk/incubator/vector/IntVector");
    }, 1, "kiln.test.vector.linkage");
    assertThat(s.available()).isFalse();
  }
}
