package kiln.tflite.arena;

/**
 * Places buffers with known lifetimes in one arena. Times are operator steps; two buffers may
 * share bytes only when their [firstUse, lastUse] intervals do not intersect.
 */
public interface MemoryPlanner {
  /** Adds a buffer; returns its id (0, 1, ... in call order). */
  int addBuffer(long size, int firstUse, int lastUse);

  /** The arena offset of a buffer. */
  long offsetOf(int bufferId);

  /** The arena bytes the plan needs: the highest end offset of any buffer. */
  long maxSize();

  int bufferCount();

  /**
   * Checks that no two buffers alive at the same time overlap in the arena.
   *
   * @return an empty string when the plan is sound, else a line naming the first clash
   */
  String checkOverlaps();

  /** The plan as text: one line per buffer, then a time-by-memory picture. */
  String printPlan();
}
