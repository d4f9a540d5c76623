/**
 * Data services: dataset providers, augmenters and feature extractors. 2.0.0: FrontendSettings is an
 * immutable record with a builder. 2.1.0: a Dataset may carry its own validation/test split
 * (DatasetSplit).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.1.0")
package kiln.api.data;
