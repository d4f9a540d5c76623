package kiln.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The built bundles in a real framework (Felix 7 + SCR): the evaluators and the zip archive
 * register side by side without depending on each other (kiln.archive imports no kiln.evaluate
 * package), XChart (embedded in kiln.evaluate) draws PNGs headless, and the training-history plot it
 * draws goes into an archive entry. The bundles' classes are not the test's, so calls go through
 * reflection.
 */
class ArchiveInOsgiIT {
  static Framework framework;
  static BundleContext ctx;

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> cfg = new HashMap<>();
    cfg.put(Constants.FRAMEWORK_STORAGE, System.getProperty("kiln.it.storage"));
    cfg.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(cfg);
    framework.start();
    ctx = framework.getBundleContext();
    List<Bundle> bundles = new ArrayList<>();
    for (String jar : System.getProperty("kiln.it.bundles").split(",")) {
      bundles.add(ctx.installBundle(Paths.get(jar.trim()).toUri().toString()));
    }
    for (Bundle b : bundles) {
      b.start();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (framework != null) {
      framework.stop();
      framework.waitForStop(10_000);
    }
  }

  /** All references: the system bundle has no wiring to kiln.api, so getServiceReferences hides them. */
  static Object service(String type, String filter) throws Exception {
    for (int i = 0; i < 100; i++) {
      ServiceReference<?>[] refs = ctx.getAllServiceReferences(type, filter);
      if (refs != null) {
        return ctx.getService(refs[0]);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no service " + type + " " + filter + " within 5 s");
  }

  @Test
  void classifierEvaluatorDrawsPngsInsideTheFramework(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Object ev = service("kiln.api.model.Evaluator", "(kiln.name=classifier)");
    Class<?> jobType = ev.getClass().getClassLoader().loadClass("kiln.api.model.EvaluationJob");
    Constructor<?> c =
        jobType.getConstructor(String.class, List.class, List.class, int[].class, Path.class);
    Object job = c.newInstance("osgi", List.of("a", "b"),
        List.of(new float[] {0.9f, 0.1f}, new float[] {0.3f, 0.7f}, new float[] {0.6f, 0.4f}),
        new int[] {0, 1, 1}, dir);
    Object result = ev.getClass().getMethod("evaluate", jobType).invoke(ev, job);
    String summary = (String) result.getClass().getMethod("summary").invoke(result);
    assertThat(summary).contains("Overall accuracy: 66.667%");
    assertThat(ImageIO.read(dir.resolve("osgi-confusion_matrix.png").toFile()).getWidth())
        .isEqualTo(600);
    assertThat(service("kiln.api.model.Evaluator", "(kiln.name=autoencoder)")).isNotNull();
  }

  @Test
  void archiveServiceCommandAndHistoryPlot(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Object archive = service("kiln.api.model.ModelArchive", "(kiln.name=zip)");
    Path zip = dir.resolve("m.kiln.zip");
    archive.getClass().getMethod("update", Path.class, Map.class)
        .invoke(archive, zip, Map.of("a.txt", "hi".getBytes()));
    assertThat(Files.exists(zip)).isTrue();
    Object cmd = service(null, "(osgi.command.function=archive)");
    String listing = (String) cmd.getClass().getMethod("archive", String.class)
        .invoke(cmd, zip.toString());
    assertThat(listing).contains("1 entry, 2 bytes").contains("  a.txt\n");

    Bundle kilnArchive = null;
    for (Bundle b : ctx.getBundles()) {
      if ("kiln.archive".equals(b.getSymbolicName())) {
        kilnArchive = b;
      }
    }
    assertThat(kilnArchive.getHeaders().get("Import-Package")).doesNotContain("kiln.evaluate");
    Bundle kilnEvaluate = null;
    for (Bundle b : ctx.getBundles()) {
      if ("kiln.evaluate".equals(b.getSymbolicName())) {
        kilnEvaluate = b;
      }
    }
    byte[] png = (byte[]) kilnEvaluate.loadClass("kiln.evaluate.plot.TrainingHistoryPlot")
        .getMethod("render", String.class, Map.class, int.class)
        .invoke(null, "osgi", Map.of("loss", List.of(1.0, 0.5)), 0);
    assertThat(ImageIO.read(new java.io.ByteArrayInputStream(png)).getWidth()).isEqualTo(800);
    archive.getClass().getMethod("update", Path.class, Map.class)
        .invoke(archive, zip, Map.of("train/training-history.png", png));
    assertThat(listing).isNotNull();
  }
}
