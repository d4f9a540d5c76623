package kiln.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import kiln.audio.WavReader;
import kiln.audio.WavWriter;
import kiln.audio.frontend.FrontendPresets;
import kiln.tflite.ModelParameters;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product path to a board: the exported kiln.jar, run as ./kiln runs it, talks through
 * jSerialComm to the board emulator's jar on the other end of a socat pseudo-terminal pair.
 */
class BoardsIT {
  @TempDir Path home;
  Process socat;
  Process emulator;
  Path host;

  record Result(int exit, String out, String err) {}

  @BeforeEach
  void board() throws Exception {
    Path socatBin = Path.of("/usr/bin/socat");
    assumeTrue(Files.isExecutable(socatBin), "socat is not installed (apt-get install socat): board tests skipped");
    assertThat(Paths.get(System.getProperty("kiln.boardEmulator", "target/board-emulator.jar")))
        .as("the board emulator jar").exists();
    host = home.resolve("host");
    Path board = home.resolve("board");
    socat = new ProcessBuilder(socatBin.toString(), "pty,raw,echo=0,link=" + host,
        "pty,raw,echo=0,link=" + board).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!(Files.exists(host) && Files.exists(board))) {
      assertThat(System.nanoTime()).as("socat's pty pair").isLessThan(deadline);
      Thread.sleep(10);
    }
    startEmulator();
  }

  /** The emulator's jar on the board's end of the pair, with {@code options} beside the usual. */
  private void startEmulator(String... options) throws IOException {
    Path emulatorJar = Paths.get(System.getProperty("kiln.boardEmulator", "target/board-emulator.jar"));
    List<String> cmd = new ArrayList<>(List.of(java(), "-jar", emulatorJar.toString(), "--port",
        home.resolve("board").toString(), "--accelerator", "mvp"));
    cmd.addAll(List.of(options));
    emulator = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(home.resolve("emulator.log").toFile()).start();
  }

  @AfterEach
  void unplug() throws Exception {
    for (Process p : new Process[] {emulator, socat}) {
      if (p != null) {
        p.destroy();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  private Path fixture(String path) {
    String dir = System.getProperty("kiln.fixtures", "../../shared/fixtures");
    Path p = Paths.get(dir, path);
    assumeTrue(Files.isRegularFile(p), "fixture not found at " + p);
    return p;
  }

  @Test
  void profileOnTheEmulatedBoardIsMarkedEmulatedWithTheEstimateBeside() throws Exception {
    Result r = kiln("profile", fixture("mltk/tflite_micro_speech.tflite").toString(), "--device",
        "--port", host.toString(), "--accelerator", "mvp", "--timeout", "3000");
    assertThat(r.exit).as(r.toString()).isZero();
    assertThat(r.out).startsWith("Profiling Summary (measured; emulated: the board emulator's cycle"
        + " model, not a chip)")
        .contains("Board: Kiln board emulator")
        .contains("Model Layers (measured | estimate | estimate error)")
        .contains("conv_2d").contains("fully_connected")
        .contains("Profiling Summary (estimated cycles, time and RAM)");
  }

  @Test
  void inferOnTheEmulatedBoardGivesTheTflmTestOutput() throws Exception {
    Result r = kiln("infer", "--device", "--port", host.toString(), "--timeout", "3000",
        fixture("tflm/micro_speech_quantized.tflite").toString(),
        fixture("tflm/yes_micro_features_int8.bin").toString());
    assertThat(r.exit).as(r.toString()).isZero();
    assertThat(r.out).contains("[0] -128 (0.000000)").contains("[1] -128 (0.000000)")
        .contains("[2] 127 (0.996094)").contains("[3] -128 (0.000000)");
  }

  /**
   * classify_audio --device: the emulator listens to TensorFlow Lite Micro's recordings spliced into
   * one stream (yes, silence, no, noise) with micro_speech and streams its detections; they are the
   * detections classify_audio prints on the host for the same file.
   */
  @Test
  void classifyAudioOnTheEmulatedBoardDetectsWhatTheHostDetects() throws Exception {
    TfliteModel m = TfliteModel.read(fixture("tflm/micro_speech_quantized.tflite"));
    ModelParameters p = m.parameters();
    p.put("classes", List.of("_silence_", "_unknown_", "yes", "no"));
    FrontendPresets.microSpeech().toParameters().forEach(p::put);
    m.setParameters(p);
    Path model = home.resolve("micro_speech.tflite");
    Files.write(model, m.toBytes());
    List<short[]> parts = new ArrayList<>();
    for (String clip : new String[] {"yes", "silence", "no", "noise"}) {
      parts.add(WavReader.readPcm16(fixture("tflm/" + clip + "_1000ms.wav"), 16000));
    }
    short[] all = new short[parts.stream().mapToInt(x -> x.length).sum()];
    int at = 0;
    for (short[] x : parts) {
      System.arraycopy(x, 0, all, at, x.length);
      at += x.length;
    }
    Path wav = home.resolve("yes-silence-no-noise.wav");
    WavWriter.write(wav, all, 16000);
    emulator.destroy();
    emulator.waitFor(5, TimeUnit.SECONDS);
    startEmulator("--stream-wav", wav.toString(), "--stream-fast");

    Result board = kiln("classify_audio", model.toString(), "--device", "--port", host.toString(),
        "--timeout", "3000");
    Result here = kiln("classify_audio", model.toString(), "--file", wav.toString(), "--fast");
    assertThat(board.exit).as(board.toString()).isZero();
    assertThat(here.exit).as(here.toString()).isZero();
    List<String> onHost = here.out.lines().filter(l -> l.startsWith("detected ")).toList();
    assertThat(onHost).containsExactly("detected yes at 1300 ms (score 195 of 255)",
        "detected no at 3500 ms (score 189 of 255)");
    assertThat(board.out.lines().filter(l -> l.startsWith("detected ")).toList())
        .containsExactlyElementsOf(onHost.stream().map(l -> l + " on the board").toList());
    assertThat(board.out).contains("2 detections from the board");

    // --count stops the stream; the port is free for the next command at once
    Result one = kiln("classify_audio", model.toString(), "--device", "--port", host.toString(),
        "--timeout", "3000", "--count", "1", "--threshold", "190");
    assertThat(one.exit).as(one.toString()).isZero();
    assertThat(one.out).contains("parameters {detection_threshold=190}")
        .contains("detected yes at 1300 ms (score 195 of 255) on the board")
        .contains("1 detection from the board").doesNotContain("detected no");
  }

  /**
   * classify_image --device: the emulator's camera (a folder of images) with MLTK's image_example1;
   * each frame's class is the one classify_image --dir gives on the host for that file, and its
   * score (uint8: int8 output + 128) is the host's probability x 256 (the output's scale 1/256,
   * zero point -128).
   */
  @Test
  void classifyImageOnTheEmulatedBoardSeesWhatTheHostSees() throws Exception {
    Path frames = Files.createDirectories(home.resolve("frames"));
    for (int i = 0; i < 3; i++) {
      BufferedImage img = new BufferedImage(96, 96, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < 96; y++) {
        for (int x = 0; x < 96; x++) {
          img.getRaster().setPixel(x, y, new int[] {(x * (i + 1) * 7 + y * 3 * i) & 0xff});
        }
      }
      assertThat(ImageIO.write(img, "png", frames.resolve("f" + i + ".png").toFile())).isTrue();
    }
    emulator.destroy();
    emulator.waitFor(5, TimeUnit.SECONDS);
    startEmulator("--stream-images", frames.toString(), "--stream-fast");
    String model = fixture("mltk/image_example1.tflite").toString();

    Result board = kiln("classify_image", model, "--device", "--port", host.toString(), "--timeout", "3000");
    Result here = kiln("classify_image", model, "--dir", frames.toString());
    assertThat(board.exit).as(board.toString()).isZero();
    assertThat(here.exit).as(here.toString()).isZero();
    List<String> onHost = here.out.lines().filter(l -> l.matches("f\\d\\.png: .*")).toList();
    List<String> onBoard = board.out.lines().filter(l -> l.startsWith("detected ")).toList();
    assertThat(onHost).hasSize(3);
    assertThat(onBoard).hasSize(3);
    for (int i = 0; i < 3; i++) {
      String[] h = onHost.get(i).split(" "); // f0.png: CLASS 0.996
      java.util.regex.Matcher b = java.util.regex.Pattern
          .compile("detected (\\S+) at (\\d+) ms \\(score (\\d+) of 255\\) on the board").matcher(onBoard.get(i));
      assertThat(b.matches()).as(onBoard.get(i)).isTrue();
      assertThat(b.group(1)).isEqualTo(h[1]);
      assertThat(b.group(2)).isEqualTo(String.valueOf(100 * (i + 1)));
      assertThat(String.format(java.util.Locale.ROOT, "%.3f", Integer.parseInt(b.group(3)) / 256.0)).isEqualTo(h[2]);
    }
    assertThat(board.out).contains("3 detections from the board");
  }

  @Test
  void aPortWithNoBoardIsAClearErrorWithinTheTimeout() throws Exception {
    emulator.destroy();
    emulator.waitFor(5, TimeUnit.SECONDS);
    Result r = kiln("infer", "--device", "--port", host.toString(), "--timeout", "300",
        fixture("tflm/micro_speech_quantized.tflite").toString(),
        fixture("tflm/yes_micro_features_int8.bin").toString());
    assertThat(r.exit).as(r.toString()).isEqualTo(1);
    assertThat(r.err).contains(host.toString()).contains("did not answer HELLO (seq 1) within 300 ms, 3 tries");
  }

  private static String java() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  private Result kiln(String... args) throws IOException, InterruptedException {
    Path jar = Paths.get(System.getProperty("kiln.jar", "target/kiln.jar"));
    List<String> cmd = new ArrayList<>(List.of(java(), "-Dkiln.home=" + home,
        "-Dfelix.fileinstall.dir=" + home.resolve("plugins"),
        "-Dorg.osgi.framework.storage=" + home.resolve("framework"), "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kiln " + String.join(" ", args) + " did not exit within 120 s");
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
