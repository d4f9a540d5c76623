package kiln.emulator;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A pseudo-terminal pair made by socat: the host (Kiln's connector, through jSerialComm) opens
 * {@link #host}, the emulator {@link #board}. Tests skip, saying why, where socat is missing.
 */
public final class SocatPair implements AutoCloseable {
  public final Path host;
  public final Path board;
  private final Process process;

  private SocatPair(Path host, Path board, Process process) {
    this.host = host;
    this.board = board;
    this.process = process;
  }

  public static SocatPair start(Path dir) throws IOException, InterruptedException {
    assumeTrue(socat() != null, "socat is not installed (apt-get install socat): serial tests skipped");
    Path host = dir.resolve("host");
    Path board = dir.resolve("board");
    Process p = new ProcessBuilder(socat(), "pty,raw,echo=0,link=" + host,
        "pty,raw,echo=0,link=" + board).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!(Files.exists(host) && Files.exists(board))) {
      if (System.nanoTime() > deadline || !p.isAlive()) {
        p.destroyForcibly();
        throw new IOException("socat made no pty pair within 5 s");
      }
      Thread.sleep(10);
    }
    return new SocatPair(host, board, p);
  }

  private static String socat() {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path p = Path.of(d, "socat");
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(2, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
    }
  }
}
