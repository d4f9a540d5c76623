/**
 * Data services: dataset providers, augmenters and feature extractors. 2.0.0: FrontendSettings is an
 * immutable record with a builder.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package kiln.api.data;
