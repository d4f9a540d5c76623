package kiln.quantize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
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
 * The built kiln.quantize in a real framework (Felix 7 + SCR) with kiln.api and an interpreter
 * bundle only: it resolves (it imports no other Kiln bundle) and the ptq-int8 Quantizer registers. The bundles' classes are not the test's, so services are checked by name.
 */
class QuantizeInOsgiIT {
  static Framework framework;
  static BundleContext ctx;
  static List<Bundle> bundles = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> cfg = new HashMap<>();
    cfg.put(Constants.FRAMEWORK_STORAGE, System.getProperty("kiln.it.storage"));
    cfg.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(cfg);
    framework.start();
    ctx = framework.getBundleContext();
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

  static ServiceReference<?>[] all(String type, String filter) throws Exception {
    for (int i = 0; i < 50; i++) {
      ServiceReference<?>[] r = ctx.getAllServiceReferences(type, filter);
      if (r != null) {
        return r;
      }
      Thread.sleep(100);
    }
    return new ServiceReference<?>[0];
  }

  @Test
  void bundleIsActiveAndItsServicesRegister() throws Exception {
    Bundle q = bundles.stream().filter(b -> "kiln.quantize".equals(b.getSymbolicName())).findFirst().orElseThrow();
    assertThat(q.getState()).isEqualTo(Bundle.ACTIVE);
    assertThat(all("kiln.api.model.Quantizer", "(kiln.name=ptq-int8)")).hasSize(1);
    assertThat(q.getHeaders().get("Import-Package")).doesNotContain("kiln.tflite", "kiln.micro",
        "kiln.spec", "kiln.archive", "kiln.evaluate");
  }
}
