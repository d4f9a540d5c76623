/** Platform services: accelerator back-ends and board connectors. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package kiln.api.platform;
