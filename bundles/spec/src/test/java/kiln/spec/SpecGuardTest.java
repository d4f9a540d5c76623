package kiln.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kiln.api.KilnException;
import kiln.spec.internal.SpecGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Specs from elsewhere cannot take Kiln down: calls that stop the JVM or start processes are
 * refused before the spec runs, and a spec that never finishes loading times out with its name.
 */
class SpecGuardTest {
  @TempDir Path dir;
  SearchPathModelFinder finder;

  @BeforeEach
  void finder() {
    finder = new SearchPathModelFinder(
        () -> new SearchPath(List.of(new SearchPath.Root(dir, false, "current directory"))), List::of);
  }

  @AfterEach
  void clearTimeout() {
    System.clearProperty(SpecGuard.TIMEOUT_PROPERTY);
  }

  Path write(String name, String constructorBody, String layers) throws IOException {
    return Files.writeString(dir.resolve(name + ".java"),
        SpecLoadingTest.spec(name, constructorBody, layers));
  }

  @Test
  void systemExitIsRefusedBeforeTheSpecRuns() throws IOException {
    Path f = write("quits", "    System.out.println(\"hi\"); System.exit(0);", "");
    assertThatThrownBy(() -> finder.load("quits")).isInstanceOf(KilnException.class)
        .hasMessage(f + ": class quits calls java.lang.System.exit; a spec may not stop the JVM "
            + "or start processes");
  }

  @Test
  void haltExecAndProcessBuilderAreRefused() throws IOException {
    write("halts", "    Runtime.getRuntime().halt(3);", "");
    assertThatThrownBy(() -> finder.load("halts")).isInstanceOf(KilnException.class)
        .hasMessageContaining("halts.java: class halts calls java.lang.Runtime.halt;");
    write("runs", "    try { Runtime.getRuntime().exec(\"true\"); } "
        + "catch (java.io.IOException e) { }", "");
    assertThatThrownBy(() -> finder.load("runs")).isInstanceOf(KilnException.class)
        .hasMessageContaining("runs.java: class runs calls java.lang.Runtime.exec;");
    write("builds", "    try { new ProcessBuilder(\"true\").start(); } "
        + "catch (java.io.IOException e) { }", "");
    assertThatThrownBy(() -> finder.load("builds")).isInstanceOf(KilnException.class)
        .hasMessageContaining("builds.java: class builds calls java.lang.ProcessBuilder.<init>, "
            + "java.lang.ProcessBuilder.start;");
  }

  @Test
  void callsHiddenInLambdasAndInnerClassesAreFound() throws IOException {
    write("lambda", "    Runnable r = () -> Runtime.getRuntime().exit(1); "
        + "java.util.function.IntConsumer c = System::exit;", "");
    assertThatThrownBy(() -> finder.load("lambda")).isInstanceOf(KilnException.class)
        .hasMessageContaining("class lambda calls java.lang.Runtime.exit, java.lang.System.exit;");
    write("inner", "    new Object() { void bye() { System.exit(2); } };", "");
    assertThatThrownBy(() -> finder.load("inner")).isInstanceOf(KilnException.class)
        .hasMessageContaining("class inner$1 calls java.lang.System.exit;");
  }

  @Test
  void anEndlessConstructorTimesOutWithTheSpecsName() throws Exception {
    System.setProperty(SpecGuard.TIMEOUT_PROPERTY, "1");
    Path f = write("spins", "    while (true) { Thread.onSpinWait(); }", "");
    long start = System.nanoTime();
    assertThatThrownBy(() -> finder.load("spins")).isInstanceOf(KilnException.class)
        .hasMessage(f + ": the spec did not finish loading within 1 s (an endless loop in its "
            + "constructor or buildModel()?); -Dkiln.spec.timeout=SECONDS allows longer");
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(20);
    // on Java 17 the runaway thread is stopped rather than left spinning
    if (Runtime.version().feature() < 20) {
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().equals("kiln-spec " + f)) {
          t.join(5000);
          assertThat(t.isAlive()).as(java.util.Arrays.toString(t.getStackTrace())).isFalse();
        }
      }
    }
  }

  @Test
  void anEndlessBuildModelTimesOutToo() throws IOException {
    System.setProperty(SpecGuard.TIMEOUT_PROPERTY, "0.5");
    write("builds_forever", "", "    for (int i = 0; i >= 0; i = (i + 1) % 10) { }");
    assertThatThrownBy(() -> finder.load("builds_forever")).isInstanceOf(KilnException.class)
        .hasMessageContaining("builds_forever.java: the spec did not finish loading within 0.5 s");
  }

  @Test
  void errorsInsideTheGuardStillNameTheSpecAndLine() throws IOException {
    Path f = write("bad_prop", "    batchSize = 0;", "");
    assertThatThrownBy(() -> finder.load("bad_prop")).isInstanceOf(KilnException.class)
        .hasMessage(f + ":11: batch_size: expected a positive integer, got 0");
  }

  @Test
  void aBadTimeoutSettingIsNamed() throws IOException {
    System.setProperty(SpecGuard.TIMEOUT_PROPERTY, "soon");
    write("fine", "", "");
    assertThatThrownBy(() -> finder.load("fine")).isInstanceOf(KilnException.class)
        .hasMessage("-Dkiln.spec.timeout=soon: expected a number of seconds above 0");
  }
}
