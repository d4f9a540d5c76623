/** Model services: trainer, quantizer, interpreter, evaluator, model archive, and the data they pass. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package kiln.api.model;
