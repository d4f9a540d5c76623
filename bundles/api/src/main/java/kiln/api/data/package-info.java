/** Data services: dataset providers, augmenters and feature extractors. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package kiln.api.data;
