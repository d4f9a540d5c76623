/** Keras-like layers, Sequential and functional models, and their layer graphs. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package kiln.nn;
