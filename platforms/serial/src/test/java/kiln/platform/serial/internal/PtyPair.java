package kiln.platform.serial.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A socat pseudo-terminal pair for the connector's own tests (the emulator's tests have their
 * own): {@code host} for jSerialComm, {@code board} for the test. Skips, saying why, without socat.
 */
final class PtyPair implements AutoCloseable {
  final Path host;
  final Path board;
  private final Process process;

  PtyPair(Path dir) throws IOException, InterruptedException {
    Path socat = Path.of("/usr/bin/socat");
    assumeTrue(Files.isExecutable(socat), "socat is not installed (apt-get install socat): serial tests skipped");
    host = dir.resolve("host");
    board = dir.resolve("board");
    process = new ProcessBuilder(socat.toString(), "pty,raw,echo=0,link=" + host,
        "pty,raw,echo=0,link=" + board).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!(Files.exists(host) && Files.exists(board))) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        process.destroyForcibly();
        throw new IOException("socat made no pty pair within 5 s");
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor(2, TimeUnit.SECONDS);
  }
}
