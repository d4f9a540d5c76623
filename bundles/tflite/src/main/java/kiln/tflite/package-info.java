/** Kiln's model of a .tflite file: read, change, write; model parameters; MACs and ops counting. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package kiln.tflite;
