package kiln.image.augment;

import org.osgi.service.component.annotations.Component;

/** {@code height_shift_range}: shifts the image up or down (see {@link ShiftAugmenter}). */
@Component(service = kiln.api.data.Augmenter.class, property = {"kiln.name=height_shift_range", "kiln.domain=image"})
public final class HeightShiftAugmenter extends ShiftAugmenter {
  public HeightShiftAugmenter() {
    super("height_shift_range", false);
  }
}
