package kiln.emulator;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/** The emulator serving one end of a pty pair on a thread of the test's JVM. */
public final class RunningEmulator implements AutoCloseable {
  final EmulatedBoard board;
  final ProtocolServer server;
  private final InputStream in;
  private final OutputStream out;
  private final Thread thread;
  public volatile Throwable failure;

  private RunningEmulator(EmulatedBoard board, InputStream in, OutputStream out, boolean mltk,
      String modelName) {
    this.board = board;
    this.in = in;
    this.out = out;
    this.server = new ProtocolServer(board, in, out);
    this.thread = new Thread(() -> {
      try {
        if (mltk) {
          Main.serveMltk(board, modelName, in, out);
        } else {
          server.serve();
        }
      } catch (IOException e) {
        // the pty went away (socat stopped): the board is unplugged
      } catch (Throwable t) {
        failure = t;
      } finally {
        closeQuietly();
      }
    }, "kiln-board-emulator");
    thread.setDaemon(true);
  }

  public static RunningEmulator kiln(Path device, String accelerator) throws IOException {
    RunningEmulator e = new RunningEmulator(new EmulatedBoard(accelerator),
        new FileInputStream(device.toFile()), new FileOutputStream(device.toFile()), false, "");
    e.thread.start();
    return e;
  }

  /**
   * Kiln's protocol, with {@code wav} as the board's microphone for STREAM ({@code fast}: as fast
   * as the model runs) and {@code model} already loaded, or none when null.
   */
  public static RunningEmulator streaming(Path device, byte[] model, Path wav, boolean fast)
      throws IOException {
    EmulatedBoard b = new EmulatedBoard("mvp");
    if (model != null) {
      b.load(model, false);
    }
    RunningEmulator e = new RunningEmulator(b, new FileInputStream(device.toFile()),
        new FileOutputStream(device.toFile()), false, "");
    e.server.streamFrom(wav, fast);
    e.thread.start();
    return e;
  }

  /** Kiln's protocol, with the images of {@code dir} as the board's camera for STREAM. */
  public static RunningEmulator streamingImages(Path device, Path dir) throws IOException {
    RunningEmulator e = new RunningEmulator(new EmulatedBoard("mvp"), new FileInputStream(device.toFile()),
        new FileOutputStream(device.toFile()), false, "");
    e.server.streamImagesFrom(dir, true);
    e.thread.start();
    return e;
  }

  public static RunningEmulator mltk(Path device, String accelerator, byte[] model, String name)
      throws IOException {
    EmulatedBoard b = new EmulatedBoard(accelerator);
    b.load(model, true);
    RunningEmulator e = new RunningEmulator(b, new FileInputStream(device.toFile()),
        new FileOutputStream(device.toFile()), true, name);
    e.thread.start();
    return e;
  }

  /** Whether the serving thread has ended (after a DISCONNECT fault, or the pty closing). */
  public boolean stopped(long waitMillis) throws InterruptedException {
    thread.join(waitMillis);
    return !thread.isAlive();
  }

  private void closeQuietly() {
    try {
      in.close();
    } catch (IOException ignored) {
      // closing a pty that is gone
    }
    try {
      out.close();
    } catch (IOException ignored) {
      // closing a pty that is gone
    }
  }

  /** Call after the socat pair is closed: the read on the pty then ends. */
  @Override
  public void close() throws InterruptedException {
    thread.join(2000);
  }
}
