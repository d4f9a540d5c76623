package kiln.image.augment;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.api.data.Augmenter;

/** Every image augmenter of this bundle by setting name, for use without OSGi (tests, benchmarks). */
public final class ImageAugmenters {
  private ImageAugmenters() {}

  public static Map<String, Augmenter> all() {
    Map<String, Augmenter> m = new LinkedHashMap<>();
    m.put("rotation_range", new RotationAugmenter());
    m.put("width_shift_range", new WidthShiftAugmenter());
    m.put("height_shift_range", new HeightShiftAugmenter());
    m.put("shear_range", new ShearAugmenter());
    m.put("zoom_range", new ZoomAugmenter());
    m.put("channel_shift_range", new ChannelShiftAugmenter());
    m.put("horizontal_flip", new HorizontalFlipAugmenter());
    m.put("vertical_flip", new VerticalFlipAugmenter());
    m.put("brightness_range", new BrightnessAugmenter());
    m.put("contrast_range", new ContrastAugmenter());
    m.put("noise", new NoiseAugmenter());
    return m;
  }
}
