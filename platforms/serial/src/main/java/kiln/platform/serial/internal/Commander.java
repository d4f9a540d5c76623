package kiln.platform.serial.internal;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kiln.api.KilnException;

/**
 * Silicon Labs' Simplicity Commander ({@code commander}) as MLTK calls it: the model goes to the
 * end of flash as MLTK's firmware looks for it ({@code mltk_tflite_micro_model_helper.cc}: the
 * .tflite, then its length as a little-endian u32 in the last 4 bytes of flash), then the board is
 * reset.
 */
final class Commander {
  /** EFR32 Series 2 main flash starts here. */
  static final long FLASH_BASE = 0x08000000L;
  private static final Pattern FLASH_SIZE = Pattern.compile("(?m)^\\s*Flash Size\\s*:\\s*(\\d+)\\s*kB");
  private static final long TIMEOUT_SECONDS = 120;
  private final Path executable;

  Commander(Path executable) {
    this.executable = executable;
  }

  /** {@code commander} on {@code path} (the PATH variable's value), if there. */
  static Optional<Commander> find(String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      for (String name : List.of("commander", "commander.exe")) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return Optional.of(new Commander(p));
        }
      }
    }
    return Optional.empty();
  }

  static Optional<Commander> onPath() {
    return find(System.getenv("PATH"));
  }

  /** The model image MLTK's firmware finds: the .tflite followed by its length (u32 LE). */
  static byte[] image(byte[] tflite) {
    ByteBuffer b = ByteBuffer.allocate(tflite.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.put(tflite).putInt(tflite.length);
    return b.array();
  }

  /** Where the image goes: it ends at the end of flash. */
  static long address(long flashBytes, int imageBytes) {
    return FLASH_BASE + flashBytes - imageBytes;
  }

  /** Writes the model to the end of flash and resets the board. */
  void program(byte[] tflite) {
    String info = run(List.of("device", "info"));
    Matcher m = FLASH_SIZE.matcher(info);
    if (!m.find()) {
      throw new KilnException("commander device info: no 'Flash Size : N kB' line in its output"
          + " (is a board connected?): " + info.strip());
    }
    long flash = Long.parseLong(m.group(1)) * 1024;
    byte[] image = image(tflite);
    if (image.length > flash) {
      throw new KilnException("model of " + tflite.length + " bytes does not fit the board's "
          + flash + " bytes of flash");
    }
    Path tmp;
    try {
      tmp = Files.createTempFile("kiln-model", ".bin");
      Files.write(tmp, image);
    } catch (IOException e) {
      throw new KilnException("cannot write the model image for commander: " + e.getMessage(), e);
    }
    try {
      run(List.of("flash", "--force", "--binary", "--address",
          String.format("%08X", address(flash, image.length)), tmp.toString()));
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // a temporary file left behind is harmless
      }
    }
    reset();
  }

  void reset() {
    run(List.of("device", "reset"));
  }

  private String run(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(executable.toString());
    cmd.addAll(args);
    Path log = null;
    try {
      // output to a file, so a commander that hangs cannot block a reader: waitFor bounds it
      log = Files.createTempFile("kiln-commander", ".log");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
          .start();
      p.getOutputStream().close();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new KilnException(String.join(" ", cmd) + ": no exit within " + TIMEOUT_SECONDS + " s");
      }
      String text = Files.readString(log, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new KilnException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): "
            + text.strip());
      }
      return text;
    } catch (IOException e) {
      throw new KilnException("cannot run " + executable + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KilnException("interrupted while running " + executable, e);
    } finally {
      if (log != null) {
        try {
          Files.deleteIfExists(log);
        } catch (IOException ignored) {
          // a temporary file left behind is harmless
        }
      }
    }
  }
}
