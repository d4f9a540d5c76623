package kiln.spec;

import kiln.api.KilnException;

/** A spec property has a bad value; names the setting (MLTK name) and the Java field that holds it. */
public final class SettingException extends KilnException {
  private static final long serialVersionUID = 1L;
  private final String setting;
  private final String javaName;

  public SettingException(String setting, String javaName, String message) {
    super(setting + ": " + message);
    this.setting = setting;
    this.javaName = javaName;
  }

  /** The MLTK name, e.g. {@code batch_size}. */
  public String setting() {
    return setting;
  }

  /** The Java field, e.g. {@code batchSize}. */
  public String javaName() {
    return javaName;
  }
}
