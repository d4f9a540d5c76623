/** Wav reading and writing, resampling and the microfrontend feature generator, usable without OSGi. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package kiln.audio;
