/** Platform services: accelerator back-ends and board connectors. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package kiln.api.platform;
