package kiln.emulator;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar board-emulator-VERSION-app.jar --port DEVICE [--protocol kiln|mltk] [--model FILE]
 * [--accelerator mvp|none] [--fault KIND[:COUNT[@AFTER]]] [--stream-wav FILE | --stream-images DIR] [--stream-fast]}: a board on a serial device (one end
 * of {@code socat -d -d pty,raw,echo=0,link=/tmp/kiln-host pty,raw,echo=0,link=/tmp/kiln-board};
 * give the second). In {@code kiln} mode it speaks Kiln's board protocol; in {@code mltk} mode it
 * behaves like MLTK's model_profiler firmware with {@code --model} in its flash: any byte it
 * receives counts as a press of the reset button, and it prints the profiler log. With
 * {@code --stream-wav} the recording is its microphone: STREAM classifies it with the loaded model
 * (at real time, or as fast as it runs with {@code --stream-fast}) and sends the detections; with
 * {@code --stream-images} the folder's images are its camera's frames.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws IOException {
    String port = null;
    String protocol = "kiln";
    String model = null;
    String accelerator = "mvp";
    List<String> faults = new ArrayList<>();
    String streamWav = null;
    String streamImages = null;
    boolean streamFast = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (a) {
        case "--port" -> port = need(a, v);
        case "--protocol" -> protocol = need(a, v);
        case "--model" -> model = need(a, v);
        case "--accelerator" -> accelerator = need(a, v);
        case "--fault" -> faults.add(need(a, v));
        case "--stream-wav" -> streamWav = need(a, v);
        case "--stream-images" -> streamImages = need(a, v);
        case "--stream-fast" -> {
          streamFast = true;
          continue; // a flag: no value to skip
        }
        case "-h", "--help" -> {
          System.out.println(usage());
          return;
        }
        default -> fail("unknown option " + a);
      }
      i++;
    }
    if (port == null) {
      fail("--port DEVICE is required");
    }
    if (streamWav != null && streamImages != null) {
      fail("--stream-wav and --stream-images: the board has one input, choose one");
    }
    EmulatedBoard board = new EmulatedBoard(accelerator);
    String modelName = "";
    if (model != null) {
      board.load(Files.readAllBytes(Path.of(model)), true);
      modelName = Path.of(model).getFileName().toString();
    }
    System.err.println("kiln board emulator on " + port + " (" + protocol + ", accelerator "
        + accelerator + ")");
    try (InputStream in = new FileInputStream(port); OutputStream out = new FileOutputStream(port)) {
      if (protocol.equals("mltk")) {
        if (!board.hasModel()) {
          fail("--protocol mltk needs --model FILE (the model in the board's flash)");
        }
        serveMltk(board, modelName, in, out);
      } else if (protocol.equals("kiln")) {
        ProtocolServer server = new ProtocolServer(board, in, out);
        if (streamWav != null) {
          server.streamFrom(Path.of(streamWav), streamFast);
        } else if (streamImages != null) {
          server.streamImagesFrom(Path.of(streamImages), streamFast);
        }
        for (String f : faults) {
          Fault.Injection inj = Fault.parse(f);
          server.inject(inj.fault(), inj.count(), inj.after());
        }
        server.serve();
      } else {
        fail("--protocol: expected kiln or mltk, found " + protocol);
      }
    }
  }

  /** MLTK mode: every burst of received bytes is a reset, answered with the profiler log. */
  static void serveMltk(EmulatedBoard board, String modelName, InputStream in, OutputStream out)
      throws IOException {
    byte[] buf = new byte[1024];
    while (in.read(buf) >= 0) {
      out.write(MltkLogPrinter.log(board, modelName, board.profile()).getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
  }

  private static String need(String option, String value) {
    if (value == null) {
      fail(option + " needs a value");
    }
    return value;
  }

  private static void fail(String message) {
    System.err.println("kiln-board-emulator: " + message + "\n" + usage());
    System.exit(2);
  }

  private static String usage() {
    return "usage: java -jar board-emulator-VERSION-app.jar --port DEVICE [--protocol kiln|mltk]"
        + " [--model FILE] [--accelerator mvp|none] [--fault drop|crc|stall|garbage|disconnect[:COUNT[@AFTER]]]"
        + " [--stream-wav FILE | --stream-images DIR] [--stream-fast]";
  }
}
