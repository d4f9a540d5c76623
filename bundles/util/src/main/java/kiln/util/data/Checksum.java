package kiln.util.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A published digest of a download: the algorithm (as {@link MessageDigest} names it) and the hex
 * value. Datasets publish different ones (Speech Commands and Fashion-MNIST: SHA-256, MLTK's assets:
 * SHA-1, CIFAR-10: MD5); a download is checked with the one its publisher gives.
 */
public record Checksum(String algorithm, String hex) {
  public Checksum {
    hex = hex.toLowerCase(Locale.ROOT);
    digest(algorithm); // fails early on an unknown name
  }

  public static Checksum sha256(String hex) {
    return new Checksum("SHA-256", hex);
  }

  public static Checksum sha1(String hex) {
    return new Checksum("SHA-1", hex);
  }

  public static Checksum md5(String hex) {
    return new Checksum("MD5", hex);
  }

  /** The digest of {@code file} with this checksum's algorithm, in lower-case hex. */
  public String of(Path file) throws IOException {
    return hex(algorithm, file);
  }

  /** The {@code algorithm} digest of {@code file}, in lower-case hex. */
  public static String hex(String algorithm, Path file) throws IOException {
    MessageDigest d = digest(algorithm);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }

  public boolean matches(String actualHex) {
    return hex.equalsIgnoreCase(actualHex);
  }

  @Override
  public String toString() {
    return algorithm + " " + hex;
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("unknown digest algorithm " + algorithm, e);
    }
  }
}
