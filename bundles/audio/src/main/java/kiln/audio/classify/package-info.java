/**
 * Keyword detection on streaming audio as MLTK's audio_classifier app does it: the streaming
 * spectrogram, the command recognizer's smoothing and the loop that paces them. One home for
 * {@code kiln:classify_audio} on the host and the board emulator's classification stream.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package kiln.audio.classify;
