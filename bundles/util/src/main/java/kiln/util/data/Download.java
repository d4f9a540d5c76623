package kiln.util.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import kiln.api.KilnException;
import kiln.api.Progress;

/**
 * Downloads a file of known checksum (and, where published, known size) into {@code
 * <target>.part}, resuming a partial file with an HTTP Range request, then verifies it and moves it
 * to {@code target}. A short download keeps the part file for the next attempt; a wrong size or
 * checksum deletes it. When the size is not published ({@code size < 0}) the server's
 * Content-Length / Content-Range total says when the file is whole. Shared by the dataset
 * providers that download (speech_commands_v2, fashion_mnist, mnist, rock_paper_scissors, cifar10).
 */
public final class Download {
  private static final int TIMEOUT_MS = 30_000;

  private Download() {}

  public static Path fetch(String url, long size, String sha256, Path target, String task, Progress progress) {
    return fetch(url, size, Checksum.sha256(sha256), target, task, progress);
  }

  /** As above; {@code size < 0} when the publisher gives only a checksum. */
  public static Path fetch(String url, long size, Checksum checksum, Path target, String task, Progress progress) {
    if (Files.isRegularFile(target)) {
      return target;
    }
    Path part = target.resolveSibling(target.getFileName() + ".part");
    try {
      Files.createDirectories(target.getParent());
      long have = Files.isRegularFile(part) ? Files.size(part) : 0;
      if (size >= 0 && have > size) {
        Files.delete(part);
        have = 0;
      }
      long total = size;
      if (size < 0 || have < size) {
        long[] got = transfer(url, part, have, size, task, progress);
        have = got[0];
        total = size >= 0 ? size : got[1];
      }
      if (total < 0 || have != total) {
        throw new KilnException("download of " + url + " stopped after " + have
            + (total >= 0 ? " of " + total : "") + " bytes; run again to resume from " + part);
      }
      String actual = checksum.of(part);
      if (!checksum.matches(actual)) {
        Files.deleteIfExists(part);
        throw new KilnException("download of " + url + " is damaged: " + checksum.algorithm() + " " + actual
            + ", expected " + checksum.hex() + "; the download was deleted, run again to fetch it anew");
      }
      Files.move(part, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new KilnException("download of " + url + " failed: " + e + "; run again to resume", e);
    }
  }

  /**
   * Appends bytes from {@code from} on; returns the part file's length afterwards and the file's
   * whole length as the server states it (-1 when it does not).
   */
  private static long[] transfer(String url, Path part, long from, long size, String task, Progress progress)
      throws IOException {
    HttpURLConnection c = open(url, from);
    int status = c.getResponseCode();
    boolean append;
    long total;
    if (status == HttpURLConnection.HTTP_PARTIAL && from > 0) {
      append = true;
      total = rangeTotal(c.getHeaderField("Content-Range"));
    } else if (status == HttpURLConnection.HTTP_OK) {
      append = false; // the server ignored the range: start over
      from = 0;
      total = c.getContentLengthLong();
    } else if (status == 416 && from > 0 && size < 0) {
      // asked past the end: the part file may already be whole; the checksum decides
      long stated = rangeTotal(c.getHeaderField("Content-Range"));
      c.disconnect();
      long have = Files.size(part);
      return new long[] {have, stated < 0 ? have : stated};
    } else {
      c.disconnect();
      throw new KilnException("download of " + url + ": the server answered HTTP " + status
          + (from > 0 ? " to a request for bytes " + from + "-" : ""));
    }
    if (size < 0) {
      size = total;
    }
    long done = from;
    boolean ended = false;
    progress.report(task, done, size);
    try (InputStream in = c.getInputStream();
        OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      byte[] buf = new byte[1 << 16];
      long lastReport = done;
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        done += n;
        if (done - lastReport >= (size > 0 ? size / 200 + 1 : 1 << 20)) {
          progress.report(task, done, size);
          lastReport = done;
        }
      }
      ended = true;
    } catch (IOException e) {
      // a dropped connection: keep what arrived for the next attempt
      progress.message("download interrupted after " + Files.size(part) + " bytes: " + e.getMessage());
    } finally {
      c.disconnect();
    }
    long have = Files.size(part);
    progress.report(task, have, size);
    // no length stated: a stream that ended cleanly is whole (the checksum still decides)
    return new long[] {have, total < 0 && ended ? have : total};
  }

  /** The total of a {@code Content-Range: bytes a-b/total} header; -1 when absent or {@code *}. */
  static long rangeTotal(String contentRange) {
    if (contentRange == null || contentRange.indexOf('/') < 0) {
      return -1;
    }
    try {
      return Long.parseLong(contentRange.substring(contentRange.indexOf('/') + 1).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
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
    return Checksum.hex("SHA-256", file);
  }
}
