package kiln.spec.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import kiln.api.KilnException;

/**
 * Compiles one spec source in memory with javac against the Kiln API the anchor class's loader sees,
 * refuses classes that would stop the JVM or start processes ({@link ForbiddenCalls}), and loads it
 * in a class loader whose parent is that loader. Errors read {@code file:line: message}.
 */
public final class SpecCompiler {
  private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

  private final ClassSource source;

  /** @param anchor a class whose loader sees kiln.spec, kiln.nn and kiln.api (e.g. KilnModel) */
  public SpecCompiler(Class<?> anchor) {
    this.source = new ClassSource(anchor);
  }

  /**
   * Compiles {@code source} (the file {@code displayName}) and returns the class named
   * {@code simpleName} (in the source's package, if any).
   */
  public Class<?> compile(String displayName, String simpleName, String javaSource) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new KilnException(displayName + ": cannot compile specs: this Java runtime has no compiler"
          + " (javax.tools); run Kiln on a JDK 17, not a JRE");
    }
    Matcher pm = PACKAGE.matcher(javaSource);
    String binaryName = pm.find() ? pm.group(1) + "." + simpleName : simpleName;
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    MemoryFileManager files = new MemoryFileManager(
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8), source);
    JavaFileObject unit = new SimpleJavaFileObject(
        URI.create("string:///" + binaryName.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return javaSource;
      }
    };
    List<String> options = List.of("-proc:none", "-g", "-Xlint:none", "-nowarn", "-encoding", "UTF-8");
    boolean ok;
    try {
      ok = javac.getTask(null, files, diagnostics, options, null, List.of(unit)).call();
    } catch (RuntimeException e) {
      throw new KilnException(displayName + ": the Java compiler failed: " + e, e);
    }
    if (!ok) {
      throw new KilnException(format(displayName, diagnostics.getDiagnostics()));
    }
    Map<String, byte[]> classes = new java.util.HashMap<>();
    for (Map.Entry<String, ByteArrayOutputStream> e : files.output.entrySet()) {
      classes.put(e.getKey(), e.getValue().toByteArray());
    }
    try {
      files.close();
    } catch (IOException ignored) {
      // in-memory; nothing to release
    }
    ForbiddenCalls.check(displayName, classes);
    if (!classes.containsKey(binaryName)) {
      throw new KilnException(displayName + ": expected a public class named " + simpleName
          + " (the file name), found " + String.join(", ", classes.keySet()));
    }
    ClassLoader loader = new SpecClassLoader(source.loader(), classes);
    try {
      return loader.loadClass(binaryName);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new KilnException(displayName + ": compiled, but the class " + binaryName + " does not load: " + e, e);
    }
  }

  private static String format(String displayName, List<Diagnostic<? extends JavaFileObject>> diags) {
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diags) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        String msg = d.getMessage(Locale.ROOT).lines().findFirst().orElse("");
        errors.add(displayName + ":" + d.getLineNumber() + ": error: " + msg);
      }
    }
    if (errors.isEmpty()) {
      return displayName + ": does not compile";
    }
    return errors.size() == 1 ? errors.get(0)
        : errors.get(0) + " (and " + (errors.size() - 1) + " more error" + (errors.size() > 2 ? "s" : "") + ":\n  "
            + String.join("\n  ", errors.subList(1, errors.size())) + ")";
  }

  /** Defines the compiled classes; everything else comes from the parent (the Kiln API). */
  private static final class SpecClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    SpecClassLoader(ClassLoader parent, Map<String, byte[]> classes) {
      super(parent);
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] b = classes.get(name);
      if (b == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, b, 0, b.length);
    }
  }
}
