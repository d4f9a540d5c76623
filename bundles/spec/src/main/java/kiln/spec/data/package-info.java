/**
 * Data a spec supplies itself (MLTK's {@code tf.data} route): {@link kiln.spec.data.SpecDataset}, a
 * small streaming dataset with seeded shuffling, and {@link kiln.spec.data.SpecBatches}, which turns
 * one into the trainer's batches with MLTK's class modes and class weights. Folders of image or wav
 * files are listed by {@link kiln.spec.data.DirectoryListing} and decoded on worker threads with the
 * steps of {@link kiln.spec.data.ImageFiles} and {@link kiln.spec.data.AudioFiles}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package kiln.spec.data;
