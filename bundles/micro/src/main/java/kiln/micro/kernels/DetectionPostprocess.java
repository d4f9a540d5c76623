package kiln.micro.kernels;

import com.google.flatbuffers.FlexBuffers;
import java.nio.ByteBuffer;
import java.util.Arrays;
import kiln.api.model.ElementType;

/**
 * TFLite Micro's DETECTION_POSTPROCESS custom op ({@code TFLite_Detection_PostProcess},
 * detection_postprocess.cc), float32 as there: decodes SSD box encodings against their anchors
 * (center-size, in double as TFLite Micro does), then non-max suppression, either per class
 * ("regular", {@code use_regular_nms}) or once over each box's best classes ("fast"), and writes
 * boxes [1, n, 4], classes [1, n], scores [1, n] and the detection count [1]. Options come from the
 * op's flexbuffer map, with TFLite Micro's defaults (detections_per_class 100, fast NMS).
 * Sorting orders by score, highest first, equal scores by index, as TFLite Micro's sorts do.
 */
final class DetectionPostprocess extends Kernel {
  private final Prep prep;
  private final Tensor boxes;
  private final Tensor classScores;
  private final Tensor anchors;
  private final Tensor outBoxes;
  private final Tensor outClasses;
  private final Tensor outScores;
  private final Tensor outCount;
  private final int maxDetections;
  private final int maxClassesPerDetection;
  private final int detectionsPerClass;
  private final float scoreThreshold;
  private final float iouThreshold;
  private final int numClasses;
  private final boolean regular;
  private final float yScale;
  private final float xScale;
  private final float hScale;
  private final float wScale;
  private final int numBoxes;
  private final float[] decoded;

  private DetectionPostprocess(Prep p, FlexBuffers.Map m) {
    prep = p;
    boxes = p.in(0);
    classScores = p.in(1);
    anchors = p.in(2);
    outBoxes = p.out(0);
    outClasses = p.out(1);
    outScores = p.out(2);
    outCount = p.out(3);
    maxDetections = m.get("max_detections").asInt();
    maxClassesPerDetection = m.get("max_classes_per_detection").asInt();
    detectionsPerClass = m.get("detections_per_class").isNull() ? 100 : m.get("detections_per_class").asInt();
    regular = !m.get("use_regular_nms").isNull() && m.get("use_regular_nms").asBoolean();
    scoreThreshold = (float) m.get("nms_score_threshold").asFloat();
    iouThreshold = (float) m.get("nms_iou_threshold").asFloat();
    numClasses = m.get("num_classes").asInt();
    yScale = (float) m.get("y_scale").asFloat();
    xScale = (float) m.get("x_scale").asFloat();
    hScale = (float) m.get("h_scale").asFloat();
    wScale = (float) m.get("w_scale").asFloat();
    numBoxes = boxes.shape[1];
    decoded = new float[numBoxes * 4];
  }

  static Kernel prepare(Prep p) {
    p.require(p.inputCount() == 3, "needs 3 inputs (box encodings, class predictions, anchors), found "
        + p.inputCount());
    p.require(p.op.outputs().length == 4, "needs 4 outputs (boxes, classes, scores, count), found "
        + p.op.outputs().length);
    p.require(p.in(0).rank() == 3 && p.in(1).rank() == 3 && p.in(2).rank() == 2,
        "box encodings and class predictions must have rank 3 and anchors rank 2, found "
        + Shapes.str(p.in(0).shape) + ", " + Shapes.str(p.in(1).shape) + ", " + Shapes.str(p.in(2).shape));
    for (int i = 0; i < 3; i++) {
      p.requireType(p.in(i), "input", ElementType.FLOAT32); // TFLite Micro decodes float32 only
    }
    for (int i = 0; i < 4; i++) {
      p.requireType(p.out(i), "output", ElementType.FLOAT32);
    }
    p.require(p.in(0).shape[0] == 1 && p.in(1).shape[0] == 1, "batch size must be 1");
    p.require(p.in(0).shape[2] >= 4, "box encodings need at least 4 values per box, found " + p.in(0).shape[2]);
    p.require(p.in(1).shape[1] == p.in(0).shape[1], "class predictions must have one row per box ("
        + p.in(0).shape[1] + "), found " + p.in(1).shape[1]);
    p.require(p.in(2).shape[0] == p.in(0).shape[1] && p.in(2).shape[1] == 4, "anchors must be ["
        + p.in(0).shape[1] + ", 4], found " + Shapes.str(p.in(2).shape));
    FlexBuffers.Map m;
    try {
      byte[] options = p.options.custom;
      p.require(options != null && options.length > 0, "has no custom options (expected a flexbuffer map)");
      m = FlexBuffers.getRoot(ByteBuffer.wrap(options)).asMap();
    } catch (RuntimeException e) {
      if (e instanceof kiln.api.KilnException k) {
        throw k;
      }
      throw p.fail("custom options are not a flexbuffer map: " + e);
    }
    DetectionPostprocess k = new DetectionPostprocess(p, m);
    int withBackground = p.in(1).shape[2];
    p.require(withBackground - k.numClasses <= 1 && withBackground >= k.numClasses, "class predictions have "
        + withBackground + " columns for num_classes " + k.numClasses + " (expected it or one more)");
    p.require(k.iouThreshold > 0 && k.iouThreshold <= 1, "nms_iou_threshold must be in (0, 1], found "
        + k.iouThreshold);
    int perDetection = k.regular ? 1 : Math.min(k.maxClassesPerDetection, k.numClasses);
    int n = k.maxDetections * perDetection;
    p.require(p.out(0).elementCount() >= n * 4 && p.out(1).elementCount() >= n && p.out(2).elementCount() >= n
        && p.out(3).elementCount() >= 1, "outputs are too small for " + n + " detections");
    return k;
  }

  @Override
  public void eval() {
    decode();
    float[] scores = classScores.f32;
    if (regular) {
      regularNms(scores);
    } else {
      fastNms(scores);
    }
  }

  private void decode() {
    int stride = boxes.shape[2];
    float[] b = boxes.f32;
    float[] a = anchors.f32;
    for (int i = 0; i < numBoxes; i++) {
      float by = b[i * stride];
      float bx = b[i * stride + 1];
      float bh = b[i * stride + 2];
      float bw = b[i * stride + 3];
      float ay = a[i * 4];
      float ax = a[i * 4 + 1];
      float ah = a[i * 4 + 2];
      float aw = a[i * 4 + 3];
      float yc = (float) ((double) by / (double) yScale * (double) ah + (double) ay);
      float xc = (float) ((double) bx / (double) xScale * (double) aw + (double) ax);
      float halfH = (float) (0.5 * Math.exp((double) bh / (double) hScale) * (double) ah);
      float halfW = (float) (0.5 * Math.exp((double) bw / (double) wScale) * (double) aw);
      decoded[i * 4] = yc - halfH;
      decoded[i * 4 + 1] = xc - halfW;
      decoded[i * 4 + 2] = yc + halfH;
      decoded[i * 4 + 3] = xc + halfW;
    }
  }

  /** Indices 0..n-1 sorted by value, highest first, equal values by index. */
  private static int[] decreasing(float[] values, int n) {
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (i, j) -> values[i] != values[j] ? Float.compare(values[j], values[i]) : Integer.compare(i, j));
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = idx[i];
    }
    return r;
  }

  private float iou(int i, int j) {
    float[] d = decoded;
    float areaI = (d[i * 4 + 2] - d[i * 4]) * (d[i * 4 + 3] - d[i * 4 + 1]);
    float areaJ = (d[j * 4 + 2] - d[j * 4]) * (d[j * 4 + 3] - d[j * 4 + 1]);
    if (areaI <= 0 || areaJ <= 0) {
      return 0f;
    }
    float ymin = Math.max(d[i * 4], d[j * 4]);
    float xmin = Math.max(d[i * 4 + 1], d[j * 4 + 1]);
    float ymax = Math.min(d[i * 4 + 2], d[j * 4 + 2]);
    float xmax = Math.min(d[i * 4 + 3], d[j * 4 + 3]);
    float inter = Math.max(ymax - ymin, 0f) * Math.max(xmax - xmin, 0f);
    return inter / (areaI + areaJ - inter);
  }

  /** One class's NMS: the kept box indices, best first, at most {@code max}. */
  private int[] singleClass(float[] scores, int max) {
    for (int i = 0; i < numBoxes; i++) {
      if (decoded[i * 4] >= decoded[i * 4 + 2] || decoded[i * 4 + 1] >= decoded[i * 4 + 3]) {
        throw prep.fail("decoded box " + i + " is empty or inverted (" + decoded[i * 4] + ", " + decoded[i * 4 + 1]
            + ", " + decoded[i * 4 + 2] + ", " + decoded[i * 4 + 3] + ")");
      }
    }
    int[] keep = new int[numBoxes];
    float[] keepScores = new float[numBoxes];
    int kept = 0;
    for (int i = 0; i < numBoxes; i++) {
      if (scores[i] >= scoreThreshold) {
        keepScores[kept] = scores[i];
        keep[kept++] = i;
      }
    }
    int[] order = decreasing(keepScores, kept);
    int outputSize = Math.min(kept, max);
    boolean[] active = new boolean[kept];
    Arrays.fill(active, true);
    int activeCount = kept;
    int[] selected = new int[outputSize];
    int n = 0;
    for (int i = 0; i < kept; i++) {
      if (activeCount == 0 || n >= outputSize) {
        break;
      }
      if (!active[i]) {
        continue;
      }
      selected[n++] = keep[order[i]];
      active[i] = false;
      activeCount--;
      for (int j = i + 1; j < kept; j++) {
        if (active[j] && iou(keep[order[i]], keep[order[j]]) > iouThreshold) {
          active[j] = false;
          activeCount--;
        }
      }
    }
    return Arrays.copyOf(selected, n);
  }

  private void write(int slot, int box, float cls, float score) {
    System.arraycopy(decoded, box * 4, outBoxes.f32, slot * 4, 4);
    outClasses.f32[slot] = cls;
    outScores.f32[slot] = score;
  }

  private void regularNms(float[] scores) {
    int withBackground = classScores.shape[2];
    int offset = withBackground - numClasses;
    if (detectionsPerClass <= 0) {
      throw prep.fail("detections_per_class must be positive, found " + detectionsPerClass);
    }
    float[] classScore = new float[numBoxes];
    int[] kept = new int[0];
    float[] keptScores = new float[0];
    for (int c = 0; c < numClasses; c++) {
      for (int row = 0; row < numBoxes; row++) {
        classScore[row] = scores[row * withBackground + c + offset];
      }
      int[] sel = singleClass(classScore, detectionsPerClass);
      int total = kept.length + sel.length;
      int[] idx = Arrays.copyOf(kept, total);
      float[] val = Arrays.copyOf(keptScores, total);
      for (int i = 0; i < sel.length; i++) {
        idx[kept.length + i] = sel[i] * withBackground + c + offset;
        val[kept.length + i] = classScore[sel[i]];
      }
      int[] order = decreasing(val, total);
      int keep = Math.min(total, maxDetections);
      kept = new int[keep];
      keptScores = new float[keep];
      for (int i = 0; i < keep; i++) {
        kept[i] = idx[order[i]];
        keptScores[i] = val[order[i]];
      }
    }
    for (int slot = 0; slot < maxDetections; slot++) {
      if (slot < kept.length) {
        int anchor = kept[slot] / withBackground;
        int cls = kept[slot] - anchor * withBackground - offset;
        write(slot, anchor, cls, keptScores[slot]);
      } else {
        Arrays.fill(outBoxes.f32, slot * 4, slot * 4 + 4, 0f);
        outClasses.f32[slot] = 0f;
        outScores.f32[slot] = 0f;
      }
    }
    outCount.f32[0] = kept.length;
  }

  private void fastNms(float[] scores) {
    int withBackground = classScores.shape[2];
    int offset = withBackground - numClasses;
    if (maxClassesPerDetection <= 0) {
      throw prep.fail("max_classes_per_detection must be positive, found " + maxClassesPerDetection);
    }
    int perAnchor = Math.min(maxClassesPerDetection, numClasses);
    float[] maxScores = new float[numBoxes];
    int[][] classOrder = new int[numBoxes][];
    float[] row = new float[numClasses];
    for (int b = 0; b < numBoxes; b++) {
      System.arraycopy(scores, b * withBackground + offset, row, 0, numClasses);
      classOrder[b] = decreasing(row, numClasses);
      maxScores[b] = row[classOrder[b][0]];
    }
    int[] selected = singleClass(maxScores, maxDetections);
    // TFLite Micro counts every (box, class) entry written and places entry k of a box at
    // perAnchor * (entries so far) + k; with one class per box (the usual setting) that is entry
    // after entry, as in TFLite. With more, TFLite Micro's placement can leave the outputs: Kiln
    // stops with an error there instead of writing past them.
    int written = 0;
    int capacity = outScores.elementCount();
    for (int box : selected) {
      for (int c = 0; c < perAnchor; c++) {
        int slot = perAnchor * written + c;
        if (slot >= capacity) {
          throw prep.fail("fast NMS with max_classes_per_detection " + maxClassesPerDetection + " places detection "
              + slot + " past the outputs' " + capacity + " (TFLite Micro would write out of bounds)");
        }
        int cls = classOrder[box][c];
        write(slot, box, cls, scores[box * withBackground + offset + cls]);
        written++;
      }
    }
    outCount.f32[0] = written;
  }
}
