/** Kiln's shared vocabulary: the exception every bundle reports errors with, progress, service names. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package kiln.api;
