package kiln.api;

/** Service property keys every Kiln service uses to describe itself. */
public final class ServiceNames {
  /** The name users type to select a service ({@code --accelerator mvp}). */
  public static final String NAME = "kiln.name";
  /** A one-line description shown by {@code kiln:list}. */
  public static final String DESCRIPTION = "kiln.description";

  private ServiceNames() {}
}
