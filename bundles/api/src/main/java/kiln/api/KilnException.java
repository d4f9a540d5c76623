package kiln.api;

/**
 * The one exception type Kiln reports to users. Its message names the thing that failed (a file, a
 * tensor, a setting) and says what was expected and what was found.
 */
public class KilnException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KilnException(String message) {
    super(message);
  }

  public KilnException(String message, Throwable cause) {
    super(message, cause);
  }
}
