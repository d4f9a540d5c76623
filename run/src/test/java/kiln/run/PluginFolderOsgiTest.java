package kiln.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import kiln.api.platform.Accelerator;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

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
    return OsgiShell.await(context, Accelerator.class, name, present, (int) WAIT_SECONDS);
  }

  private String run(String line) throws Exception {
    return OsgiShell.run(processor, line);
  }
}
