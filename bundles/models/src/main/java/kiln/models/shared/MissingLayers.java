package kiln.models.shared;

import java.util.List;
import kiln.api.KilnException;

/**
 * The error of a reference spec whose MLTK layout needs layers Kiln does not have yet: the spec
 * keeps MLTK's settings and dataset, and building its model names what is missing.
 */
public final class MissingLayers {
  private MissingLayers() {}

  /** An exception naming the spec and each missing layer (or feature) with what it is for. */
  public static KilnException of(String spec, List<String> missing) {
    return new KilnException(spec + ": MLTK's layout needs what Kiln does not have yet: " + String.join("; ", missing)
        + ". The spec keeps MLTK's settings; its model cannot be built until these exist in kiln.nn and the trainer");
  }
}
