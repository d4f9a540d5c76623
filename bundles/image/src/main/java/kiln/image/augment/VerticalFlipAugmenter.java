package kiln.image.augment;

import org.osgi.service.component.annotations.Component;

/** {@code vertical_flip}: mirrors half of the images top-bottom. */
@Component(service = kiln.api.data.Augmenter.class, property = {"kiln.name=vertical_flip", "kiln.domain=image"})
public final class VerticalFlipAugmenter extends FlipAugmenter {
  public VerticalFlipAugmenter() {
    super("vertical_flip", false);
  }
}
