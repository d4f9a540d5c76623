package kiln.util.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import kiln.api.KilnException;
import kiln.api.Progress;

/**
 * Downloads a file of known size and SHA-256 into {@code <target>.part}, resuming a partial file
 * with an HTTP Range request, then verifies it and moves it to {@code target}. A short download
 * keeps the part file for the next attempt; a wrong size or checksum deletes it. Shared by the
 * dataset providers that download (speech_commands_v2, fashion_mnist).
 */
public final class Download {
  private static final int TIMEOUT_MS = 30_000;

  private Download() {}

  public static Path fetch(String url, long size, String sha256, Path target, String task, Progress progress) {
    if (Files.isRegularFile(target)) {
      return target;
    }
    Path part = target.resolveSibling(target.getFileName() + ".part");
    try {
      Files.createDirectories(target.getParent());
      long have = Files.isRegularFile(part) ? Files.size(part) : 0;
      if (have > size) {
        Files.delete(part);
        have = 0;
      }
      if (have < size) {
        have = transfer(url, part, have, size, task, progress);
      }
      if (have != size) {
        throw new KilnException("download of " + url + " stopped after " + have + " of " + size
            + " bytes; run again to resume from " + part);
      }
      String actual = sha256(part);
      if (!actual.equalsIgnoreCase(sha256)) {
        Files.deleteIfExists(part);
        throw new KilnException("download of " + url + " is damaged: SHA-256 " + actual + ", expected " + sha256
            + "; the download was deleted, run again to fetch it anew");
      }
      Files.move(part, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new KilnException("download of " + url + " failed: " + e + "; run again to resume", e);
    }
  }

  /** Appends bytes from {@code from} on; returns the part file's length afterwards. */
  private static long transfer(String url, Path part, long from, long size, String task, Progress progress)
      throws IOException {
    HttpURLConnection c = open(url, from);
    int status = c.getResponseCode();
    boolean append;
    if (status == HttpURLConnection.HTTP_PARTIAL && from > 0) {
      append = true;
    } else if (status == HttpURLConnection.HTTP_OK) {
      append = false; // the server ignored the range: start over
      from = 0;
    } else {
      c.disconnect();
      throw new KilnException("download of " + url + ": the server answered HTTP " + status
          + (from > 0 ? " to a request for bytes " + from + "-" : ""));
    }
    long done = from;
    progress.report(task, done, size);
    try (InputStream in = c.getInputStream();
        OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      byte[] buf = new byte[1 << 16];
      long lastReport = done;
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        done += n;
        if (done - lastReport >= size / 200 + 1) {
          progress.report(task, done, size);
          lastReport = done;
        }
      }
    } catch (IOException e) {
      // a dropped connection: keep what arrived for the next attempt
      progress.message("download interrupted after " + Files.size(part) + " bytes: " + e.getMessage());
    } finally {
      c.disconnect();
    }
    long have = Files.size(part);
    progress.report(task, have, size);
    return have;
  }

  /**
   * Opens {@code url} asking for bytes from {@code from} on, following up to 5 redirects itself
   * (HttpURLConnection will not follow one from http to https).
   */
  private static HttpURLConnection open(String url, long from) throws IOException {
    String location = url;
    for (int hop = 0; hop <= 5; hop++) {
      HttpURLConnection c = (HttpURLConnection) new URL(location).openConnection();
      c.setConnectTimeout(TIMEOUT_MS);
      c.setReadTimeout(TIMEOUT_MS);
      c.setInstanceFollowRedirects(false);
      if (from > 0) {
        c.setRequestProperty("Range", "bytes=" + from + "-");
      }
      int status = c.getResponseCode();
      String next = c.getHeaderField("Location");
      if (status / 100 != 3 || next == null) {
        return c;
      }
      c.disconnect();
      location = new URL(new URL(location), next).toString();
    }
    throw new KilnException("download of " + url + ": more than 5 redirects");
  }

  public static String sha256(Path file) throws IOException {
    MessageDigest d = DatasetFolders.sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }
}
