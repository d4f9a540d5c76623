package kiln.platform.serial.internal;

import com.fazecast.jSerialComm.SerialPort;
import java.nio.file.Files;
import java.nio.file.Path;
import kiln.api.KilnException;

/** A jSerialComm port opened 8N1 at a baud rate, read with timeouts. */
final class SerialLink implements Link {
  private static final int EACCES = 13;
  private static final int EBUSY = 16;
  private final SerialPort port;
  private final String name;
  private final int writeTimeoutMillis;
  private int readTimeoutSet = -1;

  private SerialLink(SerialPort port, String name, int writeTimeoutMillis) {
    this.port = port;
    this.name = name;
    this.writeTimeoutMillis = writeTimeoutMillis;
  }

  /** Opens {@code name} (a system name or a path); fails with a message naming the port and why. */
  static SerialLink open(String name, int baud, long timeoutMillis) {
    SerialPort port;
    try {
      port = SerialPort.getCommPort(name);
    } catch (RuntimeException e) {
      throw new KilnException("serial port " + name + ": no such port (" + e.getMessage() + ")", e);
    } catch (LinkageError e) {
      throw new KilnException("serial port " + name + ": jSerialComm cannot load its native library"
          + " on this system (" + System.getProperty("os.name") + ", " + System.getProperty("os.arch")
          + "): " + e, e);
    }
    port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    int wt = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutMillis));
    port.setComPortTimeouts(
        SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, wt, wt);
    if (!port.openPort()) {
      throw new KilnException(openFailure(name, port.getLastErrorCode()));
    }
    return new SerialLink(port, name, wt);
  }

  private static String openFailure(String name, int errno) {
    Path p = Path.of(name);
    if (name.startsWith("/") && !Files.exists(p)) {
      return "serial port " + name + ": no such port (is the board plugged in? kiln:boards lists"
          + " the ports found)";
    }
    if (errno == EACCES || (Files.exists(p) && !(Files.isReadable(p) && Files.isWritable(p)))) {
      return "serial port " + name + ": permission denied (on Linux, add your user to the group"
          + " owning the port, usually dialout, and log in again)";
    }
    if (errno == EBUSY) {
      return "serial port " + name + ": in use by another program (close the other terminal or"
          + " tool holding it)";
    }
    return "serial port " + name + ": cannot open it (error " + errno + "; it may be in use by"
        + " another program or gone)";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int read(byte[] buf, long timeoutMillis) {
    int t = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutMillis));
    if (t != readTimeoutSet) {
      port.setComPortTimeouts(
          SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, t,
          writeTimeoutMillis);
      readTimeoutSet = t;
    }
    int n = port.readBytes(buf, buf.length);
    // a vanished device file is an unplugged board (a USB adapter's node, a pty's link), which
    // some systems report as a read timing out rather than failing
    if (n < 0 || (n == 0 && name.startsWith("/") && !Files.exists(Path.of(name)))) {
      throw new KilnException("serial port " + name + ": the board disconnected (the port closed"
          + " while reading)");
    }
    return n;
  }

  @Override
  public void write(byte[] data) {
    int done = 0;
    while (done < data.length) {
      int n = port.writeBytes(data, data.length - done, done);
      if (n <= 0) {
        throw new KilnException("serial port " + name + ": the board disconnected or stopped"
            + " reading (wrote " + done + " of " + data.length + " bytes)");
      }
      done += n;
    }
  }

  @Override
  public void close() {
    port.closePort();
  }
}
