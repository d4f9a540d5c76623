package kiln.spec;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import kiln.api.KilnException;
import kiln.util.KilnHome;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The file part of the model search path, in order: the current directory (not recursive), the
 * {@code KILN_MODEL_PATH} entries (recursive; system property {@code kiln.model.path} wins), and the
 * {@code model_paths} list of {@code ~/.kiln/settings.yaml} (recursive). A {@code .java} file is a
 * model when one of its lines contains {@code @kiln_model}; nothing is compiled to find out.
 */
public final class SearchPath {
  /** The tag that makes a spec discoverable. */
  public static final String TAG = "@kiln_model";
  /** Letters, digits and underscore: what a model name may contain. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

  /** One root to search. */
  public record Root(Path dir, boolean recursive, String source) {}

  private final List<Root> roots;

  public SearchPath(List<Root> roots) {
    this.roots = List.copyOf(roots);
  }

  /** The standard search path of this process. */
  public static SearchPath standard() {
    List<Root> roots = new ArrayList<>();
    roots.add(new Root(Path.of(System.getProperty("user.dir")), false, "current directory"));
    String env = System.getProperty("kiln.model.path", System.getenv("KILN_MODEL_PATH"));
    if (env != null) {
      for (String p : env.split(java.io.File.pathSeparator)) {
        if (!p.isBlank()) {
          roots.add(new Root(Path.of(p.trim()), true, "KILN_MODEL_PATH"));
        }
      }
    }
    for (String p : settingsModelPaths(KilnHome.dir().resolve("settings.yaml"))) {
      roots.add(new Root(Path.of(p), true, "settings.yaml"));
    }
    return new SearchPath(roots);
  }

  public List<Root> roots() {
    return roots;
  }

  /** Every tagged spec file under the roots, in search order. */
  public List<ModelEntry> scan() {
    List<ModelEntry> out = new ArrayList<>();
    for (Root r : roots) {
      if (Files.isRegularFile(r.dir())) {
        entry(r.dir(), r.source()).ifPresent(out::add);
      } else if (Files.isDirectory(r.dir())) {
        try {
          Files.walkFileTree(r.dir(), java.util.Set.of(), r.recursive() ? 12 : 1, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
              boolean skip = !dir.equals(r.dir()) && (n.startsWith(".") || n.equals("target") || n.equals("node_modules"));
              return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              entry(file, r.source()).ifPresent(out::add);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
              return FileVisitResult.CONTINUE;
            }
          });
        } catch (IOException e) {
          // an unreadable root is skipped; list_models shows what was found
        }
      }
    }
    return out;
  }

  static java.util.Optional<ModelEntry> entry(Path file, String source) {
    String fn = file.getFileName().toString();
    if (!fn.endsWith(".java") || !Files.isRegularFile(file) || !isTagged(file)) {
      return java.util.Optional.empty();
    }
    String name = fn.substring(0, fn.length() - ".java".length());
    String problem = NAME.matcher(name).matches() ? null : nameProblem(name);
    return java.util.Optional.of(new ModelEntry(name, source, file.toAbsolutePath().normalize(), problem));
  }

  static String nameProblem(String name) {
    return "model name '" + name + "' (the file name) may only contain letters, digits and underscore";
  }

  private static boolean isTagged(Path file) {
    try {
      if (Files.size(file) > 4 << 20) {
        return false;
      }
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).contains(TAG);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The {@code model_paths} list of a settings.yaml (a YAML list, or one path); empty when the file
   * or the key is absent.
   *
   * @throws KilnException naming the file when it is not YAML or model_paths is not a list of paths
   */
  static List<String> settingsModelPaths(Path yaml) {
    List<String> out = new ArrayList<>();
    if (!Files.isRegularFile(yaml)) {
      return out;
    }
    Object doc;
    try (Reader in = Files.newBufferedReader(yaml, StandardCharsets.UTF_8)) {
      // SafeConstructor: plain maps, lists and scalars only, never objects named by tags
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    } catch (IOException e) {
      return out; // an unreadable file is skipped like an unreadable root
    } catch (YAMLException e) {
      throw new KilnException("settings file " + yaml + " is not valid YAML: " + e.getMessage(), e);
    }
    if (doc == null) {
      return out;
    }
    if (!(doc instanceof Map<?, ?> settings)) {
      throw new KilnException("settings file " + yaml + ": expected a mapping of settings, found "
          + doc.getClass().getSimpleName());
    }
    Object paths = settings.get("model_paths");
    if (paths instanceof String one) {
      paths = List.of(one);
    }
    if (paths == null) {
      return out;
    }
    if (!(paths instanceof List<?> list) || list.stream().anyMatch(p -> !(p instanceof String))) {
      throw new KilnException("settings file " + yaml + ": model_paths should be a list of folder "
          + "paths, found " + paths);
    }
    for (Object p : list) {
      if (!((String) p).isBlank()) {
        out.add(expand(((String) p).strip()));
      }
    }
    return out;
  }

  private static String expand(String p) {
    return p.startsWith("~/") ? System.getProperty("user.home") + p.substring(1) : p;
  }
}
