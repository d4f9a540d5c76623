package kiln.platform.serial.internal;

import com.fazecast.jSerialComm.SerialPort;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import kiln.api.KilnException;
import kiln.api.platform.BoardInfo;

/** Serial port discovery, and choosing the port a request names. */
final class Ports {
  /** MLTK's default: the J-Link's virtual COM port on Silicon Labs' development kits. */
  static final String DEFAULT = "regex:JLink CDC UART Port";
  /** SEGGER, the J-Link debugger on Silicon Labs' kits. */
  static final int SEGGER_VENDOR_ID = 0x1366;
  private static final Pattern JLINK = Pattern.compile(".*JLink CDC UART.*", Pattern.CASE_INSENSITIVE);

  private Ports() {}

  static List<BoardInfo> discover() {
    List<BoardInfo> out = new ArrayList<>();
    SerialPort[] ports;
    try {
      ports = SerialPort.getCommPorts();
    } catch (LinkageError e) {
      throw new KilnException("serial ports: jSerialComm cannot load its native library on this"
          + " system (" + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + "): " + e, e);
    }
    for (SerialPort p : ports) {
      String description = description(p);
      int vid = p.getVendorID();
      int pid = p.getProductID();
      boolean claimed = vid == SEGGER_VENDOR_ID || JLINK.matcher(description).matches();
      out.add(new BoardInfo(p.getSystemPortPath(), description, vid, pid, claimed));
    }
    return out;
  }

  private static String description(SerialPort p) {
    String d = p.getPortDescription();
    String n = p.getDescriptivePortName();
    if (d == null || d.isBlank()) {
      return n == null ? "" : n;
    }
    return n == null || n.isBlank() || n.contains(d) ? d : d + " (" + n + ")";
  }

  /**
   * The port to open: {@code port} itself, or for {@code regex:PATTERN} (and for null, MLTK's
   * default pattern) the one discovered port whose description or name matches.
   */
  static String resolve(String port) {
    String p = port == null || port.isBlank() ? DEFAULT : port;
    if (!p.startsWith("regex:")) {
      return p;
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(".*(" + p.substring("regex:".length()) + ").*", Pattern.CASE_INSENSITIVE);
    } catch (PatternSyntaxException e) {
      throw new KilnException("--port " + p + ": not a valid regular expression: " + e.getDescription(), e);
    }
    List<BoardInfo> all = discover();
    List<BoardInfo> hits = all.stream()
        .filter(b -> pattern.matcher(b.description()).matches() || pattern.matcher(b.port()).matches())
        .toList();
    if (hits.size() == 1) {
      return hits.get(0).port();
    }
    String listing = all.isEmpty() ? "no serial ports are attached"
        : "ports: " + all.stream().map(b -> b.port() + " (" + b.description() + ")")
            .collect(Collectors.joining(", "));
    if (hits.isEmpty()) {
      throw new KilnException((port == null || port.isBlank() ? "no --port given and no" : "no")
          + " port matches " + p + "; " + listing + " (give --port NAME)");
    }
    throw new KilnException(hits.size() + " ports match " + p + ": "
        + hits.stream().map(BoardInfo::port).collect(Collectors.joining(", ")) + " (give --port NAME)");
  }
}
