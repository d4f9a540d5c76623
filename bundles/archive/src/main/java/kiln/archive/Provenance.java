package kiln.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import kiln.api.KilnException;
import kiln.util.json.Json;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * Where a trained or quantized model came from ({@code provenance.json}): the specification's
 * hash, the dataset's name and content hash, the seed, every setting, the versions of Kiln, its
 * bundles and TensorFlow, Java and the OS, and when the run started and ended.
 *
 * <p>Build one with {@link #builder(String)}; Java, OS and the current time are filled in.
 *
 * @param model the model name
 * @param specHash SHA-256 (hex) of the specification source, or null
 * @param datasetName the dataset's name, or null
 * @param datasetHash a hash of the dataset's content, or null
 * @param seed the random seed, or null
 * @param settings every setting of the run (training, quantization), in order
 * @param kilnVersion Kiln's version
 * @param bundles bundle symbolic name to version, sorted
 * @param tensorflowVersion TensorFlow's version, or null when not used
 * @param java Java's version, vendor and runtime name
 * @param os the operating system's name, version and architecture
 * @param started when the run started
 * @param finished when the run ended, or null while running
 * @param extra anything else a producer wants to record, in order
 */
public record Provenance(
    String model,
    String specHash,
    String datasetName,
    String datasetHash,
    Long seed,
    Map<String, Object> settings,
    String kilnVersion,
    Map<String, String> bundles,
    String tensorflowVersion,
    Map<String, String> java,
    Map<String, String> os,
    Instant started,
    Instant finished,
    Map<String, Object> extra) {

  /** The {@code provenance.json} format version this class writes. */
  public static final int FORMAT_VERSION = 1;

  /** A builder with Java, OS, Kiln's version and the start time filled in. */
  public static Builder builder(String model) {
    return new Builder(model);
  }

  /** SHA-256 of {@code bytes} as lower-case hex. */
  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  /**
   * A content hash of a folder (a dataset): SHA-256 over every regular file's relative path
   * ('/'-separated) and content, in path order. Renaming, adding, removing or changing any file
   * changes it.
   *
   * @throws KilnException naming the folder when it cannot be read
   */
  public static String sha256OfDirectory(Path dir) {
    MessageDigest md = digest();
    TreeMap<String, Path> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile)
          .forEach(p -> files.put(dir.relativize(p).toString().replace('\\', '/'), p));
      for (Map.Entry<String, Path> e : files.entrySet()) {
        byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
        md.update(name);
        md.update((byte) 0);
        md.update(sha256Bytes(Files.readAllBytes(e.getValue())));
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new KilnException("cannot hash dataset folder " + dir + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static byte[] sha256Bytes(byte[] b) {
    return digest().digest(b);
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** This provenance with the end time set. */
  public Provenance finishedAt(Instant end) {
    return new Provenance(model, specHash, datasetName, datasetHash, seed, settings, kilnVersion,
        bundles, tensorflowVersion, java, os, started, end, extra);
  }

  /** The JSON-ready map, in a fixed key order. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format_version", FORMAT_VERSION);
    m.put("model", model);
    m.put("spec_hash", specHash);
    Map<String, Object> ds = new LinkedHashMap<>();
    ds.put("name", datasetName);
    ds.put("content_hash", datasetHash);
    m.put("dataset", ds);
    m.put("seed", seed);
    m.put("settings", settings);
    m.put("kiln_version", kilnVersion);
    m.put("bundles", bundles);
    m.put("tensorflow_version", tensorflowVersion);
    m.put("java", java);
    m.put("os", os);
    m.put("started", started == null ? null : started.toString());
    m.put("finished", finished == null ? null : finished.toString());
    if (!extra.isEmpty()) {
      m.put("extra", extra);
    }
    return m;
  }

  /** {@code provenance.json}'s text. */
  public String toJson() {
    return Json.writePretty(toMap());
  }

  /**
   * Reads {@code provenance.json} of this or an earlier format version.
   *
   * @throws KilnException naming {@code what} when it is not valid or from a newer Kiln
   */
  @SuppressWarnings("unchecked")
  public static Provenance fromJson(String text, String what) {
    Map<String, Object> m = Json.parseObject(text, what);
    Object v = m.get("format_version");
    if (!(v instanceof Number) || ((Number) v).intValue() < 1) {
      throw new KilnException(what + ": expected a positive format_version, found " + v);
    }
    if (((Number) v).intValue() > FORMAT_VERSION) {
      throw new KilnException(what + ": provenance format_version " + v
          + ", this Kiln reads versions 1 to " + FORMAT_VERSION + " (written by a newer Kiln?)");
    }
    Map<String, Object> ds = m.get("dataset") instanceof Map<?, ?> d
        ? (Map<String, Object>) d : Map.of();
    return new Provenance(
        str(m.get("model")),
        str(m.get("spec_hash")),
        str(ds.get("name")),
        str(ds.get("content_hash")),
        m.get("seed") instanceof Number n ? n.longValue() : null,
        m.get("settings") instanceof Map<?, ?> s ? (Map<String, Object>) s : Map.of(),
        str(m.get("kiln_version")),
        strings(m.get("bundles")),
        str(m.get("tensorflow_version")),
        strings(m.get("java")),
        strings(m.get("os")),
        instant(m.get("started"), what),
        instant(m.get("finished"), what),
        m.get("extra") instanceof Map<?, ?> x ? (Map<String, Object>) x : Map.of());
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  private static Map<String, String> strings(Object o) {
    Map<String, String> out = new LinkedHashMap<>();
    if (o instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : v.toString()));
    }
    return out;
  }

  private static Instant instant(Object o, String what) {
    if (o == null) {
      return null;
    }
    try {
      return Instant.parse(o.toString());
    } catch (DateTimeParseException e) {
      throw new KilnException(what + ": expected an ISO-8601 time, found " + o);
    }
  }

  /** Collects a provenance; every setter returns the builder. */
  public static final class Builder {
    private final String model;
    private String specHash;
    private String datasetName;
    private String datasetHash;
    private Long seed;
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private String kilnVersion = defaultKilnVersion();
    private final Map<String, String> bundles = new TreeMap<>();
    private String tensorflowVersion;
    private Instant started = Instant.now();
    private Instant finished;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    private Builder(String model) {
      this.model = model;
    }

    /** Hashes the specification's source. */
    public Builder specSource(byte[] source) {
      this.specHash = sha256(source);
      return this;
    }

    public Builder specHash(String hash) {
      this.specHash = hash;
      return this;
    }

    public Builder dataset(String name, String contentHash) {
      this.datasetName = name;
      this.datasetHash = contentHash;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Adds settings (values: strings, numbers, booleans, lists, maps). */
    public Builder settings(Map<String, ?> values) {
      this.settings.putAll(values);
      return this;
    }

    public Builder setting(String key, Object value) {
      this.settings.put(key, value);
      return this;
    }

    public Builder kilnVersion(String version) {
      this.kilnVersion = version;
      return this;
    }

    public Builder bundle(String symbolicName, String version) {
      this.bundles.put(symbolicName, version);
      return this;
    }

    /**
     * Records the version of every bundle whose symbolic name starts with {@code kiln.} in the
     * framework that loaded {@code anyClass}; does nothing outside OSGi.
     */
    public Builder kilnBundlesOf(Class<?> anyClass) {
      Bundle self = FrameworkUtil.getBundle(anyClass);
      BundleContext ctx = self == null ? null : self.getBundleContext();
      if (ctx != null) {
        for (Bundle b : ctx.getBundles()) {
          String n = b.getSymbolicName();
          if (n != null && n.startsWith("kiln.")) {
            bundles.put(n, b.getVersion().toString());
          }
        }
      }
      return this;
    }

    public Builder tensorflowVersion(String version) {
      this.tensorflowVersion = version;
      return this;
    }

    public Builder started(Instant t) {
      this.started = t;
      return this;
    }

    public Builder finished(Instant t) {
      this.finished = t;
      return this;
    }

    public Builder extra(String key, Object value) {
      this.extra.put(key, value);
      return this;
    }

    public Provenance build() {
      Map<String, String> java = new LinkedHashMap<>();
      java.put("version", System.getProperty("java.version"));
      java.put("vendor", System.getProperty("java.vendor"));
      java.put("runtime", System.getProperty("java.runtime.name"));
      java.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
      Map<String, String> os = new LinkedHashMap<>();
      os.put("name", System.getProperty("os.name"));
      os.put("version", System.getProperty("os.version"));
      os.put("arch", System.getProperty("os.arch"));
      os.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
      return new Provenance(model, specHash, datasetName, datasetHash, seed,
          new LinkedHashMap<>(settings), kilnVersion, new TreeMap<>(bundles), tensorflowVersion,
          java, os, started, finished, new LinkedHashMap<>(extra));
    }

    /** The kiln.api bundle's version inside OSGi, else the system property kiln.version. */
    private static String defaultKilnVersion() {
      Bundle api = FrameworkUtil.getBundle(KilnException.class);
      if (api != null) {
        return api.getVersion().toString();
      }
      return System.getProperty("kiln.version", "unknown");
    }
  }
}
