/** Layouts several reference specs share (MLTK's mltk.models.shared): TENet. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package kiln.models.shared;
