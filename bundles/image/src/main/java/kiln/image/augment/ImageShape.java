package kiln.image.augment;

import java.util.Map;
import kiln.api.KilnException;

/**
 * The shape of the image an augmenter is given: the generator puts {@link #HEIGHT}, {@link #WIDTH}
 * and {@link #CHANNELS} into the settings it passes (an {@code Augmenter} gets a flat array).
 */
public record ImageShape(int height, int width, int channels) {
  public static final String HEIGHT = "image_height";
  public static final String WIDTH = "image_width";
  public static final String CHANNELS = "image_channels";

  /** The shape in {@code settings}. */
  public static ImageShape of(Map<String, Object> settings) {
    Object h = settings.get(HEIGHT);
    Object w = settings.get(WIDTH);
    Object c = settings.get(CHANNELS);
    if (!(h instanceof Number hn && w instanceof Number wn && c instanceof Number cn)) {
      throw new KilnException("image augmenter: the settings lack " + HEIGHT + ", " + WIDTH + " and " + CHANNELS
          + " (the image generator sets them)");
    }
    return new ImageShape(hn.intValue(), wn.intValue(), cn.intValue());
  }

  /** Adds this shape to {@code settings}. */
  public Map<String, Object> into(Map<String, Object> settings) {
    settings.put(HEIGHT, height);
    settings.put(WIDTH, width);
    settings.put(CHANNELS, channels);
    return settings;
  }
}
