/** Kiln's micro runtime: prepared models, the loader, the arena size of a model. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.1.0")
package kiln.micro;
