package kiln.platform.serial.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import kiln.api.KilnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simplicity Commander stood in for by a shell script that records how it was called. */
class CommanderTest {
  @TempDir Path dir;

  private Path fakeCommander(String deviceInfo) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh: commander test skipped");
    Path script = dir.resolve("commander");
    Files.writeString(script, "#!/bin/sh\n"
        + "echo \"$@\" >> '" + dir.resolve("calls.txt") + "'\n"
        + "case \"$1 $2\" in\n"
        + "  'device info') printf '%s\\n' '" + deviceInfo + "' ;;\n"
        + "  'flash --force') cp \"$6\" '" + dir.resolve("image.bin") + "' ;;\n"
        + "esac\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  @Test
  void writesTheModelAndItsLengthToTheEndOfFlashThenResets() throws Exception {
    fakeCommander("Part Number    : EFR32MG24B210F1536IM48\nFlash Size     : 1536 kB");
    Commander c = Commander.find(dir.toString()).orElseThrow();
    byte[] model = new byte[100];
    for (int i = 0; i < model.length; i++) {
      model[i] = (byte) i;
    }
    c.program(model);
    // 1536 kB = 0x180000; the image is 100 + 4 bytes = 0x68; 0x08000000 + 0x180000 - 0x68
    assertThat(Files.readAllLines(dir.resolve("calls.txt"))).containsExactly(
        "device info",
        "flash --force --binary --address 0817FF98 " + lastTempFileIn(dir),
        "device reset");
    byte[] image = Files.readAllBytes(dir.resolve("image.bin"));
    assertThat(image).hasSize(104);
    assertThat(image).startsWith(model);
    // the length, little-endian, in the last 4 bytes of flash
    assertThat(java.util.Arrays.copyOfRange(image, 100, 104)).containsExactly(100, 0, 0, 0);
  }

  private static String lastTempFileIn(Path dir) throws Exception {
    // the temporary image is gone after programming; its path was recorded in calls.txt
    String flash = Files.readAllLines(dir.resolve("calls.txt")).get(1);
    return flash.substring(flash.lastIndexOf(' ') + 1);
  }

  @Test
  void noFlashSizeIsAClearError() throws Exception {
    fakeCommander("ERROR: no debug adapter found");
    Commander c = Commander.find(dir.toString()).orElseThrow();
    assertThatThrownBy(() -> c.program(new byte[8])).isInstanceOf(KilnException.class)
        .hasMessageContaining("Flash Size");
  }

  @Test
  void notOnThePath() {
    assertThat(Commander.find(dir.toString())).isEmpty();
  }
}
