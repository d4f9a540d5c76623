/**
 * Keras models in Kiln: {@link kiln.keras.KerasModelFile} reads a Keras 2 {@code .h5} file (the
 * {@code model_config} and {@code model_weights} MLTK's training writes) into Kiln's layer graph
 * and weights; {@link kiln.keras.MltkArchive} reads MLTK's {@code NAME.mltk.zip}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package kiln.keras;
