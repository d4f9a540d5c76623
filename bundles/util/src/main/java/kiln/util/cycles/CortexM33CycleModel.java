package kiln.util.cycles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.platform.LayerInfo;
import kiln.api.platform.LayerOptions;

/**
 * Estimated cycles of one TFLite Micro int8 op on the EFR32xG24's Cortex-M33 at 78 MHz, running
 * CMSIS-NN style kernels. An estimate, not a simulation; shared by the {@code none} accelerator and
 * by the {@code mvp} accelerator for the ops it leaves to the CPU.
 *
 * <p>Every op kind has a formula linear in its coefficients ({@link LinearCost}). The coefficients
 * are fitted by non-negative least squares on relative error to the board measurements in {@code
 * fixtures/mvp/layers.csv}: every layer that ran on the CPU alone (accelerator cycles 0), from the
 * CPU-only run of image_example1 and from the MVP runs. {@code CortexM33FitTest} (platforms/cortex-m)
 * re-runs that fit and checks these numbers, printed to four significant digits.
 *
 * <p>Formulas resting on one measured layer are listed in {@link #ONE_MEASUREMENT}; {@link
 * #ASSUMED} formulas have no measurement at all. {@link #CALIBRATION_NOTE} says both in the
 * accelerators' descriptions, so the profile output names them.
 */
public final class CortexM33CycleModel {
  /** The EFR32xG24's Cortex-M33 clock. */
  public static final long CLOCK_HZ = 78_000_000L;

  /** Conv, depthwise conv, FC, transposed conv: one kernel call, the MAC loop, per-output work. */
  public static final LinearCost CMSIS_NN = new LinearCost("cpu cmsis-nn",
      List.of("call", "MAC", "output element"),
      g -> new double[] {1, g.macs(), g.outputElements()},
      1529, 2.871, 87.88);
  /** Average (and max) pooling: a call and each window tap of each output element. */
  public static final LinearCost POOL = new LinearCost("cpu pool",
      List.of("call", "window tap"),
      g -> new double[] {1, (double) g.outputElements() * g.filterHeight() * g.filterWidth()},
      828.6, 13.72);
  public static final LinearCost QUANTIZE = perInput("cpu quantize", 732.2, 34.13);
  public static final LinearCost DEQUANTIZE = perInput("cpu dequantize", 582.0, 120.1);
  public static final LinearCost SOFTMAX = perInput("cpu softmax", 945.6, 739.6);
  /** Reshape, squeeze, expand_dims: a copy. */
  public static final LinearCost RESHAPE = perInput("cpu reshape", 449.7, 4.976);
  /** Logistic, and tanh by analogy. */
  public static final LinearCost LOGISTIC = new LinearCost("cpu logistic",
      List.of("input element"), g -> new double[] {g.inputElements()}, 685.7);
  public static final LinearCost MEAN = new LinearCost("cpu mean",
      List.of("input element"), g -> new double[] {g.inputElements()}, 160.5);
  public static final LinearCost PAD = new LinearCost("cpu pad",
      List.of("output element"), g -> new double[] {g.outputElements()}, 20.57);
  public static final LinearCost SHAPE = perCall("cpu shape", 369.0);
  public static final LinearCost STRIDED_SLICE = perCall("cpu strided_slice", 1700);
  public static final LinearCost PACK = perCall("cpu pack", 916.0);
  /** Elementwise add, mul, sub: never measured on this CPU; two requantizations per element. */
  public static final LinearCost ELEMENTWISE = new LinearCost("cpu elementwise (assumed)",
      List.of("call", "output element"), g -> new double[] {1, g.outputElements()}, 1500, 20);
  /** Any other op: never measured; a call and a copy-like cost per output element. */
  public static final LinearCost OTHER = new LinearCost("cpu other op (assumed)",
      List.of("call", "output element"), g -> new double[] {1, g.outputElements()}, 1000, 10);

  /** Formulas whose coefficients one measured layer determines. */
  public static final List<LinearCost> ONE_MEASUREMENT =
      List.of(LOGISTIC, MEAN, SHAPE, STRIDED_SLICE, PACK);
  /** Formulas with no measurement behind them. */
  public static final List<LinearCost> ASSUMED = List.of(ELEMENTWISE, OTHER);

  /** Appended to the accelerators' descriptions (a compile-time constant: DS properties use it). */
  public static final String CALIBRATION_NOTE =
      "CPU ops calibrated on one measurement: logistic (tanh alike), mean, shape, strided_slice,"
          + " pack; not measured on the CPU: add, mul, sub, max_pool_2d, depthwise_conv_2d,"
          + " transpose_conv and ops without a formula";

  private static final Map<String, LinearCost> BY_OP = new LinkedHashMap<>();

  static {
    for (String op : List.of("conv_2d", "depthwise_conv_2d", "fully_connected", "transpose_conv")) {
      BY_OP.put(op, CMSIS_NN);
    }
    BY_OP.put("average_pool_2d", POOL);
    BY_OP.put("max_pool_2d", POOL);
    BY_OP.put("quantize", QUANTIZE);
    BY_OP.put("dequantize", DEQUANTIZE);
    BY_OP.put("softmax", SOFTMAX);
    for (String op : List.of("reshape", "squeeze", "expand_dims")) {
      BY_OP.put(op, RESHAPE);
    }
    BY_OP.put("logistic", LOGISTIC);
    BY_OP.put("tanh", LOGISTIC);
    BY_OP.put("mean", MEAN);
    BY_OP.put("pad", PAD);
    BY_OP.put("padv2", PAD);
    BY_OP.put("shape", SHAPE);
    BY_OP.put("strided_slice", STRIDED_SLICE);
    BY_OP.put("pack", PACK);
    for (String op : List.of("add", "mul", "sub")) {
      BY_OP.put(op, ELEMENTWISE);
    }
  }

  private CortexM33CycleModel() {}

  /** The formula {@code opcode} is costed with; {@link #OTHER} for ops without one. */
  public static LinearCost formula(String opcode) {
    return BY_OP.getOrDefault(opcode, OTHER);
  }

  /** Every formula, each once. */
  public static List<LinearCost> formulas() {
    List<LinearCost> all = new java.util.ArrayList<>();
    for (LinearCost f : BY_OP.values()) {
      if (!all.contains(f)) {
        all.add(f);
      }
    }
    all.add(OTHER);
    return all;
  }

  /** Estimated CPU cycles of {@code layer}. Never negative; unknown ops get {@link #OTHER}. */
  public static double cycles(LayerInfo layer) {
    return formula(layer.opcode()).cycles(new LayerGeometry(layer));
  }

  /**
   * Arena scratch of the layer's CMSIS-NN kernel as TFLite Micro's {@code kernels/cmsis_nn}
   * requests it on a Cortex-M33 ({@link CmsisNnBuffers}): int8 conv (im2col, none for an unpadded
   * 1x1), int16 conv with an int64 bias or none, int8 depthwise conv, int8/int16 average pooling.
   * Fully connected asks for a buffer only on its conv-1x1 path with per-tensor weights, which a
   * layer description cannot tell (0 here). Other kernels need none.
   */
  public static long scratchBytes(LayerInfo layer) {
    LayerGeometry g = new LayerGeometry(layer);
    String in = g.inputType(0);
    boolean same = g.samePadding();
    int[] x = g.input(0);
    int[] w = g.input(1);
    int dilW = g.intOption(LayerOptions.DILATION_W, 1);
    int dilH = g.intOption(LayerOptions.DILATION_H, 1);
    switch (layer.opcode()) {
      case "conv_2d" -> {
        if (w.length != 4 || x.length != 4) {
          return 0;
        }
        if (in.equals("int16")) {
          String bias = g.inputType(2);
          return bias.isEmpty() || bias.equals("int64")
              ? CmsisNnBuffers.convolveS16(x[3], w[2], w[1]) : 0;
        }
        if (!in.equals("int8")) {
          return 0;
        }
        int[] o = g.output(0);
        if (o.length != 4) {
          return 0;
        }
        int padW = CmsisNnBuffers.padBefore(same, g.strideW(), dilW, x[2], w[2], o[2]);
        int padH = CmsisNnBuffers.padBefore(same, g.strideH(), dilH, x[1], w[1], o[1]);
        return CmsisNnBuffers.convolveS8(padW, padH, dilW, dilH, x[3], w[2], w[1], w[3]);
      }
      case "depthwise_conv_2d" -> {
        if (w.length != 4 || x.length != 4 || !in.equals("int8")
            || !g.inputType(1).equals("int8")) {
          return 0;
        }
        int[] o = g.output(0);
        if (o.length != 4) {
          return 0;
        }
        int padW = CmsisNnBuffers.padBefore(same, g.strideW(), dilW, x[2], w[2], o[2]);
        int padH = CmsisNnBuffers.padBefore(same, g.strideH(), dilH, x[1], w[1], o[1]);
        return CmsisNnBuffers.depthwiseS8(x[0], x[3], o[3], w[2], w[1], padW, padH, dilW, dilH);
      }
      case "average_pool_2d" -> {
        return in.equals("int8") || in.equals("int16")
            ? CmsisNnBuffers.averagePool(LayerGeometry.channels(g.output(0))) : 0;
      }
      default -> {
        return 0;
      }
    }
  }

  private static LinearCost perInput(String name, double call, double perElement) {
    return new LinearCost(name, List.of("call", "input element"),
        g -> new double[] {1, g.inputElements()}, call, perElement);
  }

  private static LinearCost perCall(String name, double call) {
    return new LinearCost(name, List.of("call"), g -> new double[] {1}, call);
  }
}
