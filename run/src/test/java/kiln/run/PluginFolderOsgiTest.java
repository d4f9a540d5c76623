package kiln.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import kiln.api.platform.Accelerator;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The plugins folder: Felix FileInstall (watching felix.fileinstall.dir, set in itest.bndrun as
 * kiln.bndrun's users set it through ./kiln) starts a bundle jar copied there in the running
 * framework and uninstalls it when the file is deleted.
 */
class PluginFolderOsgiTest {
  /** FileInstall polls every 200 ms here; generous for a loaded machine. */
  static final long WAIT_SECONDS = 30;

  @InjectBundleContext BundleContext context;

  @InjectService(timeout = 5000)
  CommandProcessor processor;

  @Test
  void aJarCopiedIntoThePluginsFolderIsStartedAndGoesAwayWhenDeleted() throws Exception {
    Path folder = Paths.get(context.getProperty("felix.fileinstall.dir"));
    Files.createDirectories(folder);
    Path plugin = folder.resolve("test-accelerator.jar");
    Files.deleteIfExists(plugin); // left by an interrupted earlier run
    awaitAccelerator("test-acc", false);
    assertThat(run("kiln:list accelerators")).doesNotContain("test-acc");

    Files.copy(Paths.get(context.getProperty("kiln.testAccelerator")), plugin, StandardCopyOption.REPLACE_EXISTING);
    ServiceReference<Accelerator> ref = awaitAccelerator("test-acc", true);
    assertThat(ref.getBundle().getLocation()).isEqualTo(plugin.toFile().toURI().toString());
    assertThat(run("kiln:list accelerators")).contains("test-acc").contains("kiln.test-accelerator");

    Files.delete(plugin);
    awaitAccelerator("test-acc", false);
    assertThat(run("kiln:list accelerators")).doesNotContain("test-acc");
  }

  private ServiceReference<Accelerator> awaitAccelerator(String name, boolean present) throws Exception {
    ServiceTracker<Accelerator, Accelerator> t = new ServiceTracker<>(context, context.createFilter(
        "(&(objectClass=" + Accelerator.class.getName() + ")(kiln.name=" + name + "))"), null);
    t.open();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while ((t.getServiceReference() != null) != present && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      ServiceReference<Accelerator> ref = t.getServiceReference();
      assertThat(ref != null).as("accelerator %s registered after %s s", name, WAIT_SECONDS).isEqualTo(present);
      return ref;
    } finally {
      t.close();
    }
  }

  private String run(String line) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (CommandSession session = processor.createSession(InputStream.nullInputStream(), out, out)) {
      Object result = session.execute(line);
      return result == null ? bytes.toString(StandardCharsets.UTF_8) : result.toString();
    }
  }
}
