package kiln.image.augment;

import org.osgi.service.component.annotations.Component;

/** {@code horizontal_flip}: mirrors half of the images left-right. */
@Component(service = kiln.api.data.Augmenter.class, property = {"kiln.name=horizontal_flip", "kiln.domain=image"})
public final class HorizontalFlipAugmenter extends FlipAugmenter {
  public HorizontalFlipAugmenter() {
    super("horizontal_flip", true);
  }
}
