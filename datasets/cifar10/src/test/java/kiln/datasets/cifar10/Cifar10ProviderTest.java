package kiln.datasets.cifar10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.util.archive.TestArchives;
import kiln.util.data.Checksum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cifar10 provider on small binary batches the test writes (2-3 records each). */
class Cifar10ProviderTest {
  @TempDir Path dir;
  String kilnHome;

  @BeforeEach
  void useATemporaryKilnHome() {
    kilnHome = System.getProperty("kiln.home");
    System.setProperty("kiln.home", dir.resolve("home").toString());
  }

  @AfterEach
  void restoreTheKilnHome() {
    if (kilnHome == null) {
      System.clearProperty("kiln.home");
    } else {
      System.setProperty("kiln.home", kilnHome);
    }
  }

  /** One record: every pixel of the red plane is r, green g, blue b, except pixel (x=2, y=1) = (1, 2, 3). */
  private static byte[] record(int label, int r, int g, int b) {
    byte[] rec = new byte[CifarBatch.RECORD];
    rec[0] = (byte) label;
    Arrays.fill(rec, 1, 1 + 1024, (byte) r);
    Arrays.fill(rec, 1 + 1024, 1 + 2048, (byte) g);
    Arrays.fill(rec, 1 + 2048, rec.length, (byte) b);
    int p = 1 * 32 + 2;
    rec[1 + p] = 1;
    rec[1 + 1024 + p] = 2;
    rec[1 + 2048 + p] = 3;
    return rec;
  }

  private static void write(Path file, byte[]... records) throws IOException {
    try (var out = Files.newOutputStream(file)) {
      for (byte[] r : records) {
        out.write(r);
      }
    }
  }

  /** Batches 1-5 hold 2 records each (labels 0 and the batch number), the test batch 3 (labels 9, 3, 9). */
  private Path writeFolder(Path folder) throws IOException {
    Files.createDirectories(folder);
    for (int n = 1; n <= 5; n++) {
      write(folder.resolve("data_batch_" + n + ".bin"), record(0, 10, 20, 30), record(n, 40, 50, 60));
    }
    write(folder.resolve("test_batch.bin"), record(9, 200, 100, 0), record(3, 0, 0, 0), record(9, 7, 8, 9));
    Files.writeString(folder.resolve("batches.meta.txt"), String.join("\n", Cifar10Provider.CLASSES) + "\n\n");
    return folder;
  }

  @Test
  void aLocalFolderIsExpandedIntoClassFoldersWithTheTestSplit() throws Exception {
    Path src = writeFolder(dir.resolve("cifar-10-batches-bin"));
    Dataset d = new Cifar10Provider().load(src.toString(), Progress.NONE);
    assertThat(d.name()).isEqualTo("cifar10");
    assertThat(d.samplesByClass().get("airplane")).extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder("train_00000.png", "train_00002.png", "train_00004.png", "train_00006.png",
            "train_00008.png");
    // training images are numbered across the five batches
    assertThat(d.samplesByClass().get("deer")).extracting(p -> p.getFileName().toString())
        .containsExactly("train_00007.png");
    assertThat(d.split().validation())
        .containsExactlyInAnyOrder("truck/test_00000.png", "cat/test_00001.png", "truck/test_00002.png");
    BufferedImage img = ImageIO.read(d.root().resolve("truck/test_00000.png").toFile());
    assertThat(img.getWidth()).isEqualTo(32);
    assertThat(img.getHeight()).isEqualTo(32);
    assertThat(img.getRGB(0, 0) & 0xffffff).isEqualTo(200 << 16 | 100 << 8);
    assertThat(img.getRGB(2, 1) & 0xffffff).isEqualTo(1 << 16 | 2 << 8 | 3); // planes are row by row
  }

  @Test
  void aTruncatedBatchIsAnErrorNamingTheFile() throws Exception {
    Path src = writeFolder(dir.resolve("short"));
    byte[] whole = record(1, 1, 1, 1);
    write(src.resolve("data_batch_3.bin"), record(2, 0, 0, 0), Arrays.copyOf(whole, 1000));
    assertThatThrownBy(() -> new Cifar10Provider().load(src.toString(), Progress.NONE))
        .hasMessageContaining("data_batch_3.bin").hasMessageContaining("4073 bytes")
        .hasMessageContaining("whole records of 3073 bytes");
  }

  @Test
  void aLabelOutsideTheClassesIsAnErrorNamingTheFile() throws Exception {
    Path src = writeFolder(dir.resolve("bad"));
    write(src.resolve("test_batch.bin"), record(4, 0, 0, 0), record(10, 0, 0, 0));
    assertThatThrownBy(() -> new Cifar10Provider().load(src.toString(), Progress.NONE))
        .hasMessageContaining("test_batch.bin").hasMessageContaining("record 1 has label 10");
  }

  @Test
  void aFolderWithoutTheBatchesIsNamed() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("nothing_here"));
    assertThatThrownBy(() -> new Cifar10Provider().load(empty.toString(), Progress.NONE))
        .hasMessageContaining("nothing_here").hasMessageContaining("data_batch_1.bin")
        .hasMessageContaining("test_batch.bin");
  }

  @Test
  void aClassListThatDiffersIsAnErrorNamingIt() throws Exception {
    Path src = writeFolder(dir.resolve("other"));
    Files.writeString(src.resolve("batches.meta.txt"), "apple\npear\n");
    assertThatThrownBy(() -> new Cifar10Provider().load(src.toString(), Progress.NONE))
        .hasMessageContaining("batches.meta.txt").hasMessageContaining("[apple, pear]");
  }

  @Test
  void anExpansionIsReusedWithoutAFolderOrADownload() throws Exception {
    new Cifar10Provider().load(writeFolder(dir.resolve("once")).toString(), Progress.NONE);
    System.setProperty("kiln.dataset.cifar10.url", "http://127.0.0.1:9/never-asked");
    try {
      assertThat(new Cifar10Provider().load(Progress.NONE).split().validation()).hasSize(3);
    } finally {
      System.clearProperty("kiln.dataset.cifar10.url");
    }
  }

  /** The archive as the dataset's page serves it: cifar-10-batches-bin/ with the six batches. */
  private byte[] archive() throws Exception {
    Path src = writeFolder(dir.resolve("to-pack"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (var list = Files.list(src)) {
      for (Path f : list.sorted().toList()) {
        files.put("cifar-10-batches-bin/" + f.getFileName(), Files.readAllBytes(f));
      }
    }
    return TestArchives.tarGz(files, true);
  }

  @Test
  void theArchiveIsDownloadedFromALoopbackServerCheckedAndExpanded() throws Exception {
    byte[] served = archive();
    List<String> requests = new ArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/cifar-10-binary.tar.gz", ex -> {
      requests.add(ex.getRequestURI().toString());
      ex.sendResponseHeaders(200, served.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(served);
      }
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/cifar-10-binary.tar.gz";
      String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(served));
      Path datasets = dir.resolve("datasets");
      Dataset d = Cifar10Provider.download(url, served.length, Checksum.md5(md5), datasets, Progress.NONE);
      assertThat(d.split().validation())
          .containsExactlyInAnyOrder("truck/test_00000.png", "cat/test_00001.png", "truck/test_00002.png");
      assertThat(d.samplesByClass().get("airplane")).hasSize(5);
      try (var left = Files.list(datasets.resolve(".downloads"))) {
        assertThat(left.toList()).isEmpty(); // neither the archive nor the extracted batches stay
      }
      Cifar10Provider.download(url, served.length, Checksum.md5(md5), datasets, Progress.NONE);
      assertThat(requests).hasSize(1);
      // a wrong checksum (the published one, for bytes that are not the real archive) is refused
      assertThatThrownBy(() -> Cifar10Provider.download(url, served.length, Cifar10Provider.ARCHIVE_MD5,
          dir.resolve("other"), Progress.NONE))
          .hasMessageContaining("is damaged: MD5 " + md5 + ", expected c32a1d4ab5d03f1284b67883e8d87530");
    } finally {
      server.stop(0);
    }
  }
}
