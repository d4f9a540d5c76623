package kiln.tensorflow.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * The GPU natives fragment as bnd built it (target/classes, before packaging): it attaches to the
 * host bundle named in {@code bundles/tensorflow/bnd.bnd} and holds TensorFlow's three native
 * libraries in the folder javacpp looks in for the {@code -gpu} platform extension. It is never
 * started here (no GPU in CI); loading it is checked by hand (docs/training.md).
 */
class GpuFragmentTest {
  static final Path CLASSES = Paths.get("target/classes");

  static Attributes manifest() throws IOException {
    try (InputStream in = Files.newInputStream(CLASSES.resolve("META-INF/MANIFEST.MF"))) {
      return new Manifest(in).getMainAttributes();
    }
  }

  static String hostSymbolicName() throws IOException {
    for (String line : Files.readAllLines(Paths.get("../tensorflow/bnd.bnd"))) {
      if (line.startsWith("Bundle-SymbolicName:")) {
        return line.substring("Bundle-SymbolicName:".length()).trim();
      }
    }
    throw new AssertionError("no Bundle-SymbolicName in ../tensorflow/bnd.bnd");
  }

  @Test
  void isAFragmentOfTheTensorFlowBundle() throws IOException {
    Attributes m = manifest();
    assertThat(m.getValue("Bundle-SymbolicName")).isEqualTo("kiln.tensorflow-linux-x86_64-gpu");
    assertThat(hostSymbolicName()).isEqualTo("kiln.tensorflow");
    assertThat(m.getValue("Fragment-Host")).isEqualTo(hostSymbolicName());
    // a fragment that exported or imported packages would need resolving apart from its host
    assertThat(m.getValue("Export-Package")).isNull();
  }

  @Test
  void holdsTheGpuNativesWhereJavacppLooksForTheGpuExtension() {
    Path dir = CLASSES.resolve("org/tensorflow/internal/c_api/linux-x86_64-gpu");
    for (String lib : List.of("libjnitensorflow.so", "libtensorflow_cc.so.2", "libtensorflow_framework.so.2")) {
      assertThat(dir.resolve(lib)).isRegularFile();
    }
    // no CPU natives: the fragment replaces kiln.tensorflow-linux-x86_64, it does not repeat it
    assertThat(CLASSES.resolve("org/tensorflow/internal/c_api/linux-x86_64")).doesNotExist();
  }
}
