package kiln.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import kiln.api.platform.Accelerator;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/** A running framework picks up an accelerator bundle installed after start, and forgets it again. */
class HotPlugOsgiTest {
  @InjectBundleContext BundleContext context;

  @InjectService(timeout = 5000)
  CommandProcessor processor;

  @Test
  void anInstalledAcceleratorBundleAppearsInListAndGoesAwayWhenUninstalled() throws Exception {
    assertThat(run("kiln:list accelerators")).doesNotContain("test-acc");

    Path jar = Paths.get(context.getProperty("kiln.testAccelerator"));
    assertThat(jar).exists();
    Bundle plugin;
    try (InputStream in = Files.newInputStream(jar)) {
      plugin = context.installBundle("test-accelerator", in);
    }
    plugin.start();
    awaitAccelerator("test-acc", true);
    assertThat(run("kiln:list accelerators"))
        .contains("test-acc")
        .contains("kiln.test-accelerator")
        .contains("one cycle per MAC")
        .contains("100.0 MHz");

    plugin.uninstall();
    awaitAccelerator("test-acc", false);
    assertThat(run("kiln:list accelerators")).doesNotContain("test-acc");
  }

  @Test
  void anUnknownKindIsRefusedWithTheKindsThatExist() {
    assertThatCommand("kiln:list gadgets")
        .contains("unknown kind 'gadgets'")
        .contains("accelerators");
  }

  private org.assertj.core.api.AbstractStringAssert<?> assertThatCommand(String line) {
    try {
      run(line);
      throw new AssertionError(line + " should have failed");
    } catch (Exception e) {
      return assertThat(e.getMessage());
    }
  }

  private void awaitAccelerator(String name, boolean present) throws Exception {
    OsgiShell.await(context, Accelerator.class, name, present, 5);
  }

  private String run(String line) throws Exception {
    return OsgiShell.run(processor, line);
  }
}
