package kiln.spec.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Lists the class files of a package as a class loader sees them, so javac can compile a spec against
 * Kiln's API without a file-system class path: inside OSGi through the bundle wiring (which includes
 * imported packages), else through the class loader's resources (directories and jars).
 */
final class ClassSource {
  /** One class file: its resource path (kiln/nn/Conv2D.class) and how to read it. */
  record Entry(String resource, ClassLoader loader) {
    String binaryName() {
      return resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
    }

    InputStream open() throws IOException {
      InputStream in = loader.getResourceAsStream(resource);
      if (in == null) {
        throw new IOException("class file " + resource + " disappeared");
      }
      return in;
    }
  }

  private final Class<?> anchor;

  ClassSource(Class<?> anchor) {
    this.anchor = anchor;
  }

  /** The class loader compiled specs load through. */
  ClassLoader loader() {
    return anchor.getClassLoader();
  }

  List<Entry> list(String packageName) throws IOException {
    String path = packageName.replace('.', '/');
    Bundle bundle = osgiBundle();
    if (bundle != null) {
      BundleWiring wiring = bundle.adapt(BundleWiring.class);
      List<Entry> out = new ArrayList<>();
      if (wiring != null) {
        Collection<String> names = wiring.listResources(path, "*.class", 0);
        for (String n : names) {
          out.add(new Entry(n.startsWith("/") ? n.substring(1) : n, wiring.getClassLoader()));
        }
      }
      return out;
    }
    return fromClassLoader(path);
  }

  private Bundle osgiBundle() {
    try {
      return FrameworkUtil.getBundle(anchor);
    } catch (NoClassDefFoundError | RuntimeException e) {
      return null; // plain class path without the OSGi framework classes
    }
  }

  private List<Entry> fromClassLoader(String path) throws IOException {
    List<Entry> out = new ArrayList<>();
    ClassLoader cl = loader();
    Enumeration<URL> urls = cl.getResources(path);
    while (urls.hasMoreElements()) {
      URL url = urls.nextElement();
      if ("file".equals(url.getProtocol())) {
        try (Stream<Path> files = Files.list(Path.of(URI.create(url.toString())))) {
          files.filter(p -> p.getFileName().toString().endsWith(".class"))
              .forEach(p -> out.add(new Entry(path + "/" + p.getFileName(), cl)));
        }
      } else if ("jar".equals(url.getProtocol())) {
        JarURLConnection c = (JarURLConnection) url.openConnection();
        c.setUseCaches(false);
        try (JarFile jar = c.getJarFile()) {
          Enumeration<JarEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            String n = entries.nextElement().getName();
            if (n.startsWith(path + "/") && n.endsWith(".class") && n.indexOf('/', path.length() + 1) < 0) {
              out.add(new Entry(n, cl));
            }
          }
        }
      }
    }
    return out;
  }
}
