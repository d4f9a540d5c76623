package kiln.util.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The dataset content hash computed by coreutils instead of Kiln: {@code sha256sum} over every file
 * (Kiln's {@code .kiln-*} files at the top left out), sorted by name in byte order, then {@code
 * sha256sum} of that manifest. Tests are skipped where the tools are missing.
 */
public final class Sha256sumTree {
  static final String PIPELINE = "cd \"$1\" && find . -type f ! -path './.kiln-*' -printf '%P\\0'"
      + " | LC_ALL=C sort -z | xargs -0 -r sha256sum | sha256sum";

  private Sha256sumTree() {}

  public static String of(Path dir) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder("bash", "-c", PIPELINE, "sha256sum-tree", dir.toString())
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "bash is not available: " + e.getMessage());
      throw e;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0,
        "find/sort/sha256sum failed: " + out);
    return out.substring(0, 64);
  }
}
