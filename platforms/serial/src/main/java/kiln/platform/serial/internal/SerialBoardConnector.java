package kiln.platform.serial.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import kiln.api.KilnException;
import kiln.api.ServiceNames;
import kiln.api.platform.BoardConnector;
import kiln.api.platform.BoardEvent;
import kiln.api.platform.BoardInfo;
import kiln.api.platform.BoardRequest;
import kiln.api.platform.DeviceProfile;
import kiln.platform.serial.mltk.MltkLogParser;
import kiln.platform.serial.protocol.Hello;
import kiln.platform.serial.protocol.ProfileData;
import org.osgi.service.component.annotations.Component;

/**
 * Board connector {@code serial}: boards on a serial port (jSerialComm). A board that answers
 * Kiln's HELLO speaks Kiln's protocol (upload, run, profile over the line); any other board is
 * taken for MLTK's model_profiler firmware, whose log is read (after programming the model with
 * Simplicity Commander, when asked to). Every call opens the port, and closes it on every path.
 */
@Component(
    property = {
      ServiceNames.NAME + "=serial",
      ServiceNames.DESCRIPTION + "=" + SerialBoardConnector.DESCRIPTION
    })
public class SerialBoardConnector implements BoardConnector {
  static final String DESCRIPTION = "boards on a serial port (jSerialComm): Kiln's board protocol,"
      + " or MLTK's model_profiler log (programmed with Simplicity Commander)";

  /** Finds Simplicity Commander; tests give their own. */
  Supplier<Optional<Commander>> commander = Commander::onPath;

  @Override
  public String description() {
    return DESCRIPTION;
  }

  @Override
  public List<BoardInfo> discover() {
    return Ports.discover();
  }

  @Override
  public byte[] run(String port, byte[] model, byte[] input) {
    return run(BoardRequest.of(port), model, input);
  }

  @Override
  public byte[] run(BoardRequest request, byte[] model, byte[] input) {
    try (Link link = open(request)) {
      KilnClient client = kilnBoard(link, request, "run a model");
      client.upload(model, false);
      List<byte[]> outputs = client.run(List.of(input));
      if (outputs.isEmpty()) {
        throw new KilnException("board on " + link.name() + " returned no output tensor");
      }
      return outputs.get(0);
    }
  }

  @Override
  public void stream(BoardRequest request, byte[] model, int maxEvents, Consumer<BoardEvent> events) {
    try (Link link = open(request)) {
      KilnClient client = kilnBoard(link, request, "stream classification events");
      if (model != null) {
        client.upload(model, false);
      }
      client.stream(maxEvents, events);
    }
  }

  @Override
  public DeviceProfile profile(BoardRequest request, byte[] model) {
    try (Link link = open(request)) {
      KilnClient client = new KilnClient(link, request.timeoutMillis(), request.retries());
      Hello hello = client.probe();
      if (hello != null) {
        client.upload(model, false);
        return fromProtocol(hello, client.profile());
      }
      // not Kiln's protocol: MLTK's model_profiler, which prints its log after a reset
      byte[] before = client.rawReceived();
      if (request.program()) {
        Commander c = commander.get().orElseThrow(() -> new KilnException("board on "
            + link.name() + " does not speak Kiln's protocol, so the model must be programmed"
            + " into its flash with Silicon Labs' Simplicity Commander, which is not on the PATH;"
            + " install it, or program the board by other means and pass --no-program"));
        c.program(model);
        before = new byte[0];
      }
      String log = MltkLogReader.read(link, before, request.timeoutMillis());
      return MltkLogParser.parse(log, "from " + link.name());
    }
  }

  @Override
  public void write(BoardRequest request, byte[] model) {
    try (Link link = open(request)) {
      KilnClient client = new KilnClient(link, request.timeoutMillis(), request.retries());
      if (client.probe() != null) {
        client.upload(model, true);
        return;
      }
      Commander c = commander.get().orElseThrow(() -> new KilnException("board on " + link.name()
          + " does not speak Kiln's protocol and Simplicity Commander (commander) is not on the"
          + " PATH to program its flash"));
      c.program(model);
    }
  }

  @Override
  public DeviceProfile parseLog(String log, String source) {
    return MltkLogParser.parse(log, source);
  }

  private static Link open(BoardRequest request) {
    if (request.baudRate() <= 0) {
      throw new KilnException("--baud: expected a positive rate, found " + request.baudRate());
    }
    if (request.timeoutMillis() <= 0) {
      throw new KilnException("--timeout: expected a positive number of milliseconds, found "
          + request.timeoutMillis());
    }
    return SerialLink.open(Ports.resolve(request.port()), request.baudRate(), request.timeoutMillis());
  }

  private static KilnClient kilnBoard(Link link, BoardRequest request, String what) {
    KilnClient client = new KilnClient(link, request.timeoutMillis(), request.retries());
    try {
      client.hello();
    } catch (KilnException e) {
      throw new KilnException(e.getMessage() + "; to " + what + " the board needs firmware that"
          + " speaks Kiln's board protocol (docs/board-protocol.md)", e);
    }
    return client;
  }

  static DeviceProfile fromProtocol(Hello hello, ProfileData data) {
    List<DeviceProfile.Layer> layers = data.ops().stream()
        .map(o -> new DeviceProfile.Layer(o.index(), o.opcode(), o.ops(), o.macs(), o.cpuCycles(),
            o.acceleratorCycles(), o.timeMicros() / 1e6, o.unsupportedReason()))
        .toList();
    long clock = data.clockHz() > 0 ? data.clockHz() : hello.clockHz();
    return new DeviceProfile(hello.board() + " (" + hello.mcu() + ", firmware " + hello.firmware()
        + ")", "kiln-protocol", hello.emulated(), hello.accelerator().toLowerCase(java.util.Locale.ROOT), clock,
        data.arenaBytes(), layers);
  }
}
