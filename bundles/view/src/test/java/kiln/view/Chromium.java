package kiln.view;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium for the page tests. Nothing is installed here: without a {@code chromium} or
 * {@code chromium-browser} on the PATH the test is skipped, saying so ({@code .ci/run} installs
 * the Debian package when it runs as root).
 */
final class Chromium {
  private final Path binary;
  private final Path profile;

  private Chromium(Path binary, Path profile) {
    this.binary = binary;
    this.profile = profile;
  }

  /** The browser on the PATH, with a fresh profile folder under {@code tmp}; skips when there is none. */
  static Chromium find(Path tmp) throws IOException {
    Path binary = Browser.onPath("chromium");
    if (binary == null) {
      binary = Browser.onPath("chromium-browser");
    }
    assumeTrue(binary != null, "no chromium or chromium-browser on the PATH: the browser tests of"
        + " kiln:view are skipped (apt-get install chromium)");
    return new Chromium(binary, Files.createDirectories(tmp.resolve("chromium-profile")));
  }

  /** The DOM after the page's script ran, as Chromium serializes it. */
  String dumpDom(Path page, String fragment) throws Exception {
    List<String> args = args();
    args.add("--dump-dom");
    args.add(page.toUri() + (fragment.isEmpty() ? "" : "#" + fragment));
    return run(args, page.resolveSibling(page.getFileName() + ".dom.html"));
  }

  /** A PNG of the page in a window of that size. */
  void screenshot(Path page, String fragment, Path png, int width, int height) throws Exception {
    List<String> args = args();
    args.add("--screenshot=" + png.toAbsolutePath());
    args.add("--window-size=" + width + "," + height);
    args.add("--hide-scrollbars");
    args.add(page.toUri() + (fragment.isEmpty() ? "" : "#" + fragment));
    run(args, png.resolveSibling(png.getFileName() + ".log"));
  }

  private List<String> args() {
    return new ArrayList<>(List.of(binary.toString(), "--headless", "--disable-gpu", "--no-sandbox",
        "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
        "--disable-extensions", "--user-data-dir=" + profile.toAbsolutePath(),
        "--virtual-time-budget=5000"));
  }

  /** Runs the browser; its standard output is returned, its messages go to {@code log}. */
  private String run(List<String> args, Path out) throws Exception {
    Path log = out.resolveSibling(out.getFileName() + ".stderr");
    Process p = new ProcessBuilder(args).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s: " + args);
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("chromium exited with " + p.exitValue() + ": " + args + "\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
