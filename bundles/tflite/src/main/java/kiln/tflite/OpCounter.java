package kiln.tflite;

/**
 * Kiln's one counter of multiply-accumulates and operations per operator. MLTK counts in two
 * places and the two disagree, so the caller picks the {@link Convention}:
 *
 * <ul>
 *   <li>{@link Convention#SUMMARY}: what {@code mltk summarize} prints (MLTK's Python layer metrics,
 *       {@code mltk/core/model/metrics/layers/*.py}). conv/depthwise/FC: MACs = kernel x input
 *       depth x output elements, ops = 2 x MACs + one per output element when there is a bias
 *       (fused activations not counted); softmax 2 per element (exp, divide); RELU 2 per element;
 *       ADD and MUL 1; PAD/PADV2 6; average pool (filter area + 1), max pool filter area per output
 *       element; QUANTIZE 4, DEQUANTIZE 2 per element; RESHAPE one per element (a copy).
 *       Elementwise counts leave out the batch dimension except for RESHAPE and the FC bias.
 *   <li>{@link Convention#PROFILER}: what MLTK's TFLite Micro profiler reports on the device
 *       ({@code cpp/shared/tflite_micro/mltk_tflite_micro_profiler_metrics.cc}): as SUMMARY, plus 2
 *       ops per output element for a fused RELU, RELU_N1_TO_1 or RELU6 on conv, depthwise, FC and
 *       pooling; softmax 5 per element of the class dimension; RELU/RELU6 ops 2 per element;
 *       RESHAPE 0 (in place); MEAN 0; transpose conv counted over the input; the batch dimension
 *       included in elementwise counts.
 * </ul>
 *
 * <p>PADV2 and RESIZE_NEAREST_NEIGHBOR are where the two differ most, and each mode follows its
 * own MLTK source (checked against MLTK's code, snapshot 2025-03): the Python metrics register
 * one {@code Pad} rule for both PAD and PADV2 (6 ops per output element) and have no rule for
 * RESIZE_NEAREST_NEIGHBOR (0); the C++ profiler has a rule for PAD only (PADV2 is an op it does
 * not count: 0) and counts RESIZE_NEAREST_NEIGHBOR as {@code out_h * (8 + out_w * 8)} from the
 * size tensor. None of the published MLTK reports has either op, so no fixture decides it.
 *
 * <p>Micro_speech (conv 10x8 49x40x1 to 25x20x8 with bias and ReLU, reshape, FC 4000 to 4,
 * softmax 4): SUMMARY 336,000 MACs and 680,012 ops; PROFILER 336,000 MACs and 684,024 ops.
 */
public final class OpCounter {
  /** Which of MLTK's counting rules to follow. */
  public enum Convention {
    SUMMARY,
    PROFILER
  }

  /** MACs and ops of one operator or a whole model. */
  public record Counts(long macs, long ops) {
    public static final Counts ZERO = new Counts(0, 0);

    public Counts plus(Counts o) {
      return new Counts(macs + o.macs, ops + o.ops);
    }

    static Counts ops(long ops) {
      return new Counts(0, ops);
    }
  }

  private OpCounter() {}

  /** Totals over the main subgraph's operators. */
  public static Counts count(TfliteModel model, Convention convention) {
    Counts total = Counts.ZERO;
    Subgraph g = model.mainSubgraph();
    for (Operator op : g.operators()) {
      total = total.plus(count(g, op, convention));
    }
    return total;
  }

  /** MACs and ops of one operator; zero for operators the convention does not count. */
  public static Counts count(Subgraph g, Operator op, Convention convention) {
    if (op.op() == null) {
      return Counts.ZERO;
    }
    try {
      return switch (convention) {
        case SUMMARY -> SummaryCounts.of(g, op);
        case PROFILER -> ProfilerCounts.of(g, op);
      };
    } catch (RuntimeException e) {
      // a malformed operator (missing tensor, options or size data, wrong rank) counts nothing
      return Counts.ZERO;
    }
  }

  /** Elements of a shape without its first (batch) dimension. */
  static long withoutBatch(Tensor t) {
    int[] s = t.shape();
    long n = 1;
    for (int i = 1; i < s.length; i++) {
      n *= s[i];
    }
    return n;
  }
}
