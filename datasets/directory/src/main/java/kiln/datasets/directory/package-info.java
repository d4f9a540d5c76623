/** Folder datasets: listing class folders, content hashes, safe atomic extraction of archives. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package kiln.datasets.directory;
