package kiln.api.platform;

import java.util.List;
import java.util.function.Consumer;
import kiln.api.KilnException;
import kiln.api.Described;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Finds boards, loads a model onto one, runs and profiles it. Registered with {@code kiln.name}
 * ({@code serial}). Every call that talks to a board returns or fails within the request's
 * timeout per answer (times its retries) and leaves the port closed.
 *
 * <p>A connector needs only {@link #discover} and {@link #run(String, byte[], byte[])}; the
 * other calls default to a {@link KilnException} saying the connector cannot do them.
 */
@ConsumerType
public interface BoardConnector extends Described {
  /** The ports attached now, each marked whether this connector recognises a board there. */
  List<BoardInfo> discover();

  /**
   * Loads {@code model} onto the board at {@code port}, runs it on {@code input} and returns the raw
   * output bytes of output 0.
   *
   * @throws kiln.api.KilnException naming the port when the board does not answer as expected
   */
  byte[] run(String port, byte[] model, byte[] input);

  /** As {@link #run(String, byte[], byte[])}, with the request's rate, timeout and retries. */
  default byte[] run(BoardRequest request, byte[] model, byte[] input) {
    return run(request.port(), model, input);
  }

  /**
   * Runs {@code model} once on the board and returns what it measured.
   *
   * @throws kiln.api.KilnException naming the port when the board does not answer as expected
   */
  default DeviceProfile profile(BoardRequest request, byte[] model) {
    throw new KilnException("board connector " + description() + " cannot profile on a board");
  }

  /** Writes {@code model} to the board so that it keeps running it (after a reset too). */
  default void write(BoardRequest request, byte[] model) {
    throw new KilnException("board connector " + description() + " cannot write a model to a board");
  }

  /**
   * Has the board classify what it hears or sees and hands each event it streams to {@code events},
   * on the calling thread, as it arrives (MLTK's {@code classify_audio --device}). Returns after
   * {@code maxEvents} events, when the board ends the stream (its input is over), or when the
   * calling thread is interrupted; the board is told to stop on every path and the port is closed.
   *
   * @param model loaded onto the board first; null streams with the model the board has
   * @param maxEvents stop after this many events; 0 for no limit
   * @throws kiln.api.KilnException naming the port when the board does not answer, or sends nothing
   *     (no event, no sign of life) for longer than the request's timeout
   */
  default void stream(BoardRequest request, byte[] model, int maxEvents, Consumer<BoardEvent> events) {
    throw new KilnException("board connector " + description() + " cannot stream classification events");
  }

  /**
   * Reads a log a board printed (MLTK's model_profiler format) into measured figures, for logs
   * saved by hand, in CI or with a bug report.
   *
   * @param source what to call the log in messages (its file name)
   * @throws kiln.api.KilnException naming {@code source} when the log reports a failure or holds
   *     no profile
   */
  default DeviceProfile parseLog(String log, String source) {
    throw new KilnException("board connector " + description() + " cannot read board logs");
  }
}
