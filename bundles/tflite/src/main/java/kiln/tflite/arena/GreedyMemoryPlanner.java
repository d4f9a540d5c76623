package kiln.tflite.arena;

import java.util.ArrayList;
import java.util.List;

/**
 * TFLite Micro's greedy planner. Buffers are placed largest first (ties: the buffer added later
 * first, as TFLite Micro's bubble sort over the reversed list leaves them); each goes at the
 * lowest offset where it fits between the buffers already placed that are alive at an overlapping
 * time. Offsets equal those of TFLite Micro's GreedyMemoryPlanner for the same calls.
 */
public final class GreedyMemoryPlanner implements MemoryPlanner {
  private record Buffer(long size, int first, int last) {}

  private final List<Buffer> buffers = new ArrayList<>();
  private long[] offsets;

  @Override
  public int addBuffer(long size, int firstUse, int lastUse) {
    if (size < 0) {
      throw new IllegalArgumentException("buffer size must be >= 0, found " + size);
    }
    buffers.add(new Buffer(size, firstUse, lastUse));
    offsets = null;
    return buffers.size() - 1;
  }

  @Override
  public int bufferCount() {
    return buffers.size();
  }

  @Override
  public long offsetOf(int bufferId) {
    plan();
    return offsets[bufferId];
  }

  @Override
  public long maxSize() {
    plan();
    long max = 0;
    for (int i = 0; i < buffers.size(); i++) {
      max = Math.max(max, offsets[i] + buffers.get(i).size);
    }
    return max;
  }

  private boolean overlapInTime(Buffer a, int first, int last) {
    return !(a.first > last || first > a.last);
  }

  private void plan() {
    if (offsets != null) {
      return;
    }
    int n = buffers.size();
    offsets = new long[n];
    if (n == 0) {
      return;
    }
    // the order TFLite Micro sorts: ids from the tail, then a stable sort by size descending
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = n - 1 - i;
    }
    long[] sizes = new long[n];
    for (int i = 0; i < n; i++) {
      sizes[i] = buffers.get(order[i]).size;
    }
    boolean swapped;
    do {
      swapped = false;
      for (int i = 1; i < n; i++) {
        if (sizes[i - 1] < sizes[i]) {
          long size = sizes[i - 1];
          sizes[i - 1] = sizes[i];
          sizes[i] = size;
          int id = order[i - 1];
          order[i - 1] = order[i];
          order[i] = id;
          swapped = true;
        }
      }
    } while (swapped);
    // placed buffers, kept sorted by offset (insertion after equal offsets)
    List<Integer> byOffset = new ArrayList<>();
    byOffset.add(order[0]);
    offsets[order[0]] = 0;
    for (int k = 1; k < n; k++) {
      int id = order[k];
      Buffer want = buffers.get(id);
      long candidate = 0;
      for (int placed : byOffset) {
        Buffer b = buffers.get(placed);
        if (!overlapInTime(b, want.first, want.last)) {
          continue;
        }
        long gap = offsets[placed] - candidate;
        if (gap >= want.size) {
          break;
        }
        candidate = Math.max(candidate, offsets[placed] + b.size);
      }
      offsets[id] = candidate;
      int pos = 0;
      while (pos < byOffset.size() && offsets[byOffset.get(pos)] <= candidate) {
        pos++;
      }
      // TFLite Micro inserts before the first entry with a larger offset, except that a new
      // smallest offset goes to the very front
      byOffset.add(pos, id);
    }
  }

  @Override
  public String checkOverlaps() {
    plan();
    for (int i = 0; i < buffers.size(); i++) {
      Buffer a = buffers.get(i);
      for (int j = i + 1; j < buffers.size(); j++) {
        Buffer b = buffers.get(j);
        boolean time = overlapInTime(a, b.first, b.last);
        boolean space = offsets[i] < offsets[j] + b.size && offsets[j] < offsets[i] + a.size
            && a.size > 0 && b.size > 0;
        if (time && space) {
          return "buffers " + i + " [" + offsets[i] + "," + (offsets[i] + a.size) + ") t"
              + a.first + "-" + a.last + " and " + j + " [" + offsets[j] + ","
              + (offsets[j] + b.size) + ") t" + b.first + "-" + b.last + " overlap";
        }
      }
    }
    return "";
  }

  private static char ordinal(int i) {
    i = i % 62;
    if (i < 10) {
      return (char) ('0' + i);
    } else if (i < 36) {
      return (char) ('a' + i - 10);
    }
    return (char) ('A' + i - 36);
  }

  @Override
  public String printPlan() {
    plan();
    StringBuilder sb = new StringBuilder();
    int maxTime = 0;
    long maxSize = 80;
    for (int i = 0; i < buffers.size(); i++) {
      Buffer b = buffers.get(i);
      char c = b.first != b.last ? ordinal(i) : '*';
      sb.append(String.format("%c (id=%d): size=%d, offset=%d, first_used=%d last_used=%d%n",
          c, i, b.size, offsets[i], b.first, b.last));
      maxTime = Math.max(maxTime, b.last);
      maxSize = Math.max(maxSize, offsets[i] + b.size);
    }
    final int width = 80;
    for (int t = 0; t <= maxTime; t++) {
      char[] line = new char[width];
      java.util.Arrays.fill(line, '.');
      long used = 0;
      for (int i = 0; i < buffers.size(); i++) {
        Buffer b = buffers.get(i);
        if (t < b.first || t > b.last) {
          continue;
        }
        used += b.size;
        int start = (int) (offsets[i] * width / maxSize);
        int end = (int) ((offsets[i] + b.size) * width / maxSize);
        char c = b.first != b.last ? ordinal(i) : '*';
        for (int x = start; x < end && x < width; x++) {
          line[x] = line[x] == '.' ? c : '!';
        }
      }
      sb.append(String.format("%2d: %s (%dk)%n", t, new String(line), (used + 1023) / 1024));
    }
    return sb.toString();
  }
}
