/** One class per op kernel: prepare validates and precomputes, eval computes without checks. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package kiln.micro.kernels;
