package kiln.image.augment;

import org.osgi.service.component.annotations.Component;

/** {@code width_shift_range}: shifts the image sideways (see {@link ShiftAugmenter}). */
@Component(service = kiln.api.data.Augmenter.class, property = {"kiln.name=width_shift_range", "kiln.domain=image"})
public final class WidthShiftAugmenter extends ShiftAugmenter {
  public WidthShiftAugmenter() {
    super("width_shift_range", true);
  }
}
