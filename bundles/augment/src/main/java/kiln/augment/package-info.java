/** The parallel audio data generator and its settings, usable without OSGi. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package kiln.augment;
