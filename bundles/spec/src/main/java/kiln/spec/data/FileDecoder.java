package kiln.spec.data;

import java.nio.file.Path;

/**
 * Turns one listed sample file into a model input, flat in row-major order (the work of the
 * function an MLTK spec maps over its file paths). It runs on worker threads, so it must not share
 * mutable state between calls.
 */
@FunctionalInterface
public interface FileDecoder {
  /**
   * @param file the sample file, or null for a {@code _silence_} sample (all zeros)
   * @param seed the element's number in the listing (MLTK zips a counter with the paths), plus the
   *     epoch times the listing's size when the dataset draws afresh each epoch: draw
   *     random augmentations from it, so a run is repeatable whatever thread decodes the file
   */
  float[] decode(Path file, long seed);
}
