/** Metrics MLTK computes for classifiers and autoencoders, as plain classes (no OSGi), and the float/int8 fidelity report. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package kiln.evaluate;
