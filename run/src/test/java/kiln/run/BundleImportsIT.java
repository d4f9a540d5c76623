package kiln.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The platform rule, read from the manifests of the bundles inside the exported kiln.jar: the step
 * bundles (trainer, quantizer, interpreter, evaluators, archive, accelerators, board connector) import no Kiln package
 * but kiln.api*, so each one can be replaced by another bundle that implements the same services.
 */
class BundleImportsIT {
  /** Bundle jar name prefix in kiln.jar -> the step it implements. */
  static final Map<String, String> STEPS = Map.of(
      "tensorflow-", "trainer",
      "quantize-", "quantizer",
      "micro-", "interpreter",
      "evaluate-", "evaluators",
      "archive-", "model archive",
      "cortex-m-", "accelerator",
      "mvp-", "accelerator",
      "serial-", "board connector");

  @Test
  void stepBundlesImportOnlyKilnApiPackages() throws Exception {
    Map<String, List<String>> imports = foreignImportsOfKilnBundles();
    for (Map.Entry<String, String> step : STEPS.entrySet()) {
      String bundle = imports.keySet().stream().filter(n -> n.startsWith(step.getKey())).findFirst()
          .orElseThrow(() -> new AssertionError("kiln.jar holds no " + step.getKey() + "*.jar"));
      assertThat(imports.get(bundle))
          .as("Kiln packages %s (the %s) imports from other bundles", bundle, step.getValue())
          .allMatch(p -> p.equals("kiln.api") || p.startsWith("kiln.api."));
    }
  }

  @Test
  void noBundleImportsAnotherBundlesInternalPackage() throws Exception {
    foreignImportsOfKilnBundles().forEach((bundle, packages) ->
        assertThat(packages).as("imports of %s", bundle).noneMatch(p -> p.contains(".internal")));
  }

  /**
   * The Kiln packages each Kiln bundle in kiln.jar imports, less those it exports itself (bnd lets a
   * bundle import its own exports, so the framework may share one copy; that is no dependency).
   */
  static Map<String, List<String>> foreignImportsOfKilnBundles() throws Exception {
    Map<String, List<String>> out = new TreeMap<>();
    manifestsOfKilnBundles().forEach((bundle, m) -> {
      List<String> imported = kilnPackages(m.getValue("Import-Package"));
      imported.removeAll(kilnPackages(m.getValue("Export-Package")));
      out.put(bundle, imported);
    });
    return out;
  }

  /** The main manifest attributes of every Kiln bundle in kiln.jar, by jar name. */
  static Map<String, java.util.jar.Attributes> manifestsOfKilnBundles() throws Exception {
    Path jar = Paths.get(System.getProperty("kiln.jar", "target/kiln.jar"));
    Map<String, java.util.jar.Attributes> out = new TreeMap<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        if (!e.getName().startsWith("jar/") || !e.getName().endsWith("-0.1.0-SNAPSHOT.jar")) {
          continue;
        }
        try (InputStream in = zip.getInputStream(e);
            JarInputStream bundle = new JarInputStream(new ByteArrayInputStream(in.readAllBytes()))) {
          java.util.jar.Manifest m = bundle.getManifest();
          out.put(e.getName().substring("jar/".length()),
              m == null ? new java.util.jar.Attributes() : m.getMainAttributes());
        }
      }
    }
    assertThat(out).as("Kiln bundles in " + jar).isNotEmpty();
    return out;
  }

  /** The kiln.* package names of an Import-Package header (attributes and quoted ranges skipped). */
  static List<String> kilnPackages(String header) {
    List<String> out = new ArrayList<>();
    if (header == null) {
      return out;
    }
    // clauses are comma-separated, but version ranges in quotes hold commas too
    StringBuilder clause = new StringBuilder();
    boolean quoted = false;
    for (char c : (header + ",").toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == ',' && !quoted) {
        String name = clause.toString().split(";")[0].strip();
        if (name.startsWith("kiln.")) {
          out.add(name);
        }
        clause.setLength(0);
      } else {
        clause.append(c);
      }
    }
    return out;
  }
}
