/** The micro runtime's view of a model: tensors, operators and their options. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package kiln.micro.graph;
