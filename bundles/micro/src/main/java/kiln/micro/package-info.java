/** Kiln's micro runtime: prepared models, the loader, arena size estimate, infer command logic. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package kiln.micro;
