/** The model archive: entry layout, Kiln's weights format, provenance, training history, zip IO. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package kiln.archive;
