package kiln.datasets.fashionmnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import kiln.util.data.Download;
import kiln.util.data.Idx;
import kiln.util.data.IdxFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small IDX files the test writes, read from a folder or served by a loopback HTTP server. */
class FashionMnistProviderTest {
  @TempDir
  Path dir;

  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** An IDX file: magic 0x0000080N, the dimensions, then the bytes, gzipped. */
  static byte[] idx(int[] dims, byte[] data) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(raw))) {
      out.writeInt(0x800 | dims.length);
      for (int d : dims) {
        out.writeInt(d);
      }
      out.write(data);
    }
    return raw.toByteArray();
  }

  /** 3 training and 2 test images of 2x2 pixels, labels 0, 9, 0 and 1, 9. */
  private Path writeFiles(Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.write(folder.resolve("train-images-idx3-ubyte.gz"), idx(new int[] {3, 2, 2}, bytes(12)));
    Files.write(folder.resolve("train-labels-idx1-ubyte.gz"), idx(new int[] {3}, new byte[] {0, 9, 0}));
    Files.write(folder.resolve("t10k-images-idx3-ubyte.gz"), idx(new int[] {2, 2, 2}, bytes(8)));
    Files.write(folder.resolve("t10k-labels-idx1-ubyte.gz"), idx(new int[] {2}, new byte[] {1, 9}));
    return folder;
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 20);
    }
    return b;
  }

  @Test
  void expandsALocalFolderIntoPngClassFoldersWithTheTestSplit() throws Exception {
    Path src = writeFiles(dir.resolve("debian"));
    Dataset d = FashionMnistProvider.load(src, "http://127.0.0.1:9/none/", SourceFiles.FILES, dir.resolve("home"),
        Progress.NONE);
    assertThat(d.samplesByClass()).containsOnlyKeys("top", "trouser", "boot");
    assertThat(d.samplesByClass().get("top")).extracting(p -> p.getFileName().toString())
        .containsExactly("train_00000.png", "train_00002.png");
    assertThat(d.split().validation()).containsExactlyInAnyOrder("trouser/test_00000.png", "boot/test_00001.png");
    assertThat(d.split().test()).isEmpty();
    var img = javax.imageio.ImageIO.read(d.samplesByClass().get("boot").get(0).toFile()); // train_00001
    assertThat(img.getRaster().getSample(1, 1, 0)).isEqualTo(140); // byte 7 of the training data
    // a second load uses the expanded folder (the source may be gone)
    Files.delete(src.resolve("t10k-labels-idx1-ubyte.gz"));
    assertThat(FashionMnistProvider.load(src, "http://127.0.0.1:9/none/", SourceFiles.FILES, dir.resolve("home"),
        Progress.NONE).samplesByClass()).hasSize(3);
  }

  @Test
  void downloadsTheFourFilesWithChecksumsWhenNoLocalFolder() throws Exception {
    Path files = writeFiles(dir.resolve("served"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      requests.incrementAndGet();
      Path f = files.resolve(ex.getRequestURI().getPath().substring(1));
      byte[] body = Files.exists(f) ? Files.readAllBytes(f) : new byte[0];
      ex.sendResponseHeaders(Files.exists(f) ? 200 : 404, body.length == 0 ? -1 : body.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(body);
      }
    });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    List<IdxFiles.Remote> remote = new ArrayList<>();
    for (IdxFiles.Remote r : SourceFiles.FILES) {
      Path f = files.resolve(r.name());
      remote.add(new IdxFiles.Remote(r.name(), Files.size(f), Download.sha256(f)));
    }
    List<String> reports = new ArrayList<>();
    Progress progress = (task, done, total) -> reports.add(task);
    Dataset d = FashionMnistProvider.load(dir.resolve("no-such-folder"), url, remote, dir.resolve("home"), progress);
    assertThat(d.samplesByClass().get("boot")).hasSize(2);
    assertThat(requests.get()).isEqualTo(4);
    assertThat(reports).anyMatch(t -> t.startsWith("downloading fashion_mnist"))
        .anyMatch(t -> t.startsWith("expanding fashion_mnist"));
    FashionMnistProvider.load(dir.resolve("no-such-folder"), url, remote, dir.resolve("home"), Progress.NONE);
    assertThat(requests.get()).isEqualTo(4);

    // a wrong checksum is refused and nothing is installed
    List<IdxFiles.Remote> bad = new ArrayList<>(remote);
    bad.set(0, new IdxFiles.Remote(bad.get(0).name(), bad.get(0).size(), "00".repeat(32)));
    assertThatThrownBy(() -> FashionMnistProvider.load(dir.resolve("none"), url, bad, dir.resolve("home2"),
        Progress.NONE)).isInstanceOf(KilnException.class).hasMessageContaining("SHA-256");
    assertThat(dir.resolve("home2").resolve(FashionMnistProvider.NAME)).doesNotExist();
  }

  @Test
  void aWrongSizeHeaderNamesTheFile() throws Exception {
    Path src = writeFiles(dir.resolve("debian"));
    Path images = src.resolve("train-images-idx3-ubyte.gz");
    Files.write(images, idx(new int[] {4, 2, 2}, bytes(12))); // declares 16 bytes, holds 12
    assertThatThrownBy(() -> FashionMnistProvider.load(src, "http://127.0.0.1:9/", SourceFiles.FILES,
        dir.resolve("home"), Progress.NONE))
        .isInstanceOf(KilnException.class).hasMessageContaining(images.toString()).hasMessageContaining("fewer");
    Files.write(images, idx(new int[] {2, 2, 2}, bytes(12)));
    assertThatThrownBy(() -> Idx.read(images, 3)).hasMessageContaining("more");
    assertThatThrownBy(() -> Idx.read(images, 1)).hasMessageContaining("magic");
    assertThat(dir.resolve("home").resolve(FashionMnistProvider.NAME)).doesNotExist();
  }

  @Test
  void theRealFilesHaveTheirPublishedShape() {
    IdxFiles real = SourceFiles.local(SourceFiles.DEBIAN_DIR);
    Assumptions.assumeTrue(real != null, "SKIPPED: Fashion-MNIST is not installed in " + SourceFiles.DEBIAN_DIR
        + " (apt-get install dataset-fashion-mnist)");
    Idx train = Idx.read(real.trainLabels(), 1);
    Idx test = Idx.read(real.testImages(), 3);
    assertThat(train.count()).isEqualTo(60_000);
    assertThat(test.dims()).containsExactly(10_000, 28, 28);
  }
}
