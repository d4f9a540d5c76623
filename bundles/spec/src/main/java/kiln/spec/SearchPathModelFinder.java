package kiln.spec;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import kiln.api.KilnException;
import kiln.spec.internal.SpecCompiler;
import kiln.spec.internal.SpecGuard;

/**
 * The model finder over a {@link SearchPath} and the specs bundles register. Files come first (in
 * search path order), then bundle specs; the first model of a name wins.
 */
public final class SearchPathModelFinder implements ModelFinder {
  private static final String TEST_SUFFIX = "-test";

  private final Supplier<SearchPath> searchPath;
  private final Supplier<List<SpecProvider>> providers;

  public SearchPathModelFinder(Supplier<SearchPath> searchPath, Supplier<List<SpecProvider>> providers) {
    this.searchPath = searchPath;
    this.providers = providers;
  }

  /** The standard search path plus these providers. */
  public static SearchPathModelFinder standard(Supplier<List<SpecProvider>> providers) {
    return new SearchPathModelFinder(SearchPath::standard, providers);
  }

  @Override
  public List<ModelEntry> list() {
    List<ModelEntry> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ModelEntry e : searchPath.get().scan()) {
      if (names.add(e.name())) {
        out.add(e);
      }
    }
    List<SpecProvider> bundled = new ArrayList<>(providers.get());
    bundled.sort(java.util.Comparator.comparing(SpecProvider::name));
    for (SpecProvider p : bundled) {
      if (names.add(p.name())) {
        out.add(new ModelEntry(p.name(), "bundle " + bundleName(p), null, null));
      }
    }
    return out;
  }

  @Override
  public ModelEntry find(String arg) {
    if (arg == null || arg.isBlank()) {
      return null;
    }
    if (isPath(arg)) {
      Path p = Path.of(arg);
      if (!arg.endsWith(".java") || !Files.isRegularFile(p)) {
        return null;
      }
      String fn = p.getFileName().toString();
      String name = fn.substring(0, fn.length() - ".java".length());
      return new ModelEntry(name, "file", p.toAbsolutePath().normalize(),
          SearchPath.NAME.matcher(name).matches() ? null : SearchPath.nameProblem(name));
    }
    String name = stripTest(arg);
    for (ModelEntry e : list()) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }

  @Override
  public KilnModel load(String arg) {
    return load(arg, Map.of());
  }

  @Override
  public KilnModel load(String arg, Map<String, String> hyperparameters) {
    Map<String, String> hp = Map.copyOf(hyperparameters);
    if (arg == null || arg.isBlank()) {
      throw new KilnException("model name: expected a model name or a path to a NAME.java spec, got nothing");
    }
    boolean test = !isPath(arg) && arg.endsWith(TEST_SUFFIX);
    String name = isPath(arg) ? null : stripTest(arg);
    if (name != null && !SearchPath.NAME.matcher(name).matches()) {
      throw new KilnException(SearchPath.nameProblem(name) + (name.contains("-") ? " (NAME-test is the dry run)" : ""));
    }
    ModelEntry e = find(arg);
    if (e == null) {
      throw new KilnException(isPath(arg)
          ? arg + ": no such spec file (expected NAME.java)"
          : "model '" + name + "' not found on the model search path (" + describePath()
              + "); a spec file NAME.java needs a line with " + SearchPath.TAG);
    }
    if (e.problem() != null) {
      throw new KilnException(e.path() + ": " + e.problem());
    }
    // the spec's own code (constructor, buildModel) runs under a time limit
    return e.path() != null ? compileFile(e, test, hp) : SpecGuard.run(e.name() + ".java",
        () -> fromProvider(e.name(), test, hp));
  }

  private KilnModel fromProvider(String name, boolean test, Map<String, String> hp) {
    for (SpecProvider p : providers.get()) {
      if (p.name().equals(name)) {
        KilnModel m;
        String display = name + ".java (bundle " + bundleName(p) + ")";
        try {
          m = Hyperparameters.constructWith(hp, p::newInstance);
        } catch (RuntimeException | LinkageError ex) {
          throw new KilnException(display + ": " + ex, ex);
        }
        return check(m, name, null, p.source(), test, display);
      }
    }
    throw new KilnException("model '" + name + "': its bundle went away while loading it");
  }

  private KilnModel compileFile(ModelEntry e, boolean test, Map<String, String> hp) {
    Path file = e.path();
    String display = file.toString();
    String source;
    try {
      source = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new KilnException(display + ": cannot read the spec: " + ex.getMessage(), ex);
    }
    Class<?> cls = new SpecCompiler(KilnModel.class).compile(display, e.name(), source);
    return SpecGuard.run(display, () -> Hyperparameters.constructWith(hp,
        () -> instantiate(cls, e, file, source, test, display)));
  }

  private KilnModel instantiate(Class<?> cls, ModelEntry e, Path file, String source, boolean test,
      String display) {
    if (!KilnModel.class.isAssignableFrom(cls)) {
      throw new KilnException(display + ": class " + e.name() + " must extend kiln.spec.KilnModel");
    }
    if (!Modifier.isPublic(cls.getModifiers()) || Modifier.isAbstract(cls.getModifiers())) {
      throw new KilnException(display + ": class " + e.name() + " must be public and not abstract");
    }
    KilnModel m;
    try {
      Constructor<?> c = cls.getConstructor();
      m = (KilnModel) c.newInstance();
    } catch (NoSuchMethodException ex) {
      throw new KilnException(display + ": class " + e.name() + " needs a public constructor without arguments");
    } catch (InvocationTargetException ex) {
      Throwable cause = ex.getCause();
      if (cause instanceof SettingException se) {
        throw SpecErrors.setting(se, display, source);
      }
      throw SpecErrors.at(cls, display, cause);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
      throw SpecErrors.at(cls, display, ex);
    }
    return check(m, e.name(), file, source, test, display);
  }

  private KilnModel check(KilnModel m, String name, Path file, String source, boolean test, String display) {
    m.init(name, file, source, test);
    try {
      m.validate();
    } catch (SettingException se) {
      throw SpecErrors.setting(se, display, source);
    }
    m.buildGraph(); // layer errors surface now, with the spec's file and line
    try {
      m.hp.checkAssigned(); // now that the constructor and buildModel() declared theirs
    } catch (SettingException se) {
      throw SpecErrors.setting(se, display, source);
    }
    return m;
  }

  private String describePath() {
    List<String> parts = new ArrayList<>();
    for (SearchPath.Root r : searchPath.get().roots()) {
      parts.add(r.source() + " " + r.dir());
    }
    List<String> bundled = providers.get().stream().map(SpecProvider::name).toList();
    parts.add("bundles: " + (bundled.isEmpty() ? "none" : String.join(", ", bundled)));
    return String.join("; ", parts);
  }

  private static boolean isPath(String arg) {
    return arg.endsWith(".java") || arg.contains("/") || arg.contains(java.io.File.separator);
  }

  private static String stripTest(String arg) {
    return arg.endsWith(TEST_SUFFIX) ? arg.substring(0, arg.length() - TEST_SUFFIX.length()) : arg;
  }

  private static String bundleName(SpecProvider p) {
    try {
      org.osgi.framework.Bundle b = org.osgi.framework.FrameworkUtil.getBundle(p.getClass());
      return b == null ? p.getClass().getPackageName() : b.getSymbolicName();
    } catch (NoClassDefFoundError | RuntimeException e) {
      return p.getClass().getPackageName();
    }
  }
}
