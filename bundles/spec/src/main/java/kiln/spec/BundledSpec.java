package kiln.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A {@link SpecProvider} for a spec class compiled into a bundle; its source is read from the
 * resource {@code <class name>.java} next to the class when the bundle ships it.
 */
public abstract class BundledSpec implements SpecProvider {
  private final String name;
  private final Supplier<? extends KilnModel> factory;
  private final Class<?> specClass;

  protected BundledSpec(Class<? extends KilnModel> specClass, Supplier<? extends KilnModel> factory) {
    this.name = specClass.getSimpleName();
    this.factory = factory;
    this.specClass = specClass;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public KilnModel newInstance() {
    return factory.get();
  }

  @Override
  public String source() {
    try (InputStream in = specClass.getResourceAsStream(specClass.getSimpleName() + ".java")) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }
}
