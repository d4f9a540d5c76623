package kiln.util.archive;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.util.data.DatasetFolders;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Extracts a gzip-compressed tar (read by Apache Commons Compress: ustar, GNU and pax): regular
 * files and folders only, each inside the target folder; links are refused.
 */
public final class TarGz {
  private static final int BLOCK = 512;

  private TarGz() {}

  /** Extracts {@code archive} into {@code dir}; returns the number of files written. */
  public static int extract(Path archive, Path dir, String task, Progress progress) throws IOException {
    try (Counting counted = new Counting(new GzipCompressorInputStream(
            new BufferedInputStream(Files.newInputStream(archive), 1 << 16)));
        TarArchiveInputStream tar = new TarArchiveInputStream(counted)) {
      try {
        return extract(tar, counted, archive, dir, task, progress);
      } catch (IOException e) {
        if (e instanceof EOFException || counted.ended) { // a cut gzip, or "Truncated TAR archive"
          throw truncated(archive, e);
        }
        throw e;
      }
    } catch (EOFException e) { // not even a gzip header
      throw truncated(archive, e);
    }
  }

  private static KilnException truncated(Path archive, IOException e) {
    return new KilnException("archive " + archive + " is truncated: " + e.getMessage(), e);
  }

  private static int extract(TarArchiveInputStream tar, Counting counted, Path archive, Path dir,
      String task, Progress progress) throws IOException {
    int files = 0;
    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
      if (e.isSymbolicLink() || e.isLink()) {
        throw new KilnException("archive " + archive + ": entry '" + e.getName() + "' is a link to '"
            + e.getLinkName() + "'; links are not extracted");
      }
      counted.expectEndMarkerAt(counted.position + padded(e.getSize()));
      // refuses absolute names and '..' that would leave dir
      Path p = DatasetFolders.entryPath(dir, e.getName(), null, archive.toString());
      if (p == null) {
        continue;
      }
      if (e.isDirectory()) {
        Files.createDirectories(p);
      } else if (e.isFile()) {
        Files.createDirectories(p.getParent());
        Files.copy(tar, p, StandardCopyOption.REPLACE_EXISTING);
        if (++files % 1000 == 0) {
          progress.report(task, files, -1);
        }
      } // devices and fifos: not needed
    }
    // Commons Compress stops quietly where the data stops; a whole tar has a zero block there
    if (!counted.endMarkerFound()) {
      throw new KilnException("archive " + archive + " ends without the tar end marker (truncated)");
    }
    return files;
  }

  private static long padded(long size) {
    return (size + BLOCK - 1) / BLOCK * BLOCK;
  }

  /**
   * Counts the bytes read, and the zero bytes among the {@value #BLOCK} at the position where the
   * tar end marker belongs if no other entry follows; notes when the data has ended.
   */
  private static final class Counting extends FilterInputStream {
    long position;
    boolean ended;
    private long markerAt;
    private int markerZeros;

    Counting(InputStream in) {
      super(in);
    }

    void expectEndMarkerAt(long at) {
      markerAt = at;
      markerZeros = 0;
    }

    boolean endMarkerFound() {
      return markerZeros == BLOCK;
    }

    private void count(byte b) {
      if (b == 0 && position >= markerAt && position < markerAt + BLOCK) {
        markerZeros++;
      }
      position++;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count((byte) b);
      }
      ended |= b < 0;
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = in.read(buf, off, len);
      for (int i = off; i < off + n; i++) {
        count(buf[i]);
      }
      ended |= n < 0;
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // read, not skip, so that every byte is counted
      byte[] buf = new byte[(int) Math.min(n, 8192)];
      long left = n;
      while (left > 0) {
        int r = read(buf, 0, (int) Math.min(buf.length, left));
        if (r < 0) {
          break;
        }
        left -= r;
      }
      return n - left;
    }

    @Override
    public boolean markSupported() {
      return false; // a count cannot be rewound
    }
  }
}
