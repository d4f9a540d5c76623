/**
 * Model services: trainer, quantizer, interpreter, evaluator, model archive, and the data they pass.
 * 2.1.0: BatchSource.skip (resuming a run where it stopped).
 * 2.2.0: BatchSource.workerThreads and cpuSecondsPerSample (the trainer's core budget).
 * 2.3.0: LoadedModel.resetVariables (LSTM states back to zero between independent samples).
 * 2.4.0: Weights.partial (initial weights that leave some variables to their initializers).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.4.0")
package kiln.api.model;
