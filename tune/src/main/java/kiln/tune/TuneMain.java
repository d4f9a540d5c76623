package kiln.tune;

/**
 * The driver of {@code kiln:tune}, started by that command as a child process (Spark is not an OSGi
 * library): {@code java --add-opens=... -cp tune.jar:lib/* kiln.tune.TuneMain --kiln-jar JAR
 * --kiln-home DIR NAME [options]}. Exit status 0: searched (whether or not a trial fit), 2: bad
 * arguments, 1: the search failed.
 */
public final class TuneMain {
  private TuneMain() {}

  public static void main(String[] args) {
    TuneOptions options;
    try {
      options = TuneOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("kiln tune: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      new Search(options, System.out).run();
      System.out.flush();
      System.exit(0);
    } catch (Exception e) {
      System.out.flush();
      System.err.println("kiln tune " + options.model() + ": " + (e.getMessage() == null ? e : e.getMessage()));
      if (Boolean.getBoolean("kiln.debug")) {
        e.printStackTrace();
      }
      System.exit(1);
    }
  }
}
