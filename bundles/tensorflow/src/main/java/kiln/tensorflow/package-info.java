/** TensorFlow Java inside Kiln: loading the natives and translating native failures. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package kiln.tensorflow;
