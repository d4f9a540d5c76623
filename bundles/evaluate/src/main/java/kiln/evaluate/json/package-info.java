/** A small JSON writer and reader for Kiln's result, history and provenance files. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package kiln.evaluate.json;
