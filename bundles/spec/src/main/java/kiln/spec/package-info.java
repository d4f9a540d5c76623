/** Model specifications: KilnModel, its mixins, data generator settings, finding and loading specs. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package kiln.spec;
