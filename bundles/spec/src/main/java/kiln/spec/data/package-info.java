/**
 * Data a spec supplies itself (MLTK's {@code tf.data} route): {@link kiln.spec.data.SpecDataset}, a
 * small streaming dataset with seeded shuffling, and {@link kiln.spec.data.SpecBatches}, which turns
 * one into the trainer's batches with MLTK's class modes and class weights.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package kiln.spec.data;
