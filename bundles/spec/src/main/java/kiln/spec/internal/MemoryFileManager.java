package kiln.spec.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * Serves the class path from a {@link ClassSource} (JDK classes still come from the platform) and
 * keeps compiled classes in memory.
 */
final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
  private final ClassSource source;
  private final Map<String, List<JavaFileObject>> cache = new HashMap<>();
  final Map<String, ByteArrayOutputStream> output = new HashMap<>();

  MemoryFileManager(StandardJavaFileManager delegate, ClassSource source) {
    super(delegate);
    this.source = source;
  }

  @Override
  public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds, boolean recurse)
      throws IOException {
    if (location == StandardLocation.CLASS_PATH && kinds.contains(JavaFileObject.Kind.CLASS)
        && !packageName.startsWith("java.") && !packageName.startsWith("javax.") && !packageName.isEmpty()) {
      List<JavaFileObject> list = cache.get(packageName);
      if (list == null) {
        list = new ArrayList<>();
        for (ClassSource.Entry e : source.list(packageName)) {
          list.add(new ClassFile(e));
        }
        cache.put(packageName, list);
      }
      return list;
    }
    return super.list(location, packageName, kinds, recurse);
  }

  @Override
  public String inferBinaryName(Location location, JavaFileObject file) {
    if (file instanceof ClassFile c) {
      return c.entry.binaryName();
    }
    return super.inferBinaryName(location, file);
  }

  @Override
  public boolean hasLocation(Location location) {
    return location == StandardLocation.CLASS_PATH || super.hasLocation(location);
  }

  @Override
  public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
    return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
      @Override
      public OutputStream openOutputStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        output.put(className, out);
        return out;
      }
    };
  }

  @Override
  public boolean isSameFile(FileObject a, FileObject b) {
    return a == b || super.isSameFile(a, b);
  }

  @Override
  public ClassLoader getClassLoader(JavaFileManager.Location location) {
    return source.loader();
  }

  /** A class file read through a class loader. */
  private static final class ClassFile extends SimpleJavaFileObject {
    final ClassSource.Entry entry;

    ClassFile(ClassSource.Entry entry) {
      super(URI.create("kiln-class:///" + entry.resource()), JavaFileObject.Kind.CLASS);
      this.entry = entry;
    }

    @Override
    public InputStream openInputStream() throws IOException {
      return entry.open();
    }
  }
}
