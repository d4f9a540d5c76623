/**
 * MLTK firmware compatibility: the text log of MLTK's model_profiler application, read into
 * measured figures; shared with the board emulator, which prints the same format.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package kiln.platform.serial.mltk;
