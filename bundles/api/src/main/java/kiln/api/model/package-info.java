/** Model services: trainer, quantizer, interpreter, evaluator, model archive, and the data they pass. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package kiln.api.model;
