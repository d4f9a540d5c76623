/**
 * The bit-exact Java port of the TensorFlow Lite Micro microfrontend (with MLTK's additions): plain
 * classes a data generator can run, one {@link kiln.audio.frontend.MicroFrontend} per thread.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package kiln.audio.frontend;
