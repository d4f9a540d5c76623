package kiln.spec.data;

import java.nio.file.Files;
import java.nio.file.Path;
import kiln.api.KilnException;
import kiln.util.KilnHome;

/**
 * Where a spec that reads a dataset folder itself finds it: the folder named by the system property
 * {@code kiln.dataset.<name>.dir} when set (a copy elsewhere, a small test folder), else the folder
 * a dataset provider installs it in, {@code <kiln home>/datasets/<subfolder>}.
 */
public final class DatasetFolder {
  private DatasetFolder() {}

  /** The property naming the folder of dataset {@code name}. */
  public static String property(String name) {
    return "kiln.dataset." + name + ".dir";
  }

  /**
   * The folder of dataset {@code name}.
   *
   * @param subfolder where under {@code <kiln home>/datasets} it is installed
   * @param howToInstall what a user does to get it there, for the message when it is missing
   * @throws KilnException naming both places and {@code howToInstall} when neither holds a folder
   */
  public static Path of(String name, String subfolder, String howToInstall) {
    if (named(name)) {
      Path p = location(name, subfolder);
      if (!Files.isDirectory(p)) {
        throw new KilnException("dataset " + name + ": folder " + p + " (-D" + property(name) + ") does not exist");
      }
      return p;
    }
    Path installed = location(name, subfolder);
    if (!Files.isDirectory(installed)) {
      throw new KilnException("dataset " + name + " is not in " + installed + ": " + howToInstall
          + "; or name a folder holding it with -D" + property(name) + "=...");
    }
    return installed;
  }

  /**
   * Where dataset {@code name} is looked for, unchecked: the folder {@code kiln.dataset.<name>.dir}
   * names, else {@code <kiln home>/datasets/<subfolder>}. For a spec that checks the files itself.
   */
  public static Path location(String name, String subfolder) {
    return named(name) ? Path.of(System.getProperty(property(name))) : KilnHome.datasets().resolve(subfolder);
  }

  private static boolean named(String name) {
    String prop = System.getProperty(property(name));
    return prop != null && !prop.isBlank();
  }
}
