package kiln.datasets.rockpaperscissors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import kiln.util.data.Checksum;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider against a loopback HTTP server serving small 7-Zip archives the test builds in
 * MLTK's layout (one root folder holding a folder per class of 96x96 gray images).
 */
class RockPaperScissorsProviderTest {
  @TempDir Path dir;
  HttpServer server;
  byte[] served;
  final AtomicLong truncateAt = new AtomicLong(-1);
  final List<String> requests = new ArrayList<>();
  String url;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/datasets/", ex -> {
      String range = ex.getRequestHeaders().getFirst("Range");
      synchronized (requests) {
        requests.add(String.valueOf(range));
      }
      int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-.*", "$1"));
      if (range != null) {
        ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (served.length - 1) + "/" + served.length);
      }
      ex.sendResponseHeaders(range == null ? 200 : 206, served.length - from);
      long cut = truncateAt.getAndSet(-1);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(served, from, (int) (cut >= 0 ? cut : served.length - from));
        out.flush();
        if (cut >= 0) {
          throw new IOException("truncated on purpose"); // drops the connection mid-body
        }
      }
    });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/datasets/rock_paper_scissors_v2.7z";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  static byte[] png(int seed) throws IOException {
    BufferedImage img = new BufferedImage(96, 96, BufferedImage.TYPE_BYTE_GRAY);
    java.util.Random r = new java.util.Random(seed);
    for (int y = 0; y < 96; y++) {
      for (int x = 0; x < 96; x++) {
        img.getRaster().setSample(x, y, 0, r.nextInt(256)); // noise: the archive stays large
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  /** A 7-Zip archive of {@code files} (name -> bytes; a name ending in / is a folder). */
  static byte[] sevenZip(Path work, Map<String, byte[]> files) throws IOException {
    Path file = Files.createTempFile(work, "test", ".7z");
    try (SevenZOutputFile z = new SevenZOutputFile(file.toFile())) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        SevenZArchiveEntry e = new SevenZArchiveEntry();
        e.setName(f.getKey().endsWith("/") ? f.getKey().substring(0, f.getKey().length() - 1) : f.getKey());
        e.setDirectory(f.getKey().endsWith("/"));
        z.putArchiveEntry(e);
        if (!e.isDirectory()) {
          z.write(f.getValue());
        }
        z.closeArchiveEntry();
      }
    }
    return Files.readAllBytes(file);
  }

  static Map<String, byte[]> mltkLayout(List<String> classes, int perClass) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("rock_paper_scissors_v2/", null);
    for (String c : classes) {
      files.put("rock_paper_scissors_v2/" + c + "/", null);
      for (int i = 0; i < perClass; i++) {
        files.put("rock_paper_scissors_v2/" + c + "/" + c + "_" + i + ".png", png(c.hashCode() + i));
      }
    }
    return files;
  }

  static String sha1(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
  }

  RockPaperScissorsProvider.Version servedVersion() throws Exception {
    // MLTK's v2 with the checksum of the archive this test serves
    return new RockPaperScissorsProvider.Version("v2", url, Checksum.sha1(sha1(served)),
        RockPaperScissorsProvider.V2.classes());
  }

  @Test
  void downloadsChecksExtractsAndListsOnce() throws Exception {
    served = sevenZip(dir, mltkLayout(RockPaperScissorsProvider.V2.classes(), 3));
    List<String> tasks = new ArrayList<>();
    Progress progress = (task, done, total) -> tasks.add(task);
    Dataset d = RockPaperScissorsProvider.load(servedVersion(), url, dir.resolve("datasets"), progress);
    assertThat(d.root()).isEqualTo(dir.resolve("datasets/rock_paper_scissors/v2"));
    // MLTK's root folder is removed: the classes sit directly in the dataset folder
    assertThat(d.samplesByClass().keySet()).containsExactlyInAnyOrder("rock", "paper", "scissor", "_unknown_");
    assertThat(d.samplesByClass().get("paper")).extracting(p -> p.getFileName().toString())
        .containsExactly("paper_0.png", "paper_1.png", "paper_2.png");
    assertThat(Files.readAllBytes(d.samplesByClass().get("paper").get(1))).isEqualTo(png("paper".hashCode() + 1));
    assertThat(d.version()).isEqualTo("rock_paper_scissors_v2.7z sha1:" + sha1(served));
    assertThat(tasks).contains("downloading rock_paper_scissors v2", "extracting rock_paper_scissors v2");
    assertThat(dir.resolve("datasets/.downloads/rock_paper_scissors_v2.7z")).doesNotExist();
    RockPaperScissorsProvider.load(servedVersion(), url, dir.resolve("datasets"), Progress.NONE);
    assertThat(requests).hasSize(1); // installed: no second download
  }

  @Test
  void aCutDownloadFailsClearlyAndTheNextRunResumesWithARange() throws Exception {
    served = sevenZip(dir, mltkLayout(RockPaperScissorsProvider.V2.classes(), 2));
    truncateAt.set(served.length / 3);
    assertThatThrownBy(() -> RockPaperScissorsProvider.load(servedVersion(), url, dir.resolve("datasets"),
        Progress.NONE))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("stopped after " + served.length / 3 + " of " + served.length + " bytes")
        .hasMessageContaining("run again to resume");
    Dataset d = RockPaperScissorsProvider.load(servedVersion(), url, dir.resolve("datasets"), Progress.NONE);
    assertThat(d.samplesByClass()).hasSize(4);
    assertThat(requests).containsExactly("null", "bytes=" + served.length / 3 + "-");
  }

  @Test
  void aDamagedDownloadIsDeletedAndNamed() throws Exception {
    served = sevenZip(dir, mltkLayout(RockPaperScissorsProvider.V2.classes(), 1));
    RockPaperScissorsProvider.Version v = servedVersion();
    served = Arrays.copyOf(served, served.length);
    served[served.length / 2] ^= 1;
    assertThatThrownBy(() -> RockPaperScissorsProvider.load(v, url, dir.resolve("datasets"), Progress.NONE))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("is damaged: SHA-1 " + sha1(served) + ", expected " + v.checksum().hex());
    assertThat(dir.resolve("datasets/.downloads/rock_paper_scissors_v2.7z.part")).doesNotExist();
    assertThat(dir.resolve("datasets/rock_paper_scissors")).doesNotExist();
  }

  @Test
  void aMissingClassFolderIsNamedAndNothingIsInstalled() throws Exception {
    served = sevenZip(dir, mltkLayout(List.of("rock", "paper", "scissor"), 1));
    assertThatThrownBy(() -> RockPaperScissorsProvider.load(servedVersion(), url, dir.resolve("datasets"),
        Progress.NONE))
        .hasMessageContaining("class folder '_unknown_' is missing");
    assertThat(dir.resolve("datasets/rock_paper_scissors/v2")).doesNotExist();
  }

  @Test
  void anEntryClimbingOutOfTheFolderIsRefused() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("rock/a.png", png(1));
    files.put("../escaped.png", png(2));
    Path archive = dir.resolve("evil.7z");
    Files.write(archive, sevenZip(dir, files));
    Path out = Files.createDirectories(dir.resolve("out"));
    assertThatThrownBy(() -> SevenZip.extract(archive, out, "extracting", Progress.NONE))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("'../escaped.png' points outside the dataset folder");
    assertThat(dir.resolve("escaped.png")).doesNotExist();
  }

  @Test
  void aTruncatedArchiveIsNamed() throws Exception {
    byte[] whole = sevenZip(dir, mltkLayout(List.of("rock"), 2));
    for (int cut : new int[] {0, 10, whole.length / 2, whole.length - 1}) {
      Path archive = dir.resolve("cut" + cut + ".7z");
      Files.write(archive, Arrays.copyOf(whole, cut));
      Path out = Files.createDirectories(dir.resolve("out" + cut));
      assertThatThrownBy(() -> SevenZip.extract(archive, out, "extracting", Progress.NONE))
          .as("cut at %d", cut)
          .isInstanceOf(KilnException.class)
          .hasMessageContaining("archive " + archive + " is not a readable 7-Zip archive");
    }
  }

  @Test
  void aLocalArchiveIsRecognisedOnlyByMltksChecksums() throws Exception {
    Path archive = dir.resolve("rock_paper_scissors_v2.7z");
    Files.write(archive, sevenZip(dir, mltkLayout(List.of("rock"), 1)));
    assertThatThrownBy(() -> RockPaperScissorsProvider.loadArchive(archive, dir.resolve("datasets"), Progress.NONE))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("which is neither rock_paper_scissors.7z (1ce48f66f7ff999958550147d75aba8da185280c)")
        .hasMessageContaining("rock_paper_scissors_v2.7z (77ed1793be7871dcaa79d935b39ba4d23a28e2c3)");
    assertThatThrownBy(() -> new RockPaperScissorsProvider().load(dir.resolve("nothing.7z").toString(), Progress.NONE))
        .hasMessageContaining("nothing.7z is not a file (expected v1, v2, or the path of");
  }
}
