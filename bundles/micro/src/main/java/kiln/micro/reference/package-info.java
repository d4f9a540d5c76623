/** TFLite's reference fixed-point arithmetic (multipliers, rounding shifts, exp, logistic, tanh). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package kiln.micro.reference;
