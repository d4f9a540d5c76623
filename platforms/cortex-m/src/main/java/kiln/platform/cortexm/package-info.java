/**
 * The Cortex-M33 CPU cycle model and layer geometry helpers, shared with accelerator back-ends that
 * fall back to the CPU (the MVP back-end uses it for the ops it does not run).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package kiln.platform.cortexm;
