/**
 * The image augmenters, one {@link kiln.api.data.Augmenter} service per MLTK / Keras setting
 * ({@code kiln.domain=image}); they work on HWC images in 0..255 before {@code rescale}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package kiln.image.augment;
