package kiln.datasets.speechcommands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import kiln.util.archive.TestArchives;
import kiln.util.data.Sha256sumTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the provider against a loopback HTTP server serving archives built here. */
class SpeechCommandsV2ProviderTest {
  @TempDir Path datasets;
  HttpServer server;
  byte[] served;
  /** Bytes of the body to send before dropping the connection on the next plain request; -1: all. */
  final AtomicLong truncateAt = new AtomicLong(-1);
  final List<String> ranges = new ArrayList<>();
  String url;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/data/speech_commands_v0.02.tar.gz", ex -> {
      String range = ex.getRequestHeaders().getFirst("Range");
      synchronized (ranges) {
        ranges.add(String.valueOf(range));
      }
      int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-.*", "$1"));
      ex.getResponseHeaders().add("Accept-Ranges", "bytes");
      if (range != null) {
        ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (served.length - 1) + "/" + served.length);
      }
      ex.sendResponseHeaders(range == null ? 200 : 206, served.length - from);
      long cut = truncateAt.getAndSet(-1);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(served, from, (int) (cut >= 0 ? cut : served.length - from));
        out.flush();
        if (cut >= 0) {
          // failing the handler makes the server drop the connection mid-body
          throw new IOException("truncated on purpose");
        }
      }
    });
    server.createContext("/moved/", ex -> {
      ex.getResponseHeaders().add("Location", "/data/speech_commands_v0.02.tar.gz");
      ex.sendResponseHeaders(302, -1);
      ex.close();
    });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/data/speech_commands_v0.02.tar.gz";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** Random (incompressible) bytes, so the archive is larger than the truncation point. */
  static byte[] noise(int n, int seed) {
    byte[] b = new byte[n];
    new java.util.Random(seed).nextBytes(b);
    return b;
  }

  static Map<String, byte[]> layout() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("./validation_list.txt", "yes/b0_nohash_0.wav\n".getBytes(StandardCharsets.UTF_8));
    files.put("./testing_list.txt", "no/c0_nohash_0.wav\n".getBytes(StandardCharsets.UTF_8));
    files.put("./LICENSE", "CC BY 4.0".getBytes(StandardCharsets.UTF_8));
    files.put("./_background_noise_/white_noise.wav", noise(3000, 1));
    for (String w : List.of("yes", "no", "marvin")) {
      for (int i = 0; i < 3; i++) {
        files.put("./" + w + "/s" + i + "_nohash_" + i + ".wav", noise(700 + i, w.hashCode() + i));
      }
    }
    return files;
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  List<Path> leftovers() throws IOException {
    try (Stream<Path> s = Files.list(datasets)) {
      return s.filter(p -> !p.getFileName().toString().equals(".downloads")).toList();
    }
  }

  @Test
  void downloadsVerifiesAndExtractsOnce() throws Exception {
    served = TestArchives.tarGz(layout(), true);
    List<long[]> reports = new ArrayList<>();
    Progress progress = (task, done, total) -> {
      if (task.startsWith("downloading")) {
        reports.add(new long[] {done, total});
      }
    };
    Dataset d = SpeechCommandsV2Provider.load(url, served.length, sha256(served), datasets, progress);
    assertThat(d.root()).isEqualTo(datasets.resolve("speech_commands_v2"));
    assertThat(d.samplesByClass().keySet()).containsExactlyInAnyOrder("_background_noise_", "marvin", "no", "yes");
    assertThat(d.samplesByClass().get("yes")).extracting(p -> p.getFileName().toString())
        .containsExactly("s0_nohash_0.wav", "s1_nohash_1.wav", "s2_nohash_2.wav");
    assertThat(Files.size(d.samplesByClass().get("yes").get(2))).isEqualTo(702);
    assertThat(d.root().resolve("validation_list.txt")).hasContent("yes/b0_nohash_0.wav");
    // the lists are the dataset's split
    assertThat(d.split().validation()).containsExactly("yes/b0_nohash_0.wav");
    assertThat(d.split().test()).containsExactly("no/c0_nohash_0.wav");
    // the version names the archive; the content hash is over the extracted files (coreutils')
    assertThat(d.version()).isEqualTo("speech_commands_v0.02.tar.gz sha256:" + sha256(served));
    assertThat(d.contentHash()).isEqualTo(Sha256sumTree.of(d.root()));
    assertThat(reports.get(reports.size() - 1)).containsExactly(served.length, served.length);
    // the archive is gone after extraction; a second load makes no request
    assertThat(datasets.resolve(".downloads/speech_commands_v0.02.tar.gz")).doesNotExist();
    SpeechCommandsV2Provider.load(url, served.length, sha256(served), datasets, Progress.NONE);
    assertThat(ranges).hasSize(1);
  }

  @Test
  void truncatedDownloadFailsClearlyAndResumesWithARange() throws Exception {
    served = TestArchives.tarGz(layout(), true);
    truncateAt.set(1000);
    String sha = sha256(served);
    assertThatThrownBy(() -> SpeechCommandsV2Provider.load(url, served.length, sha, datasets, Progress.NONE))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("stopped after 1000 of " + served.length + " bytes; run again to resume");
    assertThat(leftovers()).isEmpty(); // nothing half-extracted
    assertThat(datasets.resolve(".downloads/speech_commands_v0.02.tar.gz.part")).hasSize(1000);

    Dataset d = SpeechCommandsV2Provider.load(url, served.length, sha, datasets, Progress.NONE);
    assertThat(ranges).containsExactly("null", "bytes=1000-");
    assertThat(d.samplesByClass().get("marvin")).hasSize(3);
  }

  @Test
  void badChecksumDeletesTheDownloadAndInstallsNothing() throws Exception {
    served = TestArchives.tarGz(layout(), true);
    String wrong = "0".repeat(64);
    assertThatThrownBy(() -> SpeechCommandsV2Provider.load(url, served.length, wrong, datasets, Progress.NONE))
        .isInstanceOf(KilnException.class)
        .hasMessage("download of " + url + " is damaged: SHA-256 " + sha256(served) + ", expected " + wrong
            + "; the download was deleted, run again to fetch it anew");
    assertThat(leftovers()).isEmpty();
    try (Stream<Path> s = Files.list(datasets.resolve(".downloads"))) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void truncatedArchiveContentInstallsNothing() throws Exception {
    byte[] whole = TestArchives.tarGz(layout(), true);
    // a gzip stream cut in the middle, served whole and with a matching checksum
    served = java.util.Arrays.copyOf(whole, whole.length / 2);
    assertThatThrownBy(() -> SpeechCommandsV2Provider.load(url, served.length, sha256(served), datasets, Progress.NONE))
        .isInstanceOf(KilnException.class).hasMessageContaining("truncated");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void archiveWithoutTheLayoutIsRefused() throws Exception {
    Map<String, byte[]> files = layout();
    files.remove("./testing_list.txt");
    served = TestArchives.tarGz(files, true);
    assertThatThrownBy(() -> SpeechCommandsV2Provider.load(url, served.length, sha256(served), datasets, Progress.NONE))
        .isInstanceOf(KilnException.class).hasMessageContaining("testing_list.txt is missing");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void redirectsAreFollowed() throws Exception {
    served = TestArchives.tarGz(layout(), true);
    String moved = url.replace("/data/", "/moved/");
    Dataset d = SpeechCommandsV2Provider.load(moved, served.length, sha256(served), datasets, Progress.NONE);
    assertThat(d.samplesByClass().get("no")).hasSize(3);
  }

  @Test
  void serverErrorsAreReported() throws Exception {
    served = new byte[10];
    String missing = url.replace("speech_commands", "nothing_here");
    assertThatThrownBy(() -> SpeechCommandsV2Provider.load(missing, 10, sha256(served), datasets, Progress.NONE))
        .isInstanceOf(KilnException.class).hasMessageContaining("HTTP 404");
  }

  @Test
  void publishedArchiveFactsAreTheDefaults() {
    assertThat(SpeechCommandsV2Provider.URL).isEqualTo("http://download.tensorflow.org/data/speech_commands_v0.02.tar.gz");
    assertThat(SpeechCommandsV2Provider.SIZE).isEqualTo(2_428_923_189L);
    assertThat(new SpeechCommandsV2Provider().description()).contains("2.4 GB");
  }
}
