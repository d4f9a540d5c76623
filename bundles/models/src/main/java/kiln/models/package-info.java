/** Reference model specifications; each is a KilnModel registered as a SpecProvider. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package kiln.models;
