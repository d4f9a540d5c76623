/** Image loading and the parallel image data generator, usable without OSGi. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package kiln.image;
