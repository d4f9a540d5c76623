/** Typed builtin options of TFLite operators (one record per options table Kiln knows). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package kiln.tflite.options;
