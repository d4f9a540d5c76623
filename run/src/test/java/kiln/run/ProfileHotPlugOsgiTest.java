package kiln.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import kiln.api.platform.Accelerator;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/**
 * {@code kiln:profile --accelerator NEW} works as soon as a bundle registering accelerator NEW is
 * installed into the running framework, and stops working when it is uninstalled: no restart.
 */
class ProfileHotPlugOsgiTest {
  @InjectBundleContext BundleContext context;

  @InjectService(timeout = 5000)
  CommandProcessor processor;

  @Test
  void profileUsesAnAcceleratorBundleInstalledIntoTheRunningFramework() throws Exception {
    assumeTrue(Arrays.stream(context.getBundles())
            .anyMatch(b -> "kiln.profile".equals(b.getSymbolicName())),
        "kiln.profile is not in this framework: add it to itest.bndrun's -runrequires");
    Path model = fixtures().resolve("mltk/tflite_micro_speech.tflite");
    assumeTrue(Files.isRegularFile(model), "fixtures not found at " + model);
    String profile = "kiln:profile --accelerator test-acc " + model;

    assertThat(failure(profile)).contains("--accelerator test-acc: no such accelerator");

    Path jar = Paths.get(context.getProperty("kiln.testAccelerator"));
    Bundle plugin;
    try (InputStream in = Files.newInputStream(jar)) {
      plugin = context.installBundle("profile-test-accelerator", in);
    }
    try {
      plugin.start();
      awaitAccelerator("test-acc", true);
      // test-acc: every op supported, one accelerator cycle per MAC, 100 MHz
      assertThat(run(profile))
          .contains("Accelerator: test-acc (test accelerator")
          .contains("Operation Count: 684.0k")
          .contains("Accelerator Cycle Count: 336.0k")
          .contains("Unsupported Layer Count: 0")
          .contains("Clock Rate (hz): 100.0M");
      assertThat(run("kiln:profile --accelerator test-acc --format json " + model))
          .contains("\"accelerator\": \"test-acc\"")
          .contains("\"accelerator_cycles\": 336000");
    } finally {
      plugin.uninstall();
    }
    awaitAccelerator("test-acc", false);
    assertThat(failure(profile)).contains("--accelerator test-acc: no such accelerator");
  }

  @Test
  void builtInBackEndsFlagWhatTheMvpCannotRun() throws Exception {
    assumeTrue(Arrays.stream(context.getBundles())
            .anyMatch(b -> "kiln.mvp".equals(b.getSymbolicName())),
        "kiln.mvp is not in this framework: add it to itest.bndrun's -runrequires");
    Path model = fixtures().resolve("mltk/tflite_micro_speech.mltk.zip");
    assumeTrue(Files.isRegularFile(model), "fixtures not found at " + model);
    awaitAccelerator("mvp", true);
    assertThat(run("kiln:profile --accelerator mvp " + model))
        .contains("Unsupported Layer Count: 1")
        .contains("weights_shape[1] (4000) > 2048");
  }

  private Path fixtures() {
    String p = context.getProperty("kiln.fixtures");
    return p != null ? Paths.get(p) : Paths.get(System.getProperty("user.dir"), "../../shared/fixtures");
  }

  private String failure(String line) {
    try {
      String out = run(line);
      throw new AssertionError(line + " should have failed, printed: " + out);
    } catch (AssertionError e) {
      throw e;
    } catch (Exception e) {
      return e.getMessage();
    }
  }

  private void awaitAccelerator(String name, boolean present) throws Exception {
    OsgiShell.await(context, Accelerator.class, name, present, 5);
  }

  private String run(String line) throws Exception {
    return OsgiShell.run(processor, line);
  }
}
